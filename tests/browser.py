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
