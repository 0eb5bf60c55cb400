"""Benchmark: how long importing a motievolglijst of 5,000 rows takes.

Generates an .xlsx in a temporary folder, imports it into a throwaway municipality and
prints the seconds for reading, checking and saving; everything it made is rolled back.
Prints figures; it asserts nothing."""

import datetime
import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from governance.models import Municipality, Party, Portfolio
from motions.importing import import_table, plan_import
from motions.spreadsheets import read_table
from motions.tasks import index_motions_task

STATUSES = ["Aangenomen", "In uitvoering", "Afdoening voorgesteld", "Afgedaan", "Verworpen"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the import of a 5,000-row motievolglijst (rolled back afterwards)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)

    def handle(self, *args, rows, **options):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "motievolglijst.xlsx"
            path.write_bytes(workbook(rows))
            try:
                with transaction.atomic():
                    self.run(path, rows)
                    raise Rollback
            except Rollback:
                pass

    def run(self, path, rows):
        municipality = Municipality.objects.create(name="Benchdorp", tooi_code="gm9998")
        for name, abbreviation in [("Lokaal Belang", "LB"), ("GroenLinks", "GL")]:
            Party.objects.create(municipality=municipality, name=name, abbreviation=abbreviation)
        for name in ("Sociaal domein", "Financiën", "Wonen"):
            Portfolio.objects.create(municipality=municipality, name=name)
        start = time.perf_counter()
        table = read_table(path.name, path.read_bytes())
        read = time.perf_counter()
        with CaptureQueriesContext(connection) as planning:
            plan_import(municipality, path.name, table)
        checked = time.perf_counter()
        with CaptureQueriesContext(connection) as saving:
            result = import_table(municipality, path.name, table, None)
        done = time.perf_counter()
        assert result.saved, result.plan.error_lines[:5]
        # The search index is updated by a task after the commit; time it apart.
        index_motions_task.call([motion.pk for motion in result.created])
        indexed = time.perf_counter()
        self.stdout.write(
            f"import of {rows} rows ({path.stat().st_size} bytes .xlsx, "
            f"{connection.vendor}): read {read - start:.2f} s, "
            f"check {checked - read:.2f} s ({len(planning)} queries), "
            f"check and save {done - checked:.2f} s ({len(saving)} queries); "
            f"total {done - start - (checked - read):.2f} s; "
            f"then the search index task {indexed - done:.2f} s"
        )


def workbook(rows: int) -> bytes:
    """A realistic list: dates as date cells, two indieners per motie, some new people."""
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Motievolglijst")
    sheet.append(
        ["Nr", "Datum raad", "Onderwerp", "Indiener(s)", "Portefeuille", "Dictum",
         "Stand van zaken", "Termijn", "Status"]
    )  # fmt: skip
    first = datetime.date(2015, 1, 1)
    portfolios = ["Sociaal domein", "Financiën", "Wonen"]
    for n in range(rows):
        day = first + datetime.timedelta(days=7 * (n // 25))
        deadline = day + datetime.timedelta(days=180) if n % 3 else "voor de begroting"
        sheet.append(
            [
                f"M{day.year}-{n:05d}",
                day,
                f"Motie {n} over voorzieningen in de wijk",
                f"Raadslid {n % 40} (LB); Raadslid {40 + n % 30} (GroenLinks)",
                portfolios[n % 3],
                "verzoekt het college om te onderzoeken hoe de voorziening kan worden "
                "uitgebreid, en de raad daarover te informeren,",
                "Het onderzoek loopt." if n % 2 else None,
                deadline,
                STATUSES[n % len(STATUSES)],
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
