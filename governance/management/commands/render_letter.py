"""Render a letter to a file, for scripts and checks:
`manage.py render_letter KIND ID --output PATH`, KIND being motion-completion (ID of
the motie), advice-response or council-information (ID of the advies).

The latest version of that letter is rendered; without one, a draft with the usual
text is rendered. Nothing is saved."""

from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from governance.letters import LetterError

KINDS = {
    "motion-completion": ("motions.CompletionLetter", "motions.Motion", "motion"),
    "advice-response": ("advice.ResponseLetter", "advice.Advice", "advice"),
    "council-information": ("advice.CouncilInformationLetter", "advice.Advice", "advice"),
}


class Command(BaseCommand):
    help = "Render a generated letter as PDF."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("id", type=int, help="The id of the motion or of the advice.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")

    def handle(self, *args, kind, id, output, **options):
        letter_label, subject_label, field = KINDS[kind]
        letter_model, subject_model = apps.get_model(letter_label), apps.get_model(subject_label)
        subject = subject_model.objects.filter(pk=id).first()
        if subject is None:
            raise CommandError(
                _("There is no %(kind)s with id %(id)s.")
                % {"kind": subject_model._meta.verbose_name, "id": id}
            )
        letter = letter_model.objects.filter(**{field: subject}).order_by("-version").first()
        letter = letter or letter_model(**{field: subject})
        try:
            pdf = letter.stored_pdf() if letter.is_sent and letter.pdf else letter.render()[1]
        except LetterError as error:
            raise CommandError(str(error)) from error
        Path(output).write_bytes(pdf)
        self.stdout.write(
            _("%(path)s written (%(size)s bytes).") % {"path": output, "size": len(pdf)}
        )
