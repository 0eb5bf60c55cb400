"""Single sign-on: a real authorization-code flow against a provider on loopback."""

import html
from urllib.parse import urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from governance.oidc import AUTH_METHOD_KEY
from tests import factories as f
from tests.oidc_provider import CLIENT_ID, LoopbackProvider

BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "governance.oidc.EmailBackend"]
# What the callback says when the flow went wrong somewhere along the way.
FAILED = "Inloggen met je gemeenteaccount is niet gelukt."


@pytest.fixture(scope="module")
def provider():
    provider = LoopbackProvider()
    yield provider
    provider.stop()


@pytest.fixture
def sso(provider, monkeypatch):
    """Single sign-on configured against the loopback provider."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # the flow must reach loopback directly
    provider.claims = None
    provider.audience = CLIENT_ID
    provider.token_requests = 0
    provider.userinfo_extra = {}
    with override_settings(AUTHENTICATION_BACKENDS=BACKENDS, **provider.settings()):
        yield provider


def sign_in(client, next_url="/admin/"):
    """Click the button, let the provider answer over HTTP, follow it back."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    # The browser's visit to the provider: a real HTTP request to the loopback server.
    at_provider = requests.get(start.url, allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == "/oidc/callback/"
    return client.get(f"{back.path}?{back.query}")


def messages_on_login_page(client):
    page = client.get("/admin/login/")
    return html.unescape(page.content.decode())


def test_the_login_page_offers_the_provider_by_name(sso, db):
    with override_settings(RAADSVOLG_OIDC_NAME="Gemeente Dijkhoven"):
        page = Client().get("/admin/login/", {"next": "/admin/motions/"}).content.decode()
    assert "Inloggen met Gemeente Dijkhoven" in page
    assert 'href="/oidc/authenticate/?next=%2Fadmin%2Fmotions%2F"' in page
    assert "Inloggen met je gemeenteaccount" in Client().get("/admin/login/").content.decode()


def test_no_button_and_no_urls_when_not_configured(db):
    page = Client().get("/admin/login/").content.decode()
    assert "/oidc/" not in page
    assert "Inloggen met" not in page
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/", {"code": "x", "state": "y"}).status_code == 404
    assert "governance.oidc.EmailBackend" not in settings.AUTHENTICATION_BACKENDS


def test_a_user_is_matched_by_email_and_lands_in_the_admin(sso, town):
    town.griffie.email = "Griffier@Dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    client = Client()
    response = sign_in(client, next_url="/admin/motions/")
    assert response.status_code == 302
    assert response.url == "/admin/motions/"
    assert client.session["_auth_user_id"] == str(town.griffie.pk)
    assert client.session[AUTH_METHOD_KEY] == "oidc"
    assert client.session.get_expire_at_browser_close()
    assert client.get("/admin/").status_code == 200


def test_the_state_must_be_the_one_this_browser_started(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    client = Client()
    start = client.get("/oidc/authenticate/")
    at_provider = requests.get(start.url, allow_redirects=False, timeout=5)
    back = urlsplit(at_provider.headers["Location"])
    forged = back.query.replace("state=", "state=forged")
    response = client.get(f"{back.path}?{forged}")
    assert response.status_code == 302
    assert response.url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert "Deze aanmelding is niet hier begonnen of is verlopen" in messages_on_login_page(client)
    # A callback in another browser, that never started the flow, is refused the same way.
    stranger = Client()
    assert stranger.get(f"{back.path}?{back.query}").url == "/admin/login/"
    assert "_auth_user_id" not in stranger.session


def test_an_unknown_email_is_refused_and_no_user_is_created(sso, town):
    sso.sign_in("onbekend@dijkhoven.nl")
    users = get_user_model().objects.count()
    client = Client()
    response = sign_in(client)
    assert response.url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users
    page = messages_on_login_page(client)
    assert "Er is geen actief Raadsvolg-account met het e-mailadres onbekend@dijkhoven.nl" in page


def test_an_inactive_account_does_not_count(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.is_active = False
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    client = Client()
    assert sign_in(client).url == "/admin/login/"
    assert "Er is geen actief Raadsvolg-account" in messages_on_login_page(client)


def test_an_email_shared_by_two_accounts_is_refused(sso, town):
    for user in (town.griffie, town.staff):
        user.email = "gedeeld@dijkhoven.nl"
        user.save()
    sso.sign_in("GEDEELD@dijkhoven.nl")
    client = Client()
    assert sign_in(client).url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    page = messages_on_login_page(client)
    assert "Meer dan één Raadsvolg-account heeft het e-mailadres GEDEELD@dijkhoven.nl" in page


def test_an_unverified_email_is_refused(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl", email_verified=False)
    client = Client()
    assert sign_in(client).url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert "niet bevestigd" in messages_on_login_page(client)


def test_a_refusal_at_the_provider_signs_no_one_in(sso, town):
    client = Client()  # nobody signed in at the provider: it answers access_denied
    assert sign_in(client).url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert FAILED in messages_on_login_page(client)


def test_an_id_token_issued_to_another_client_is_refused(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    sso.audience = "another-application"
    client = Client()
    assert sign_in(client).url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert FAILED in messages_on_login_page(client)


def test_user_info_about_another_subject_is_refused(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl", sub="user-1")
    sso.userinfo_extra = {"sub": "user-2"}
    client = Client()
    assert sign_in(client).url == "/admin/login/"
    assert "_auth_user_id" not in client.session
    assert FAILED in messages_on_login_page(client)


def test_a_user_without_a_role_sees_whom_to_ask(sso, db):
    f.UserFactory(username="nieuw", email="nieuw@dijkhoven.nl")
    sso.sign_in("nieuw@dijkhoven.nl")
    client = Client()
    assert sign_in(client).url == "/admin/"
    page = client.get("/admin/")
    assert page.status_code == 403
    text = html.unescape(page.content.decode())
    assert "Je hebt nog geen rol in Raadsvolg" in text
    assert "Je bent ingelogd als nieuw@dijkhoven.nl" in text
    assert "functioneel beheerder" in text
    assert "griffie van je gemeente" in text
    assert "Je hebt geen toegang" not in text


def test_a_password_user_without_a_role_sees_the_same_page(db):
    f.UserFactory(username="nieuw", email="nieuw@dijkhoven.nl")
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "nieuw", "password": "secret", "next": "/admin/"}
    )
    assert response.url == "/admin/"
    with override_settings(RAADSVOLG_ACCESS_CONTACT="beheer@dijkhoven.nl"):
        page = client.get("/admin/motions/")
    assert page.status_code == 403
    text = html.unescape(page.content.decode())
    assert "Je hebt nog geen rol in Raadsvolg" in text
    assert "Functioneel beheerder: beheer@dijkhoven.nl" in text
    assert AUTH_METHOD_KEY not in client.session


def test_a_user_without_a_role_can_sign_out(db):
    user = f.UserFactory(username="nieuw")
    client = Client()
    client.force_login(user)
    response = client.post("/admin/logout/")
    assert response.url == "/admin/login/"
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_sso_session(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    client = Client()
    sign_in(client)
    assert client.session[AUTH_METHOD_KEY] == "oidc"
    client.post("/admin/logout/")
    assert "_auth_user_id" not in client.session
    assert AUTH_METHOD_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_password_sign_in_after_sso_is_not_marked_oidc(sso, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    sso.sign_in("griffier@dijkhoven.nl")
    client = Client()
    sign_in(client)
    assert client.session[AUTH_METHOD_KEY] == "oidc"
    client.post("/admin/login/", {"username": town.griffie.username, "password": "secret"})
    assert client.session["_auth_user_id"] == str(town.griffie.pk)
    assert AUTH_METHOD_KEY not in client.session


def test_a_password_sign_in_never_reaches_the_provider(sso, town):
    # `code` and `state` in the login URL must not start a token exchange.
    client = Client()
    response = client.post(
        "/admin/login/?code=abc&state=xyz",
        {"username": town.griffie.username, "password": "wrong"},
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert sso.token_requests == 0
