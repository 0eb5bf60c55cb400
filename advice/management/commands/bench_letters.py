"""Benchmark: how long rendering a response letter of 40 advice points takes.

Prints figures; it asserts nothing (timings belong in benchmarks, not in tests). The
data it makes is rolled back."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from advice.models import Advice, AdvicePoint, PointResponse, ResponseLetter
from governance.models import AdvisoryCouncil, Letterhead, Municipality

POINTS = 40


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the rendering of a response letter of 40 points."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, runs, **options):
        try:
            with transaction.atomic():
                letter = self.letter()
                letter.render()  # the first render loads fonts; it is reported apart
                timings = []
                for _ in range(runs):
                    start = time.perf_counter()
                    _html, pdf = letter.render()
                    timings.append(time.perf_counter() - start)
                self.stdout.write(
                    f"response letter, {POINTS} points, {len(pdf)} bytes: "
                    f"median {statistics.median(timings):.3f} s, "
                    f"min {min(timings):.3f} s, max {max(timings):.3f} s over {runs} runs"
                )
                raise Rollback
        except Rollback:
            pass

    def letter(self):
        municipality = Municipality.objects.create(name="Benchdorp", tooi_code="gm9999")
        Letterhead.objects.create(
            municipality=municipality,
            name="Gemeente Benchdorp",
            place="Benchdorp",
            secretary_name="S.",
            mayor_name="B.",
        )
        council = AdvisoryCouncil.objects.create(
            name="Adviesraad Benchdorp", chair_initials="V.", chair_surname="Visser"
        )
        council.municipalities.add(municipality)
        advice = Advice.objects.create(
            municipality=municipality,
            advisory_council=council,
            date="2026-11-01",
            subject="Benchmark",
        )
        for number in range(1, POINTS + 1):
            point = AdvicePoint.objects.create(
                advice=advice,
                number=number,
                theme=f"Thema {1 + number // 8}",
                text="Wij adviseren het college om de toegang tot ondersteuning te verbeteren "
                "en inwoners tijdig te informeren over de gevolgen van het beleid. " * 2,
                sort_order=number,
            )
            PointResponse.objects.create(
                point=point,
                position="partly_adopted",
                text="Het college neemt dit advies gedeeltelijk over en werkt het uit. " * 3,
                reasons="De financiële ruimte is beperkt.",
            )
        return ResponseLetter(advice=advice)
