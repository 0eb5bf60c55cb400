"""No request leaves for a third party: in a real browser (Chromium, nl-NL), every
request that admin pages and public pages make goes to the site's own host — no
Gravatar avatars, no fonts, scripts or images from elsewhere.

Needs /usr/bin/chromium and site/node_modules/axe-core (see tests/browser.py)."""

from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests import test_browser
from tests.browser import BROWSER_TEST

pytestmark = BROWSER_TEST

# The public site of tests/test_browser.py: a home page, moties, toezeggingen, adviezen.
public_site = test_browser.public_site

# Requests that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


@pytest.fixture
def town(town):
    """The town's users with an e-mail address, as the demo accounts have: Gravatar
    would be asked for the avatar of a user with one."""
    for user in (town.griffie, town.staff, town.advisory_member):
        user.email = f"{user.username}@dijkhoven.example"
        user.save(update_fields=["email"])
    return town


def watch_requests(page) -> list[str]:
    """Every URL the page requests from now on."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def off_site(urls, base) -> list[str]:
    own = urlparse(base).netloc
    return [
        url
        for url in urls
        if urlparse(url).scheme not in LOCAL_SCHEMES and urlparse(url).netloc != own
    ]


def visit(page, url):
    response = page.goto(url, wait_until="networkidle")
    assert response.ok, f"{url} answered {response.status}"


def test_admin_pages_request_only_the_own_host(public_site, admin_as, town):
    motion = public_site["motion"]
    page = admin_as(town.griffie)
    urls = watch_requests(page)
    paths = [
        reverse("wagtailadmin_home"),
        reverse("motion:index"),
        reverse("motion:inspect", args=[motion.pk]),
        reverse("advice:index"),
        reverse("advice:inspect", args=[public_site["advice"].pk]),
        reverse("wagtailadmin_account"),
    ]
    for path in paths:
        visit(page, page.base + path)
    # The help menu opens without fetching anything from elsewhere.
    page.get_by_role("button", name="Help").click()
    page.wait_for_load_state("networkidle")
    assert len(urls) >= len(paths)  # the listener saw the pages themselves
    assert off_site(urls, page.base) == []


@pytest.mark.parametrize("role", ["staff", "advisory_member"])
def test_other_roles_see_admin_pages_from_the_own_host_only(public_site, admin_as, town, role):
    page = admin_as(getattr(town, role))
    urls = watch_requests(page)
    for path in (reverse("wagtailadmin_home"), reverse("advice:index")):
        visit(page, page.base + path)
    assert off_site(urls, page.base) == []


def test_the_login_page_requests_only_the_own_host(public_site, browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    urls = watch_requests(page)
    visit(page, public_site["base"] + reverse("wagtailadmin_login"))
    assert page.title() == "Inloggen - Raadsvolg"
    assert off_site(urls, public_site["base"]) == []
    context.close()


def test_public_pages_request_only_the_own_host(public_site, browser):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    urls = watch_requests(page)
    base = public_site["base"]
    for path in test_browser.paths(public_site):
        page.goto(base + path, wait_until="networkidle")
    assert off_site(urls, base) == []
    context.close()
