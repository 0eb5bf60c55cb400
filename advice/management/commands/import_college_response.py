"""Import an existing college response letter into an advies: match each answer to
the point it answers, read the standpunt the letter states for it, report what could
not be matched or is unclear, and (with --apply) store the answers as the response
texts of those points, with the standpunten that were clear."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from advice.constants import RESPONDING_STATUSES, Position
from advice.documents import read_text
from advice.extraction import ExtractionError
from advice.matching import match_responses
from advice.models import Advice, PointResponse


class Command(BaseCommand):
    help = "Match a college response letter to the points of an advice."

    def add_arguments(self, parser):
        parser.add_argument("advice_id", type=int)
        parser.add_argument("path")
        parser.add_argument(
            "--apply", action="store_true", help="Store the matched answers and standpunten."
        )

    @staticmethod
    def describe_position(match) -> str:
        number = match.point_number
        if match.position:
            return _("Point %(number)s: position %(position)s") % {
                "number": number,
                "position": Position(match.position).label,
            }
        if match.position_note:
            return _("Point %(number)s: position unclear (%(text)s); left empty") % {
                "number": number,
                "text": match.position_note,
            }
        return _("Point %(number)s: no position stated; left empty") % {"number": number}

    def handle(self, *args, advice_id, path, apply=False, **options):
        advice = Advice.objects.filter(pk=advice_id).first()
        if advice is None:
            raise CommandError(_("There is no advice with id %(id)s.") % {"id": advice_id})
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        try:
            letter = read_text(file.name, file.read_bytes())
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        points = {p.number: p for p in advice.points.all()}
        # A letter quotes a point with its explanation; both help to find it.
        report = match_responses(
            [(n, f"{p.text} {p.explanation}".strip()) for n, p in points.items()], letter
        )
        for match in report.matches:
            self.stdout.write(
                _("Point %(number)s: matched (%(score)s%%)")
                % {"number": match.point_number, "score": round(match.score * 100)}
            )
            self.stdout.write(self.describe_position(match))
        for number in report.unmatched_points:
            self.stdout.write(_("Point %(number)s: no answer found") % {"number": number})
        for quote in report.unmatched_quotes:
            self.stdout.write(_("Not matched: %(text)s") % {"text": quote[:120]})
        if apply:
            if advice.status not in RESPONDING_STATUSES:
                raise CommandError(
                    _("The responses of this advice can no longer be changed (it is %(status)s).")
                    % {"status": advice.get_status_display().lower()}
                )
            with transaction.atomic():
                for match in (m for m in report.matches if m.response):
                    response, _created = PointResponse.objects.get_or_create(
                        point=points[match.point_number]
                    )
                    response.text = match.response
                    if match.position:  # an unclear standpunt is left as it was
                        response.position = match.position
                    response._change_reason = _("Imported from the college response letter")
                    response.save()
            self.stdout.write(_("%(count)s answers stored.") % {"count": len(report.matches)})
