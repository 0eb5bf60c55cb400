"""The public search page in a real browser: axe-core finds no WCAG 2.1 A/AA violation
with results (a motie with its letter under it, an advies, a toezegging), without
results, and for an empty query; the page works without JavaScript.

Needs /usr/bin/chromium and site/node_modules/axe-core (see tests/browser.py)."""

import datetime

from governance.letters import LetterStatus
from motions.models import CompletionLetter
from tests.browser import BROWSER_TEST
from tests.test_browser import public_site, violations  # noqa: F401  (a fixture)

pytestmark = BROWSER_TEST


def test_the_search_page_has_no_accessibility_violation(public_site, browser):  # noqa: F811
    CompletionLetter.objects.create(
        motion=public_site["motion"],
        status=LetterStatus.sent,
        core_message="<p>Het taalhuis is geopend.</p>",
        document_number="D-12",
        letter_date=datetime.date(2026, 11, 20),
    )
    page = browser.new_page()
    for query in ("?q=taalhuis", "?q=armoede", "?q=wachttijden", "?q=onvindbaarwoord", "?q=", ""):
        response = page.goto(public_site["base"] + "/zoeken/" + query)
        assert response.status == 200, query
        assert violations(page) == [], query
    page.goto(public_site["base"] + "/zoeken/?q=taalhuis")
    main = page.locator("main").inner_text()
    assert "Motie" in main and "Raadsbrief D-12" in main and "1 resultaat" in main


def test_searching_works_without_javascript(public_site, browser):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(public_site["base"] + "/zoeken/")
    page.fill("#q", "Taalhuis")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Taalhuis" in page.locator("main").inner_text()
    context.close()
