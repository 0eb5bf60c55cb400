"""The demo toezeggingen: every state in Dijkhoven, some published, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from commitments.constants import CommitmentStatus
from commitments.models import Commitment


@pytest.fixture
def demo(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_covers_every_state_with_one_overdue_in_a_committee(demo):
    dijkhoven = Commitment.objects.filter(municipality__name="Dijkhoven")
    assert set(dijkhoven.values_list("status", flat=True)) == set(CommitmentStatus.values)
    assert dijkhoven.overdue().filter(meeting__kind="committee").exists()
    assert dijkhoven.published().exists() and dijkhoven.filter(published_at=None).exists()
    assert Commitment.objects.filter(municipality__name="Lindeburg").count() == 2


def test_running_it_twice_adds_nothing(demo):
    counts = (Commitment.objects.count(), Commitment.history.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (Commitment.objects.count(), Commitment.history.count()) == counts


def test_the_public_index_shows_the_published_demo_commitments(demo):
    page = Client().get("/toezeggingen/", HTTP_HOST="localhost").text
    assert "Evaluatie leerlingenvervoer" in page
    assert "Overzicht leegstaande panden" not in page
    home = Client().get("/", HTTP_HOST="localhost").text
    assert home.index("Moties") < home.index("Toezeggingen") < home.index("Adviezen")
