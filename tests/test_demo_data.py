"""`load_demo_data`: every status, some overdue, two municipalities, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from governance.models import Municipality, Person
from motions.constants import MotionStatus
from motions.models import Motion


@pytest.fixture
def demo(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())


def test_demo_covers_every_status_with_some_overdue(demo):
    dijkhoven = Motion.objects.filter(municipality__name="Dijkhoven")
    assert dijkhoven.count() == 14
    assert set(dijkhoven.values_list("status", flat=True)) == set(MotionStatus.values)
    assert dijkhoven.overdue().count() >= 2
    assert Municipality.objects.count() == 2


def test_running_it_twice_adds_nothing(demo, settings):
    counts = (Motion.objects.count(), Person.objects.count(), Motion.history.count())
    call_command("load_demo_data", stdout=io.StringIO())
    assert (Motion.objects.count(), Person.objects.count(), Motion.history.count()) == counts


def test_demo_accounts_can_log_in_and_see_their_own_moties(demo):
    client = Client()
    assert client.login(username="griffie", password="raadsvolg-demo")
    page = client.get("/admin/motion/").text
    assert "Meldpunt eenzaamheid" in page
    assert "Buurtbus naar het gezondheidscentrum" not in page


def test_the_home_page_of_each_municipality_answers(demo):
    assert "Raadsvolg Dijkhoven" in Client().get("/", HTTP_HOST="localhost").text
    assert "Raadsvolg Lindeburg" in Client().get("/", HTTP_HOST="lindeburg.localhost").text


def test_demo_data_is_refused_outside_demo_mode(db, settings):
    settings.RAADSVOLG_DEMO = False
    with pytest.raises(CommandError, match="demomodus"):
        call_command("load_demo_data")
    assert not Motion.objects.exists()
