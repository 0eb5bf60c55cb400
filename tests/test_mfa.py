"""A second factor for password accounts (issue 14, item 2): TOTP with backup codes,
asked after the password whenever RAADSVOLG_REQUIRE_MFA is on; set up on first sign-in;
reset by the functional administrator; skipped for OpenID Connect sign-ins."""

import importlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.audit_models import AuditEvent, AuditKind
from signin import mfa
from tests.admin_helpers import client_for, is_refused

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
ENROL = "/admin/inloggen/app/"
VERIFY = "/admin/inloggen/code/"
SET_UP_FIRST = "Stel eerst een authenticator-app in; daarna kun je verder."
CODE_FIRST = "Vul eerst de code uit je authenticator-app in."
WRONG_CODE = "Deze code klopt niet."


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.RAADSVOLG_REQUIRE_MFA = True
    settings.AXES_ENABLED = True


def code_for(device) -> str:
    """The code the user's app shows now."""
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{token:0{device.digits}d}"


def password_sign_in(user) -> Client:
    client = Client()
    response = client.post(LOGIN, {"username": user.username, "password": "secret"})
    assert response.status_code == 302, "the password itself is right"
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def test_without_an_app_every_admin_page_sends_to_set_one_up_first(town):
    client = password_sign_in(town.griffie)
    for url in ["/admin/", "/admin/account/", reverse("raadsvolg_calendar_feeds")]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(ENROL)
    # What the set-up page itself loads stays open: Wagtail's icons and translations.
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    page = text(client.get(ENROL))
    assert SET_UP_FIRST in page
    assert "<svg" in page and "Lukt scannen niet?" in page


def test_enrolment_with_a_wrong_code_is_refused_and_confirms_nothing(town):
    client = password_sign_in(town.griffie)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000"})
    assert WRONG_CODE in text(response)
    assert not TOTPDevice.objects.filter(user=town.griffie, confirmed=True).exists()
    assert client.get("/admin/").url.startswith(ENROL)
    empty = client.post(ENROL, {"code": ""})
    assert "Vul de code uit je authenticator-app in." in text(empty)


def test_enrolment_shows_the_key_and_a_right_code_opens_the_admin_with_backup_codes(town):
    client = password_sign_in(town.griffie)
    page = text(client.get(ENROL))
    device = TOTPDevice.objects.get(user=town.griffie, confirmed=False)
    assert mfa.manual_key(device) in page
    assert "otpauth" not in page.split("<svg")[0]  # the key is only in the QR code and as text
    response = client.post(ENROL, {"code": code_for(device), "next": "/admin/account/"})
    assert response.status_code == 200
    codes = re.findall(r"<code>(\d{8})</code>", response.content.decode())
    assert len(codes) == 10
    assert 'href="/admin/account/"' in response.content.decode()
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_with_an_app_the_code_is_asked_after_the_password(town):
    device = confirmed_device(town.griffie)
    client = password_sign_in(town.griffie)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(VERIFY)
    assert CODE_FIRST in text(response)
    wrong = client.post(VERIFY, {"code": "123456"})
    assert WRONG_CODE in text(wrong)
    assert client.get("/admin/").status_code == 302
    # django-otp makes a device wait a second after a wrong code, doubling each time.
    with time_machine.travel(timezone.now() + timedelta(seconds=2), tick=False):
        right = client.post(VERIFY, {"code": code_for(device), "next": "/admin/account/"})
    assert right.status_code == 302 and right.url == "/admin/account/"
    assert client.get("/admin/").status_code == 200


def test_an_outside_next_address_is_not_followed(town):
    device = confirmed_device(town.griffie)
    client = password_sign_in(town.griffie)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response.url == "/admin/"


def test_someone_with_only_the_password_cannot_add_an_app_of_their_own(town):
    confirmed_device(town.griffie)
    client = password_sign_in(town.griffie)
    assert client.get(ENROL).url.startswith(VERIFY)
    assert client.post(ENROL, {"code": "123456"}).url.startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=town.griffie).count() == 1


def test_a_backup_code_signs_in_once(town):
    confirmed_device(town.griffie)
    code = mfa.new_backup_codes(town.griffie)[0]
    client = password_sign_in(town.griffie)
    assert client.post(VERIFY, {"code": code}).url == "/admin/"
    assert client.get("/admin/").status_code == 200
    again = password_sign_in(town.griffie)
    assert WRONG_CODE in text(again.post(VERIFY, {"code": code}))
    assert StaticToken.objects.filter(device__user=town.griffie).count() == 9


def test_wrong_codes_count_towards_the_lock_out(town):
    device = confirmed_device(town.griffie)
    client = password_sign_in(town.griffie)
    for _ in range(4):
        assert WRONG_CODE in text(client.post(VERIFY, {"code": "000000"}))
    locked = client.post(VERIFY, {"code": "000000"})
    assert locked.status_code == 429
    assert "Te veel mislukte inlogpogingen" in text(locked)
    assert "_auth_user_id" not in client.session  # signed out
    # The right password and the right code change nothing while locked.
    retry = Client().post(LOGIN, {"username": town.griffie.username, "password": "secret"})
    assert retry.status_code == 429
    assert device.verify_token(code_for(device)) is True  # the code itself was right


def test_a_post_before_the_second_factor_changes_nothing(town, django_user_model):
    beheer = django_user_model.objects.create_superuser("beheer", "b@example.org", "secret")
    confirmed_device(beheer)
    confirmed_device(town.staff)
    client = password_sign_in(beheer)
    response = client.post(reverse("signin_reset_second_factor", args=[town.staff.pk]))
    assert response.status_code == 302 and response.url == VERIFY
    assert TOTPDevice.objects.filter(user=town.staff).exists()


def test_outside_the_admin_an_unverified_user_is_anonymous(town, rf):
    from django.contrib.auth.models import AnonymousUser

    from signin.middleware import RequireSecondFactorMiddleware

    client = password_sign_in(town.griffie)
    seen = {}

    def view(request):
        seen["user"] = request.user
        return None

    request = rf.get("/moties/")
    request.session = client.session
    request.user = type("U", (), {"is_authenticated": True, "is_verified": lambda s: False})()
    RequireSecondFactorMiddleware(view)(request)
    assert isinstance(seen["user"], AnonymousUser)


def test_one_can_sign_out_before_the_second_factor(town):
    client = password_sign_in(town.griffie)
    assert 'action="/admin/logout/"' in client.get(ENROL).content.decode()
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_openid_connect_sign_ins_are_left_to_the_provider(town):
    client = client_for(town.griffie)
    session = client.session
    session[mfa.AUTH_METHOD] = mfa.OIDC
    session.save()
    assert client.get("/admin/").status_code == 200


def test_with_the_setting_off_a_password_is_enough(town, settings):
    settings.RAADSVOLG_REQUIRE_MFA = False
    assert password_sign_in(town.griffie).get("/admin/").status_code == 200


def test_production_requires_it_unless_turned_off(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@localhost/raadsvolg")
    monkeypatch.delenv("RAADSVOLG_REQUIRE_MFA", raising=False)
    production = importlib.import_module("config.settings.production")
    production = importlib.reload(production)
    assert production.RAADSVOLG_REQUIRE_MFA is True
    from config.settings import base, test

    assert base.RAADSVOLG_REQUIRE_MFA is False  # `make run`'s demo
    assert test.RAADSVOLG_REQUIRE_MFA is False


# The functional administrator resets a lost second factor --------------------------


@pytest.fixture
def beheer(django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "secret")
    return user


def verified_client(user) -> Client:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or confirmed_device(user)
    client = password_sign_in(user)
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        assert client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    return client


def test_the_functional_administrator_resets_a_second_factor(town, beheer):
    confirmed_device(town.griffie)
    mfa.new_backup_codes(town.griffie)
    admin = verified_client(beheer)
    page = text(admin.get(reverse("signin_security")))
    assert town.griffie.username in page and "Tweede factor resetten" in page
    response = admin.post(
        reverse("signin_reset_second_factor", args=[town.griffie.pk]), follow=True
    )
    assert f"De tweede factor van {town.griffie.username} is verwijderd" in text(response)
    assert not TOTPDevice.objects.filter(user=town.griffie).exists()
    assert not StaticToken.objects.filter(device__user=town.griffie).exists()
    reset = AuditEvent.objects.get(kind=AuditKind.second_factor_reset)
    assert (reset.username, reset.object_id) == ("beheer", str(town.griffie.pk))
    # At the next sign-in the user sets up a new app.
    assert password_sign_in(town.griffie).get("/admin/").url.startswith(ENROL)


@pytest.mark.parametrize("role", ["griffie", "staff", "advisory_member"])
def test_nobody_else_may_reset_a_second_factor(town, role):
    victim = town.staff if role != "staff" else town.griffie
    confirmed_device(victim)
    client = verified_client(getattr(town, role))
    assert is_refused(client.get(reverse("signin_security")))
    assert is_refused(client.post(reverse("signin_reset_second_factor", args=[victim.pk])))
    assert TOTPDevice.objects.filter(user=victim).exists()
