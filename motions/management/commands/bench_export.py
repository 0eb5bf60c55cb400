"""Benchmark: how long the motievolglijst export of 10,000 moties takes, as XLSX and as
CSV, through the admin as the griffie downloads it.

Prints figures; it asserts nothing (timings belong in benchmarks, not in tests). The
data it makes is rolled back."""

import datetime
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.constants import RoleKind
from governance.models import Meeting, Municipality, Party, Person, Portfolio, Role
from motions.models import Motion, MotionSubmitter, Vote

VOTE_DAY = datetime.date(2026, 3, 12)


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the export of the motievolglijst (XLSX and CSV) at 10,000 moties."

    def add_arguments(self, parser):
        parser.add_argument("--motions", type=int, default=10_000)

    def handle(self, *args, motions, **options):
        try:
            with transaction.atomic():
                client = Client()
                client.force_login(self.make_data(motions))
                # Load the URLconf and templates first: a server has them loaded.
                client.get(reverse("motion:index"), HTTP_HOST="localhost")
                for export in ("xlsx", "csv"):
                    self.time_export(client, export, motions)
                raise Rollback
        except Rollback:
            pass

    def time_export(self, client, export, count):
        url = f"{reverse('motion:index')}?export={export}"
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_HOST="localhost")
            size = len(b"".join(response.streaming_content))
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"export {export}, {count} moties, {size} bytes: {seconds:.2f} s, "
            f"{len(queries)} queries"
        )

    def make_data(self, count):
        municipality = Municipality.objects.create(name="Benchdorp", tooi_code="gm9998")
        meeting = Meeting.objects.create(municipality=municipality, date=VOTE_DAY)
        portfolio = Portfolio.objects.create(municipality=municipality, name="Sociaal domein")
        party = Party.objects.create(municipality=municipality, name="Partij", abbreviation="P")
        person = Person.objects.create(municipality=municipality, name="Raadslid", party=party)
        motions = Motion.objects.bulk_create(
            Motion(
                municipality=municipality,
                meeting=meeting,
                meeting_held_on=meeting.date,
                portfolio=portfolio,
                number=f"B{i:05d}",
                title=f"Motie {i}",
                operative_text="verzoekt het college …,",
                status="in_progress",
                vote_date=VOTE_DAY,
                deadline=datetime.date(2026, 6, 30),
            )
            for i in range(count)
        )
        MotionSubmitter.objects.bulk_create(
            MotionSubmitter(motion=m, person=person, party=party) for m in motions
        )
        Vote.objects.bulk_create(
            Vote(motion=m, outcome="adopted", votes_for=18, votes_against=9, date=VOTE_DAY)
            for m in motions
        )
        user = get_user_model().objects.create_user("bench-griffie")
        Role.objects.create(user=user, kind=RoleKind.griffie, municipality=municipality)
        return user
