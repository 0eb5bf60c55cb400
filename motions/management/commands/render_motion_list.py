"""Render the lijst van moties en toezeggingen of a municipality to a PDF:
`manage.py render_motion_list TOOI_CODE --output PATH [--meeting ID]`.

The whole list (every portfolio), as the griffie puts it on the agenda; with --meeting,
only the open moties adopted in that meeting, which must be of that municipality."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from governance.models import Meeting, Municipality
from motions.agenda_list import ListRequest, render_agenda_list


class Command(BaseCommand):
    help = "Render the list of open moties (and toezeggingen) by portfolio as PDF."

    def add_arguments(self, parser):
        parser.add_argument("tooi_code", help="The municipality's TOOI code, e.g. gm0153.")
        parser.add_argument("--output", required=True, help="Where to write the PDF.")
        parser.add_argument("--meeting", type=int, help="Only what this meeting adopted.")

    def handle(self, *args, tooi_code, output, meeting, **options):
        municipality = Municipality.objects.filter(tooi_code=tooi_code.strip().lower()).first()
        if municipality is None:
            raise CommandError(
                _("There is no municipality with TOOI code %(code)s.") % {"code": tooi_code}
            )
        found = None
        if meeting is not None:
            found = Meeting.objects.filter(pk=meeting, municipality=municipality).first()
            if found is None:
                raise CommandError(
                    _("%(municipality)s has no meeting with id %(id)s.")
                    % {"municipality": municipality.name, "id": meeting}
                )
        _html, pdf = render_agenda_list(ListRequest(municipality, meeting=found))
        Path(output).write_bytes(pdf)
        self.stdout.write(
            _("%(path)s written (%(size)s bytes).") % {"path": output, "size": len(pdf)}
        )
