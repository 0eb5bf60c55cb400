"""Debian's Chromium driven by Playwright, for the browser tests.

Needs /usr/bin/chromium and site/node_modules/axe-core (`cd site && npm ci`); outside
CI the browser tests are skipped without them, in CI their absence is a failure."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parent.parent / "site" / "node_modules" / "axe-core" / "axe.min.js"
READY = CHROMIUM.exists() and AXE.exists()

# Marks for a module of browser tests: skipped where Chromium is missing (never in CI),
# and a database the live server's thread can see.
BROWSER_TEST = [
    pytest.mark.skipif(
        not READY and os.environ.get("CI") != "true",
        reason="Chromium or axe-core is not installed (apt install chromium; cd site && npm ci)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


PASSWORD = "secret"  # the factories' password


@pytest.fixture
def admin_as(live_server, browser):
    """A function that opens a logged-in Dutch browser page for a user."""
    contexts = []

    def login(user):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + "/admin/login/")
        page.locator("#id_username").fill(user.username)
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("#id_password").press("Enter")
        page.base = live_server.url
        return page

    yield login
    for context in contexts:
        context.close()


def type_date(page, field_id, text):
    """Type into the field as a person does, leave it with Tab, and check that the
    browser kept what was typed."""
    field = page.locator(f"#{field_id}")
    field.click()
    field.press("Control+A")
    field.press_sequentially(text)
    field.press("Tab")
    assert field.input_value() == text, f"{field_id} was rewritten on leaving it"


def save(page, label="Opslaan"):
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).first.click()
