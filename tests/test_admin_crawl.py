"""Crawl the admin as each demo role: every link the admin offers leads somewhere the
user may go — no 403, 404 or 500, no "geen toegang" and no bounce to the admin home.
Downloads the pages link (letter PDFs, exports, calendars) are fetched too, and must
answer; they are not searched for links.

The demo data holds a record in every state, and sent letters, so a button offered for
a record whose state forbids it (Delete on a voted motie, say) and a breadcrumb that
leads out of the user's reach are found. The crawl must finish: a limit that cuts it
short fails the test rather than hiding the pages it did not reach."""

import io
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

HREF = re.compile(r'href="(/admin/[^"#]*)"')
# The sidebar menu is drawn by script from JSON in the page.
MENU_URL = re.compile(r'"url": "(/admin/[^"#]*)"')
# Not followed: logout; and, in Wagtail's page explorer that only the functional
# administrator sees, the bulk-action URL templates (filled in by its script) and the
# tree's root, which Wagtail never edits.
NOT_PAGES = ("logout", "/bulk/", "/pages/1/edit/")
# Fetched for their answer only.
DOWNLOADS = ("export=", "/pdf/", "/letter/", ".ics")
LIMIT = 2000
REFUSED = re.compile(r"geen toegang|geen rechten|niet gevonden", re.I)


@pytest.fixture
def demo(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())


def crawl(user) -> tuple[set[str], list[str]]:
    """Every admin URL reached from the home page, and what went wrong on the way."""
    client = Client()
    client.force_login(user)
    seen, queue, problems = set(), [("start", "/admin/")], []
    while queue:
        came_from, url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        assert len(seen) <= LIMIT, f"the crawl passed {LIMIT} pages; raise LIMIT"
        response = client.get(url)
        problem = refusal(response)
        if problem:
            problems.append(f"{url} (linked from {came_from}): {problem}")
            client.get("/admin/")  # take the refusal's message, so the next page is clean
            continue
        if response.status_code in (301, 302):
            queue.append((url, response["Location"]))
        elif "text/html" in response.get("Content-Type", "") and not is_download(url):
            queue.extend((url, href) for href in links(response.content.decode()) - seen)
    return seen, problems


def first_page(url: str) -> str:
    """The list URL without `p=1`, which Wagtail's sorting links add: the same page."""
    parts = urlsplit(url)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if (k, v) != ("p", "1")
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


def is_download(url: str) -> bool:
    return any(part in url for part in DOWNLOADS)


def refusal(response) -> str:
    if response.status_code >= 400:
        return str(response.status_code)
    if response.status_code in (301, 302):
        location = response["Location"]
        return f"sent to {location}" if location in ("/admin/", "/admin") else ""
    if "text/html" in response.get("Content-Type", ""):
        messages = re.findall(r'class="messages.*?</ul>', response.content.decode(), re.S)
        found = [m for m in messages if REFUSED.search(m)]
        return "message: refused" if found else ""
    return ""


def links(page: str) -> set[str]:
    found = HREF.findall(page) + MENU_URL.findall(page)
    hrefs = {first_page(href.replace("&amp;", "&")) for href in found}
    return {href for href in hrefs if not any(part in href for part in NOT_PAGES)}


@pytest.mark.parametrize(
    "username", ["griffie", "college", "adviesraad", "griffie-lindeburg", "beheer"]
)
def test_nothing_the_admin_offers_leads_to_a_refusal(demo, username):
    visited, problems = crawl(get_user_model().objects.get(username=username))
    assert problems == [], "\n".join(problems)
    assert len(visited) > 15
    if username != "griffie-lindeburg":  # Lindeburg has no adviesraad and no letters
        assert any("/pdf/" in url for url in visited), "no letter was reached"
