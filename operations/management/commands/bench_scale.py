"""Server time, queries and size of every page type at several sizes of data, and the
throughput of the public motie list against a plain page (issue 16). Prints figures;
asserts nothing. `make bench-scale` runs it against a throwaway PostgreSQL."""

import contextlib
import logging
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations import bench_pages, scale_throughput
from operations.bench_report import render_markdown, render_text
from operations.scale_data import generate


class Command(BaseCommand):
    help = (
        "For each size N: a fresh database (PostgreSQL: a copy of the migrated database "
        "per N), N moties of scale data, then every admin and public page type, feed, "
        "sitemap, calendar and API resource through Django's test client: status, "
        "queries, median server time cold (cache emptied) and warm, size. Then the "
        "requests per second of gunicorn for the motie list and a content page. Ends with "
        "a table per page over the sizes that flags the targets of issue 16."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", default="100,10000,100000", help="comma-separated numbers of moties"
        )
        parser.add_argument("--repeat", type=int, default=5, help="timed requests per page")
        parser.add_argument("--points", type=int, default=20, help="points per advies")
        parser.add_argument("--no-throughput", action="store_true", help="skip gunicorn")
        parser.add_argument("--seconds", type=float, default=5.0, help="per throughput run")
        parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
        parser.add_argument("--markdown", help="also write the table as Markdown here")
        parser.add_argument(
            "--only", help="measure only the pages whose label holds this text (e.g. api)"
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="keep each size's database afterwards (PostgreSQL), for --reuse",
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="measure a size's kept database (migrated first) instead of generating it",
        )
        parser.add_argument(
            "--generate-only", action="store_true", help="generate (and --keep), measure nothing"
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="use the current database as it is and add each size's data to it "
            "(automatic on SQLite and inside a transaction, as in the tests)",
        )

    def handle(self, *args, **options):
        sizes = sorted({int(s) for s in options["sizes"].split(",") if s.strip()})
        if not sizes or min(sizes) < 1:
            raise CommandError("--sizes takes positive numbers, e.g. 100,10000,100000")
        if not (settings.DEBUG or getattr(settings, "RAADSVOLG_DEMO", False)):
            raise CommandError("Scale data only in demo or DEBUG mode: it adds demo accounts.")
        with measuring_settings(self.say):
            self.run(sizes, options)

    def run(self, sizes, options):
        in_place = (
            options["in_place"] or connection.vendor != "postgresql" or connection.in_atomic_block
        )
        keep = options["keep"] or options["generate_only"]
        databases = None if in_place else scale_throughput.Databases(connection, keep=keep)
        if databases:
            self.say("migrating the template database")
            call_command("migrate", interactive=False, verbosity=0)
        results = bench_pages.Results(sizes=sizes)
        generation, throughput = {}, {}
        try:
            for size in sizes:
                if databases and options["reuse"] and databases.kept(size):
                    self.say(f"N={size}: reusing the kept database, migrating it")
                    call_command("migrate", interactive=False, verbosity=0)
                    generation[size] = None
                else:
                    if databases:
                        databases.fresh(size)
                    started = time.monotonic()
                    report = generate(motions=size, points=options["points"], out=self.say)
                    generation[size] = time.monotonic() - started
                    self.say(f"N={size}: generated in {generation[size]:.1f} s: {counts(report)}")
                if options["generate_only"]:
                    continue
                self.measure_pages(size, options["repeat"], results, options["only"])
                if not options["no_throughput"]:
                    throughput[size] = scale_throughput.run(
                        connection, options["seconds"], options["clients"], self.say
                    )
        finally:
            if databases:
                databases.drop_all()
        if options["generate_only"]:
            return
        text = render_text(results, generation, throughput)
        self.stdout.write(text)
        if options["markdown"]:
            with open(options["markdown"], "w", encoding="utf-8") as out:
                out.write(render_markdown(results, generation, throughput))
            self.say(f"Markdown written to {options['markdown']}")

    def measure_pages(self, size, repeat, results, only=None):
        site = bench_pages.Site()
        pages = [page for page in bench_pages.all_pages(site) if not only or only in page.label]
        self.say(f"N={size}: measuring {len(pages)} pages, {repeat} times each")
        for page in pages:
            measurement = bench_pages.measure(site.client(page.user), page, repeat)
            results.add(page, size, measurement)
            warm = f" warm {measurement.warm_ms:8.1f} ms" if measurement.warm_ms else ""
            flag = "" if measurement.status == 200 else f"  <-- HTTP {measurement.status}"
            self.say(
                f"  {page.label:<44} {measurement.status} {measurement.queries:>5} q "
                f"{measurement.cold_ms:9.1f} ms{warm} {measurement.size / 1024:9.1f} KB"
                f"  {page.path}{flag}"
            )

    def say(self, text):
        self.stdout.write(str(text))
        self.stdout.flush()


def counts(report) -> str:
    wanted = ("motion", "commitment", "advice", "advicepoint", "history rows")
    return ", ".join(f"{report.counts.get(k, 0):,} {k}" for k in wanted)


@contextlib.contextmanager
def measuring_settings(say):
    """Measure as production runs: DEBUG off, no rate limit of the API in the way, no
    log line per request burying the figures. Restored afterwards, since the tests run
    this command in their own process."""
    saved = settings.DEBUG, settings.RAADSVOLG_API_RATE_LIMIT
    request_log = logging.getLogger("raadsvolg.request")
    saved_level = request_log.level
    if settings.DEBUG:
        say("DEBUG was on; switched off for the measurement (run with DJANGO_DEBUG=false)")
    settings.DEBUG = False
    settings.RAADSVOLG_API_RATE_LIMIT = "1000000/minute"
    request_log.setLevel(logging.WARNING)
    try:
        yield
    finally:
        settings.DEBUG, settings.RAADSVOLG_API_RATE_LIMIT = saved
        request_log.setLevel(saved_level)
