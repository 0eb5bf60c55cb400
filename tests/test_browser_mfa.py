"""The second factor in Chromium: sign in with the password, set up the app from the key
shown on the page, see the backup codes, and sign in again with a code."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser import BROWSER_TEST, PASSWORD

pytestmark = BROWSER_TEST


@pytest.fixture(autouse=True)
def mfa_on(settings):
    settings.RAADSVOLG_REQUIRE_MFA = True


def code(device, ahead=0) -> str:
    """The app's code now, or `ahead` steps of 30 seconds later (the device accepts one
    step ahead, and each step only once)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, drift=ahead):06d}"


def password(page, base, user):
    page.goto(f"{base}/admin/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")


def test_enrol_then_verify(town, live_server, browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    password(page, live_server.url, town.griffie)
    page.wait_for_url(re.compile(r"/admin/inloggen/app/"))
    assert page.locator("main").count() == 1  # the icons are icons, not this page again
    assert page.get_by_role("heading", name="Stel je authenticator-app in").is_visible()
    assert page.locator("figure svg").is_visible()
    key = page.locator("[data-manual-key]").inner_text()
    device = TOTPDevice.objects.get(user=town.griffie, confirmed=False)
    assert key.replace(" ", "") in device.config_url

    page.locator("#id_code").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_text("Deze code klopt niet.").is_visible()

    page.wait_for_timeout(2100)  # django-otp's pause after a wrong code
    page.locator("#id_code").fill(code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", name="Je reservecodes").is_visible()
    assert page.locator(".signin-backup-codes li").count() == 10
    with page.expect_navigation():
        page.get_by_role("link", name="Verder naar Raadsvolg").click()
    assert page.url == f"{live_server.url}/admin/"

    # A new browser: the password, then the code is asked.
    context.close()
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    password(page, live_server.url, town.griffie)
    page.wait_for_url(re.compile(r"/admin/inloggen/code/"))
    assert page.get_by_text("Vul eerst de code uit je authenticator-app in.").is_visible()
    page.locator("#id_code").fill(code(device, ahead=1))
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    assert page.url == f"{live_server.url}/admin/"
    context.close()
