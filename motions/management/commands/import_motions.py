"""Import an existing motievolglijst: `manage.py import_motions PATH --municipality
TOOI_CODE [--dry-run] [--user USERNAME]`.

Every row is checked first; with any row error nothing is saved and the command exits
non-zero, naming each bad row by its spreadsheet row number (the header is row 1)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance.models import Municipality
from motions.importing import ImportRefused, import_file
from motions.spreadsheets import max_upload_bytes


class Command(BaseCommand):
    help = "Import moties from an .xlsx or .csv motievolglijst (all rows or none)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .xlsx or .csv file.")
        parser.add_argument("--municipality", required=True, help="TOOI code, e.g. gm0153.")
        parser.add_argument("--dry-run", action="store_true", help="Check only; save nothing.")
        parser.add_argument("--user", help="Username recorded in the history as the importer.")

    def handle(self, *args, path, municipality, dry_run, user, **options):
        municipality = self.municipality(municipality)
        data = self.read(Path(path))
        try:
            result = import_file(
                municipality, Path(path).name, data, self.user(user), dry_run=dry_run
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from error
        plan = result.plan
        for row in plan.rows:
            if row.errors:
                continue
            self.stdout.write(
                _("row %(row)s: %(message)s")
                % {"row": row.row, "message": f"{row.number} — {row.outcome_display}"}
            )
        for line in plan.error_lines:
            self.stderr.write(line)
        if not plan.is_valid:
            raise CommandError(plan.summary())
        self.stdout.write(plan.summary())
        if dry_run:
            self.stdout.write(_("Dry run: nothing saved."))
        elif result.saved:
            self.stdout.write(
                ngettext(
                    "%(count)s motion imported into %(municipality)s.",
                    "%(count)s motions imported into %(municipality)s.",
                    len(result.created),
                )
                % {"count": len(result.created), "municipality": municipality.name}
            )

    def municipality(self, code):
        found = Municipality.objects.filter(tooi_code=code.strip().lower()).first()
        if found is None:
            raise CommandError(
                _("There is no municipality with TOOI code %(code)s.") % {"code": code}
            )
        return found

    def read(self, path: Path) -> bytes:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        if path.stat().st_size > max_upload_bytes():
            # Read no further than needed to refuse it.
            with path.open("rb") as file:
                return file.read(max_upload_bytes() + 1)
        return path.read_bytes()

    def user(self, username):
        if not username:
            return None
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(_("There is no user %(name)s.") % {"name": username})
        return found
