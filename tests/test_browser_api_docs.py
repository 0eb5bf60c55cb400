"""The API's documentation page in a real browser (Debian's Chromium): no Content
Security Policy violation and no axe-core WCAG 2.1 A/AA violation, on a desktop
and on a phone.

Needs /usr/bin/chromium and site/node_modules/axe-core (see tests/browser.py)."""

import pytest
from wagtail.models import Page, Site

from governance.pages import HomePage
from tests.browser import BROWSER_TEST
from tests.test_browser import violations

pytestmark = BROWSER_TEST

WIDTHS = {"desktop": (1280, 900), "phone": (375, 740)}


@pytest.fixture
def docs_url(town, live_server):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    town.municipality.site = Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    town.municipality.save()
    return live_server.url + "/api/v1/docs/"


@pytest.mark.parametrize("width", WIDTHS)
def test_the_api_documentation_passes_csp_and_axe(docs_url, browser, width):
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h}, locale="nl-NL")
    refused = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    response = page.goto(docs_url)
    assert response.status == 200
    assert page.locator("h1").inner_text() == "API voor open data"
    assert refused == []
    assert violations(page) == []
    # Reflow (WCAG 1.4.10): nothing makes the page scroll sideways, on a phone either.
    assert page.evaluate("document.documentElement.scrollWidth") <= w
    page.close()
