"""Fill the database with realistic data at scale, for measuring pages (issue 16)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from operations.scale_data import SEED, generate


class Command(BaseCommand):
    help = (
        "Add N moties (and N/2 toezeggingen, N/10 adviezen of 20 points) in every lifecycle "
        "state to the demo municipality Dijkhoven, and a fiftieth of that to Lindeburg, with "
        "bulk inserts, history rows and search index entries. Creates the demo organisation "
        "(Sites, public pages, accounts with the demo password) when absent: demo or DEBUG "
        "mode only. Prints what it made and how long it took."
    )

    def add_arguments(self, parser):
        parser.add_argument("--moties", type=int, default=1000, help="moties in Dijkhoven")
        parser.add_argument("--toezeggingen", type=int, help="default: half the moties")
        parser.add_argument("--adviezen", type=int, help="default: a tenth of the moties")
        parser.add_argument("--points", type=int, default=20, help="points per advies")
        parser.add_argument(
            "--other-moties", type=int, help="moties in Lindeburg (default N/50, at least 5)"
        )
        parser.add_argument("--seed", default=SEED, help="random seed (same seed, same data)")
        parser.add_argument("--no-index", action="store_true", help="leave the search index alone")

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "RAADSVOLG_DEMO", False)):
            raise CommandError("Scale data only in demo or DEBUG mode: it adds demo accounts.")
        report = generate(
            motions=options["moties"],
            commitments=options["toezeggingen"],
            advices=options["adviezen"],
            points=options["points"],
            other_motions=options["other_moties"],
            seed=options["seed"],
            index=not options["no_index"],
            out=self.stdout.write,
        )
        self.stdout.write("Made:")
        for label, count in sorted(report.counts.items()):
            self.stdout.write(f"  {label:<32} {count:>10,}")
        self.stdout.write("Time:")
        for label, seconds in report.timings.items():
            self.stdout.write(f"  {label:<32} {seconds:>9.1f} s")
