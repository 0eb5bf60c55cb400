"""A public page from the cache of public answers (operations/public_cache.py) in
Chromium: it loads under its own response's Content-Security-Policy without a single
violation, and axe-core still finds no WCAG 2.1 A/AA violation.

Needs /usr/bin/chromium and site/node_modules/axe-core (see tests/browser.py)."""

import re

import pytest
from django.core.cache import cache

from tests import test_browser
from tests.browser import BROWSER_TEST

pytestmark = BROWSER_TEST

public_site = test_browser.public_site
violations = test_browser.violations
REFUSED = re.compile(r"Content Security Policy|Refused to", re.I)
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));
"""


def kept_answers() -> int:
    """The answers in the test's in-memory cache (the live server shares it)."""
    return sum("raadsvolg:public:answer:" in key for key in cache._cache)


def visitor(browser, console):
    """A browser with an empty HTTP cache, so the server is asked."""
    context = browser.new_context(locale="nl-NL")
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text))
    return context, page


@pytest.mark.parametrize("path", ["/", "/moties/", "/zoeken/?q=Taalhuis", "/cijfers/"])
def test_a_page_from_the_cache_loads_without_csp_violations_and_passes_axe(
    public_site, browser, path
):
    console = []
    before = kept_answers()
    first_context, first = visitor(browser, console)
    response = first.goto(public_site["base"] + path)
    assert response.status == 200
    assert response.headers["cache-control"] == "public, max-age=60"
    filled = kept_answers()
    assert filled > before  # the first visit filled the cache (the page, its theme)
    first_context.close()
    context, page = visitor(browser, console)
    response = page.goto(public_site["base"] + path, wait_until="networkidle")
    assert response.status == 200
    assert kept_answers() == filled  # answered from the cache, nothing kept again
    assert page.evaluate("window.__csp") == []
    assert [text for text in console if REFUSED.search(text)] == []
    assert violations(page) == [], path
    context.close()
