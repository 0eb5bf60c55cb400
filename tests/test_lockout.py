"""Wrong passwords (issue 14, item 3): django-axes locks one username from one address
after RAADSVOLG_LOGIN_FAILURE_LIMIT failures for RAADSVOLG_LOGIN_LOCKOUT_MINUTES, with a
Dutch message on Wagtail's own login page; the functional administrator unlocks."""

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.audit_models import AuditEvent, AuditKind
from tests.admin_helpers import client_for, is_refused

LOGIN = "/admin/login/"
LOCKED = "Te veel mislukte inlogpogingen voor dit account vanaf deze computer"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address="10.0.0.1"):
    """Wrong passwords: refused as such, and the one that reaches the limit locks."""
    for attempt in range(1, times + 1):
        response = sign_in(client, username, "wrong", address)
        if attempt < settings.AXES_FAILURE_LIMIT:
            assert response.status_code == 200
            assert "komen niet overeen" in response.content.decode()
        else:
            assert response.status_code == 429


def text(response) -> str:
    html = response if isinstance(response, str) else response.content.decode()
    return re.sub(r"\s+", " ", html)


def test_the_real_configuration_is_five_failures_for_fifteen_minutes_per_user_and_address():
    # The test settings turn axes off by default; the numbers are those of base.py.
    from config.settings import base

    assert base.AXES_FAILURE_LIMIT == 5
    assert timedelta(minutes=15) == base.AXES_COOLOFF_TIME
    assert base.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert base.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert base.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert "AXES_ENABLED" not in vars(base)  # on wherever the test settings don't turn it off


def test_four_failures_do_not_lock_and_the_right_password_then_signs_in(town):
    client = Client()
    fail(client, town.griffie.username, 4)
    response = sign_in(client, town.griffie.username, "secret")
    assert response.status_code == 302
    assert signed_in(client)


def test_the_fifth_failure_locks_with_a_dutch_message_saying_when_and_whom_to_ask(town):
    client = Client()
    now = timezone.localtime()
    with time_machine.travel(now, tick=False):
        fail(client, town.griffie.username, 4)
        response = sign_in(client, town.griffie.username, "wrong")
    assert response.status_code == 429
    page = text(response)
    assert LOCKED in page
    until = (now + timedelta(minutes=15)).strftime("%H:%M")
    assert f"Je kunt het opnieuw proberen vanaf {until}" in page
    assert "functioneel beheerder van Raadsvolg" in page
    assert 'name="username"' in page  # the login page itself, not axes's bare page
    assert "Account locked" not in page


def test_a_locked_account_with_the_right_password_still_does_not_sign_in(town):
    client = Client()
    fail(client, town.griffie.username, 5)
    response = sign_in(client, town.griffie.username, "secret")
    assert response.status_code == 429
    assert LOCKED in text(response)
    assert not signed_in(client)


def test_the_lock_is_per_username_and_address(town):
    client = Client()
    fail(client, town.griffie.username, 5)
    # Another address for the same account, and another account from the same address.
    assert sign_in(Client(), town.griffie.username, "secret", address="10.0.0.2").status_code == 302
    assert sign_in(Client(), town.staff.username, "secret").status_code == 302


def test_the_lock_ends_after_fifteen_minutes(town):
    client = Client()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, town.griffie.username, 5)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert sign_in(client, town.griffie.username, "secret").status_code == 429
    with time_machine.travel(start + timedelta(minutes=15, seconds=1), tick=False):
        assert sign_in(client, town.griffie.username, "secret").status_code == 302
        assert signed_in(client)


def test_the_numbers_are_settings(town, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    fail(client, town.griffie.username, 1)
    assert sign_in(client, town.griffie.username, "wrong").status_code == 429


def test_the_client_address_behind_trusted_proxies(town, settings):
    settings.RAADSVOLG_TRUSTED_PROXIES = 1
    client = Client()
    for _ in range(5):
        client.post(
            LOGIN,
            {"username": town.griffie.username, "password": "wrong"},
            REMOTE_ADDR="192.168.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9",
        )
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


# The functional administrator unlocks -------------------------------------------------


@pytest.fixture
def locked(town):
    fail(Client(), town.griffie.username, 5)
    return AccessAttempt.objects.get(username=town.griffie.username)


@pytest.fixture
def beheer(db, django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.org", "secret")


def test_the_functional_administrator_sees_the_lock_and_unlocks(locked, beheer, town):
    admin = client_for(beheer)
    html = admin.get(reverse("signin_security")).content.decode()
    assert re.search(r"<h1[^>]*>\s*Inlogbeveiliging\s*</h1>", html)  # not "Home"
    page = text(html)
    assert town.griffie.username in page and "10.0.0.1" in page and "Ontgrendelen" in page
    response = admin.post(reverse("signin_unlock", args=[locked.pk]), follow=True)
    assert f"{town.griffie.username} kan weer inloggen vanaf 10.0.0.1." in text(response)
    assert not AccessAttempt.objects.exists()
    unlocked = AuditEvent.objects.get(kind=AuditKind.unlocked)
    assert unlocked.username == "beheer"
    assert unlocked.detail == {"account": town.griffie.username, "address": "10.0.0.1"}
    assert sign_in(Client(), town.griffie.username, "secret").status_code == 302


@pytest.mark.parametrize("role", ["griffie", "staff", "advisory_member"])
def test_nobody_else_may_see_or_unlock(locked, town, other_town, role):
    user = getattr(town, role)
    client = client_for(user)
    assert is_refused(client.get(reverse("signin_security")))
    assert is_refused(client.post(reverse("signin_unlock", args=[locked.pk])))
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()
    # Nor the griffie of another municipality.
    assert is_refused(
        client_for(other_town.griffie).post(reverse("signin_unlock", args=[locked.pk]))
    )
    assert sign_in(Client(), town.griffie.username, "secret").status_code == 429


def test_the_menu_item_is_the_functional_administrators_only(beheer, town):
    assert reverse("signin_security") in client_for(beheer).get("/admin/").content.decode()
    assert (
        reverse("signin_security") not in client_for(town.griffie).get("/admin/").content.decode()
    )


def test_an_expired_lock_is_not_listed_and_cannot_be_unlocked(locked, beheer):
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        admin = client_for(beheer)
        assert "Geen enkel account is vergrendeld." in text(admin.get(reverse("signin_security")))
        assert admin.post(reverse("signin_unlock", args=[locked.pk])).status_code == 404


def test_a_lock_out_is_in_the_audit_log_with_the_account_and_address(town):
    fail(Client(), town.griffie.username, 5)
    event = AuditEvent.objects.get(kind=AuditKind.locked_out)
    assert (event.username, event.ip_address, event.user) == (
        town.griffie.username,
        "10.0.0.1",
        town.griffie,
    )
    # Each refused try is a failed sign-in as well, the password never stored.
    assert AuditEvent.objects.filter(kind=AuditKind.login_failed).count() == 5
    assert "secret" not in str(list(AuditEvent.objects.values()))


def test_axes_signals_still_fire(town):
    from axes.signals import user_locked_out

    seen = []

    def receiver(sender, **kwargs):
        seen.append(kwargs["username"])

    user_locked_out.connect(receiver)
    try:
        fail(Client(), town.griffie.username, 5)
    finally:
        user_locked_out.disconnect(receiver)
    assert seen == [town.griffie.username]
