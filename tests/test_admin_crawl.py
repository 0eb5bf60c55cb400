"""Crawl the admin as each demo role: every link the admin offers leads somewhere the
user may go — no 404, no 500, no "geen toegang" and no bounce to the admin home.

The demo data holds a record in every state, so a button offered for a record whose
state forbids it (Delete on a voted motie, say) is found."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

HREF = re.compile(r'href="(/admin/[^"#]*)"')
# Not pages: downloads, feeds, logout; and, in Wagtail's page explorer that only the
# functional administrator sees, the bulk-action URL templates (filled in by its
# script) and the tree's root, which Wagtail never edits.
NOT_PAGES = ("logout", "export=", "/pdf/", "/letter/", ".ics", "/bulk/", "/pages/1/edit/")
LIMIT = 300
REFUSED = re.compile(r"geen toegang|geen rechten|niet gevonden", re.I)


@pytest.fixture
def demo(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())


def crawl(user) -> tuple[int, list[str]]:
    client = Client()
    client.force_login(user)
    seen, queue, problems = set(), [("start", "/admin/")], []
    while queue and len(seen) < LIMIT:
        came_from, url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        problem = refusal(response)
        if problem:
            problems.append(f"{url} (linked from {came_from}): {problem}")
            continue
        if response.status_code in (301, 302):
            queue.append((url, response["Location"]))
        elif "text/html" in response.get("Content-Type", ""):
            queue.extend((url, href) for href in links(response.content.decode()) - seen)
    return len(seen), problems


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
    hrefs = {href.replace("&amp;", "&") for href in HREF.findall(page)}
    return {href for href in hrefs if not any(part in href for part in NOT_PAGES)}


@pytest.mark.parametrize(
    "username", ["griffie", "college", "adviesraad", "griffie-lindeburg", "beheer"]
)
def test_nothing_the_admin_offers_leads_to_a_refusal(demo, username):
    visited, problems = crawl(get_user_model().objects.get(username=username))
    assert problems == [], "\n".join(problems)
    assert visited > 15
