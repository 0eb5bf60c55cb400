"""Sessions (issue 14, item 4): they end after RAADSVOLG_SESSION_IDLE_MINUTES without a
request and RAADSVOLG_SESSION_MAX_HOURS after signing in, whatever the activity; the
user then lands on the login page with a Dutch message."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.admin_helpers import client_for

pytestmark = pytest.mark.django_db

EXPIRED = "Je sessie is verlopen. Log opnieuw in."


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def assert_expired(client, url="/admin/account/"):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={url.replace('/', '%2F')}"
    page = re.sub(r"\s+", " ", client.get(response.url).content.decode())
    assert EXPIRED in page
    assert not signed_in(client)


def test_the_configuration_is_sixty_minutes_idle_and_ten_hours_in_all(settings):
    from config.settings import base

    assert base.RAADSVOLG_SESSION_IDLE_MINUTES == 60
    assert base.RAADSVOLG_SESSION_MAX_HOURS == 10
    # The store keeps a session no longer than the longest allowed.
    assert base.SESSION_COOKIE_AGE == 10 * 60 * 60


def test_activity_keeps_the_session_and_sixty_idle_minutes_end_it(town, clock):
    client = client_for(town.griffie)
    clock.shift(timedelta(minutes=59))
    assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=59))
    assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=61))
    assert_expired(client)


def test_ten_hours_end_the_session_however_active(town, clock):
    client = client_for(town.griffie)
    for _ in range(12):  # every 50 minutes, for 10 hours
        clock.shift(timedelta(minutes=50))
        assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=1))
    assert_expired(client)


def test_through_the_real_login_view(town, clock):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": town.griffie.username, "password": "secret"}
    )
    assert response.status_code == 302
    clock.shift(timedelta(minutes=61))
    assert_expired(client, "/admin/")
    # Signing in again starts anew.
    client.post("/admin/login/", {"username": town.griffie.username, "password": "secret"})
    assert client.get("/admin/").status_code == 200


def test_the_numbers_are_settings(town, clock, settings):
    settings.RAADSVOLG_SESSION_IDLE_MINUTES = 5
    client = client_for(town.griffie)
    clock.shift(timedelta(minutes=4))
    assert client.get("/admin/").status_code == 200
    clock.shift(timedelta(minutes=6))
    assert_expired(client)


def test_an_expired_session_outside_the_admin_is_just_signed_out(town, clock):
    client = client_for(town.griffie)
    clock.shift(timedelta(hours=2))
    client.get("/robots.txt")
    assert not signed_in(client)


def test_a_post_after_expiry_changes_nothing(town, clock):
    client = client_for(town.griffie)
    clock.shift(timedelta(hours=2))
    response = client.post("/admin/account/", {"name_email-first_name": "Veranderd"})
    assert response.status_code == 302 and response.url == "/admin/login/"
    town.griffie.refresh_from_db()
    assert town.griffie.first_name != "Veranderd"
