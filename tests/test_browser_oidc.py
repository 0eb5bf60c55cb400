"""Single sign-on in Chromium: the button on the login page, the provider on loopback,
and back in the admin; a user without a role lands on the page that says whom to ask."""

import pytest
from django.conf import settings
from django.test import override_settings

from tests.browser import BROWSER_TEST
from tests.factories import UserFactory
from tests.oidc_provider import LoopbackProvider

pytestmark = BROWSER_TEST

BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "governance.oidc.EmailBackend"]


@pytest.fixture
def provider(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")  # the server's token request stays local
    provider = LoopbackProvider()
    yield provider
    provider.stop()


def sign_in_with_button(browser, live_server):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    with page.expect_navigation(url=f"{live_server.url}/admin/**"):
        page.get_by_role("link", name="Inloggen met Gemeente Dijkhoven").click()
    return page


def test_signing_in_with_the_municipality_account(browser, live_server, provider, town):
    town.griffie.email = "griffier@dijkhoven.nl"
    town.griffie.save()
    provider.sign_in("griffier@dijkhoven.nl")
    with override_settings(
        AUTHENTICATION_BACKENDS=BACKENDS,
        RAADSVOLG_OIDC_NAME="Gemeente Dijkhoven",
        **provider.settings(),
    ):
        page = sign_in_with_button(browser, live_server)
        assert page.url == f"{live_server.url}/admin/"
        assert page.locator("#wagtail-sidebar").count() == 1  # the admin, not a refusal


def test_a_user_without_a_role_sees_whom_to_ask(browser, live_server, provider, db):
    UserFactory(username="nieuw", email="nieuw@dijkhoven.nl")
    provider.sign_in("nieuw@dijkhoven.nl")
    with override_settings(
        AUTHENTICATION_BACKENDS=BACKENDS,
        RAADSVOLG_OIDC_NAME="Gemeente Dijkhoven",
        **provider.settings(),
    ):
        page = sign_in_with_button(browser, live_server)
        assert page.get_by_role("heading").inner_text() == "Je hebt nog geen rol in Raadsvolg"
        with page.expect_navigation(url=f"{live_server.url}/admin/login/"):
            page.get_by_role("button", name="Uitloggen").click()
        assert page.locator("#id_username").count() == 1
