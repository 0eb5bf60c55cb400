"""Render a letter to a file, for scripts and checks:
`manage.py render_letter motion-completion MOTION_ID --output PATH`.

The motie's latest completion letter is rendered; without one, a draft with an
empty KERNBOODSCHAP is rendered (nothing is saved)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from governance.letters import LetterError
from motions.models import CompletionLetter, Motion

KINDS = ["motion-completion"]


class Command(BaseCommand):
    help = "Render a generated letter as PDF."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("id", type=int, help="The id of the motion.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, kind, id, output, **options):
        motion = Motion.objects.select_related("municipality").filter(pk=id).first()
        if motion is None:
            raise CommandError(_("There is no motion with id %(id)s.") % {"id": id})
        letter = motion.completion_letters.order_by("-version").first() or CompletionLetter(
            motion=motion
        )
        try:
            _html, pdf = letter.render()
        except LetterError as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(pdf)
        self.stdout.write(
            _("%(path)s written (%(size)s bytes).") % {"path": output, "size": len(pdf)}
        )
