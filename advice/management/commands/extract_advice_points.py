"""Propose the advice points of a letter from the command line."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from advice.documents import read_text
from advice.extraction import ExtractionError, extract_points


class Command(BaseCommand):
    help = "Print the advice points found in a letter (PDF, DOCX or text)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The letter: a PDF with a text layer, DOCX or text.")
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args, path, json=False, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(_("There is no file at %(path)s.") % {"path": path})
        try:
            points = extract_points(read_text(file.name, file.read_bytes()))
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        if json:
            self.stdout.write(_dumps([point.as_dict() for point in points]))
            return
        for point in points:
            self.stdout.write(f"{point.number}. [{point.theme}] {point.text}")


def _dumps(data):
    return json.dumps(data, ensure_ascii=False, indent=2)
