"""Seed the days made equal to algemeen erkende feestdagen by Koninklijk Besluit
(art. 3 lid 3 Algemene termijnenwet) as reported when Raadsvolg was built.

They are data: the griffie corrects and extends them in the admin when a new decree
is published. Check each against the Staatscourant/Staatsblad before relying on it."""

import datetime

from django.db import migrations

REPORTED = [
    ("2023-04-28", "Vrijdag na Koningsdag"),
    ("2023-05-19", "Vrijdag na Hemelvaartsdag"),
    ("2024-05-10", "Vrijdag na Hemelvaartsdag"),
    ("2024-12-27", "Vrijdag na Tweede Kerstdag"),
    ("2025-05-30", "Vrijdag na Hemelvaartsdag"),
    ("2026-01-02", "Vrijdag na Nieuwjaarsdag"),
    ("2026-05-15", "Vrijdag na Hemelvaartsdag"),
    ("2027-05-07", "Vrijdag na Hemelvaartsdag"),
    ("2028-04-28", "Vrijdag na Koningsdag"),
    ("2028-05-26", "Vrijdag na Hemelvaartsdag"),
]
SOURCE = "Koninklijk Besluit op grond van art. 3 lid 3 Atw (zoals gemeld; te controleren)"


def seed(apps, schema_editor):
    EqualisedDay = apps.get_model("governance", "EqualisedDay")
    for day, description in REPORTED:
        EqualisedDay.objects.get_or_create(
            date=datetime.date.fromisoformat(day),
            defaults={"description": description, "decree": SOURCE},
        )


def unseed(apps, schema_editor):
    EqualisedDay = apps.get_model("governance", "EqualisedDay")
    EqualisedDay.objects.filter(
        date__in=[datetime.date.fromisoformat(day) for day, _ in REPORTED], decree=SOURCE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
