"""Debian's Chromium driven by Playwright, for the browser tests.

Needs /usr/bin/chromium and site/node_modules/axe-core (`cd site && npm ci`); outside
CI the browser tests are skipped without them, in CI their absence is a failure."""

import os
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer

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


@pytest.fixture(autouse=True, scope="session")
def serial_live_server():
    """On SQLite the live server shares the test's one in-memory connection with its
    request threads; two requests at once (Chromium fetches a page's PDF, sprite and
    translations together) then start a transaction inside another's. The application
    runs one request at a time there; connections are still served on their own
    threads, so a browser's idle keep-alive connection blocks nobody."""
    from django.db import connection
    from django.test.testcases import LiveServerThread

    if connection.vendor != "sqlite":
        yield
        return
    original = LiveServerThread.server_class
    LiveServerThread.server_class = SerialWSGIServer
    yield
    LiveServerThread.server_class = original


class SerialWSGIServer(ThreadedWSGIServer):
    """Connections on their own threads, the application one request at a time."""

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                result = application(environ, start_response)
                try:
                    # Streamed answers (exports) read the database while iterated.
                    return [b"".join(result)]
                finally:
                    if hasattr(result, "close"):
                        result.close()

        super().set_app(one_at_a_time)


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
