"""Crawl the admin as each demo role: every link the admin offers leads somewhere the
user may go — no 403, 404 or 500, no "geen toegang" and no bounce to the admin home.
Downloads the pages link (letter PDFs, exports, calendars) are fetched too, and must
answer; they are not searched for links.

The demo data holds a record in every state, and sent letters, so a button offered for
a record whose state forbids it (Delete on a voted motie, say) and a breadcrumb that
leads out of the user's reach are found. The crawl must finish: a limit that cuts it
short fails the test rather than hiding the pages it did not reach."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.admin_crawler import crawl


@pytest.fixture
def demo(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())


@pytest.mark.parametrize(
    "username", ["griffie", "college", "adviesraad", "griffie-lindeburg", "beheer"]
)
def test_nothing_the_admin_offers_leads_to_a_refusal(demo, username):
    visited, problems = crawl(get_user_model().objects.get(username=username))
    assert problems == [], "\n".join(problems)
    assert len(visited) > 15
    if username != "griffie-lindeburg":  # Lindeburg has no adviesraad and no letters
        assert any("/pdf/" in url for url in visited), "no letter was reached"
