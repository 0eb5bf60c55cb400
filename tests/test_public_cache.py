"""The server-side cache of public answers (operations/public_cache.py): a second
anonymous request is answered without a database query, every public answer carries
ETag, Last-Modified and a short Cache-Control, a client that has it gets a 304, and
every change the public sees renews the municipality's answers — only its own."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commitments.publication import set_published as publish_commitment
from governance.models import Letterhead
from governance.pages import ContentPage, PublicSiteSettings
from governance.public_changes import generation
from motions.models import CompletionLetter
from motions.publication import set_published
from operations.public_cache import BROWSER_SECONDS
from tests.api_helpers import advice, commitment, get, letter, motion, sites  # noqa: F401
from tests.factories import PartyFactory

pytestmark = pytest.mark.usefixtures("sites")

OTHER = "lindeburg.example"
# One address of every kind of public answer.
PUBLIC_PATHS = [
    "/",
    "/moties/",
    "/moties/?status=in_progress",
    "/moties/{number}/",
    "/moties/feed/",
    "/moties/feed/atom/",
    "/toezeggingen/",
    "/adviezen/",
    "/zoeken/?q=Taalhuis",
    "/cijfers/",
    "/cijfers/cijfers.csv",
    "/termijnen.ics",
    "/sitemap.xml",
    "/robots.txt",
    "/woo/sitemapindex-diwoo-infocat008.xml",
    "/woo/sitemap-diwoo-infocat008-1.xml",
    "/api/v1/",
    "/api/v1/moties/",
    "/api/v1/moties/{number}/",
    "/api/v1/fracties/",
    "/api/v1/cijfers/",
    "/api/v1/gemeenten/gm9901/moties/",
]


@pytest.fixture
def shown(town):
    made = motion(town, "Taalhuis")
    set_published(made, town.griffie, True)
    publish_commitment(commitment(town, "Wachttijden"), town.griffie, True)
    advice(town, "Advies armoede")
    return made


def queries(path, host="dijkhoven.example", **headers):
    with CaptureQueriesContext(connection) as captured:
        response = get(path, host=host, **headers)
    return response, len(captured)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_the_second_anonymous_request_is_answered_from_the_cache(shown, path):
    path = path.format(number=shown.number)
    first, first_queries = queries(path)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == f"public, max-age={BROWSER_SECONDS}"
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert first_queries > 0
    again, again_queries = queries(path)
    assert again_queries == 0
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Type"] == first.headers["Content-Type"]
    assert again.headers["Cache-Control"] == first.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/moties/", "/termijnen.ics", "/api/v1/moties/"])
def test_a_client_that_has_the_answer_gets_a_304(shown, path):
    first = get(path)
    by_etag, count = queries(path, HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b"" and count == 0
    by_date = get(path, HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"])
    assert by_date.status_code == 304
    assert get(path, HTTP_IF_NONE_MATCH='"something else"').status_code == 200


def test_last_modified_is_the_municipalitys_last_public_change(town, shown):
    town.municipality.refresh_from_db()
    first = get("/moties/")
    moment = town.municipality.public_changed_at.replace(microsecond=0)
    assert first.headers["Last-Modified"] == moment.strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert get("/api/v1/moties/").headers["Last-Modified"] == first.headers["Last-Modified"]


def test_last_modified_survives_an_emptied_cache(town, shown):
    with time_machine.travel(datetime.datetime(2026, 11, 3, 9, tzinfo=datetime.UTC)):
        set_published(motion(town, "Nieuw"), town.griffie, True)
    cache.clear()
    assert get("/moties/").headers["Last-Modified"] == "Tue, 03 Nov 2026 09:00:00 GMT"


# What renews the answers


def stale_after(change, path="/moties/", host="dijkhoven.example"):
    """The answer before and after `change`; after it, the view answers again."""
    before = get(path, host=host)
    assert queries(path, host=host)[1] == 0
    change()
    after, count = queries(path, host=host)
    assert count > 0
    return before.content.decode(), after.content.decode()


def test_publishing_renews_the_answers(town, shown):
    hidden = motion(town, "Speeltuinen")
    before, after = stale_after(lambda: set_published(hidden, town.griffie, True))
    assert "Speeltuinen" not in before and "Speeltuinen" in after


def test_withdrawing_renews_the_answers(town, shown):
    before, after = stale_after(lambda: set_published(shown, town.griffie, False))
    assert "Taalhuis" in before and "Taalhuis" not in after


def test_editing_a_published_record_renews_the_answers(town, shown):
    shown.refresh_from_db()

    def edit():
        shown.title = "Taalhuis voor iedereen"
        shown.save()

    before, after = stale_after(edit, f"/api/v1/moties/{shown.number}/")
    assert "Taalhuis voor iedereen" not in before and "Taalhuis voor iedereen" in after


def test_a_sent_letter_renews_the_answers(town, shown):
    before, after = stale_after(
        lambda: letter(CompletionLetter, motion=shown),
        "/api/v1/brieven/?soort=raadsbrief-afdoening",
    )
    assert '"aantal":0' in before and '"aantal":1' in after


def test_publishing_a_page_renews_the_answers(town, shown):
    home = town.municipality.site.root_page

    def publish():
        page = home.add_child(instance=ContentPage(title="Over Raadsvolg", slug="over", live=False))
        page.save_revision().publish()

    before, after = stale_after(publish, "/sitemap-paginas.xml")
    assert "/over/" not in before and "/over/" in after


def test_a_site_setting_renews_the_answers(town, shown):
    home = town.municipality.site.root_page
    statement = home.add_child(instance=ContentPage(title="Toegankelijkheid", slug="toegankelijk"))

    def choose():
        setting = PublicSiteSettings.for_site(town.municipality.site)
        setting.accessibility_page = statement
        setting.save()

    before, after = stale_after(choose)
    assert "/toegankelijk/" not in before and "/toegankelijk/" in after


def test_the_letterhead_and_a_party_renew_the_answers(town, shown):
    def rename():
        Letterhead.objects.update_or_create(
            municipality=town.municipality, defaults={"name": "Gemeente Dijkhoven-Oost"}
        )

    before, after = stale_after(rename)
    assert "Dijkhoven-Oost" not in before and "Dijkhoven-Oost" in after
    before, after = stale_after(
        lambda: PartyFactory(municipality=town.municipality, name="Nieuwe Fractie"),
        "/api/v1/fracties/",
    )
    assert "Nieuwe Fractie" not in before and "Nieuwe Fractie" in after


def test_a_site_renews_every_municipalitys_answers(town, other_town, shown):
    get("/moties/", host=OTHER)
    site = town.municipality.site
    before, after = stale_after(lambda: site.save(), "/moties/", host=OTHER)
    assert before == after


def test_after_migrate_no_answer_from_before_is_served(shown):
    from operations.cache import renew_public_answers

    stale_after(renew_public_answers)


def test_a_new_day_is_a_new_answer(shown):
    with time_machine.travel(datetime.datetime(2026, 11, 3, 12, tzinfo=datetime.UTC)):
        get("/moties/")
        assert queries("/moties/")[1] == 0
    with time_machine.travel(datetime.datetime(2026, 11, 4, 12, tzinfo=datetime.UTC)):
        assert queries("/moties/")[1] > 0  # what is overdue may have changed overnight


# One municipality, one host


def test_a_change_renews_only_its_own_municipalitys_answers(town, other_town, shown):
    elsewhere = motion(other_town, "Lindeburgs taalhuis")
    set_published(elsewhere, other_town.griffie, True)
    assert "Lindeburgs taalhuis" in get("/moties/", host=OTHER).text
    assert "Lindeburgs taalhuis" not in get("/moties/").text
    before = generation(other_town.municipality.pk).token
    set_published(motion(town, "Speeltuinen"), town.griffie, True)
    assert generation(other_town.municipality.pk).token == before
    response, count = queries("/moties/", host=OTHER)
    assert count == 0 and "Lindeburgs taalhuis" in response.text
    assert "Speeltuinen" not in response.text


def test_the_same_address_on_another_host_is_never_the_first_hosts_answer(town, shown):
    get("/api/v1/moties/")
    other = get("/api/v1/moties/", host=OTHER).json()
    assert other["aantal"] == 0
    get("/moties/")
    assert "Taalhuis" not in get("/moties/", host=OTHER).text


def test_an_unknown_host_still_gets_the_default_sites_pages_and_no_api(shown):
    for __ in range(2):
        assert "Taalhuis" in get("/moties/", host="onbekend.example").text
        assert get("/api/v1/moties/", host="onbekend.example").status_code == 404
        assert get("/robots.txt", host="onbekend.example").status_code == 200


# Who never gets or fills the cache


def test_a_signed_in_user_neither_gets_nor_fills_the_cache(town, shown):
    signed_in = Client()
    signed_in.force_login(town.griffie)
    mine = signed_in.get("/moties/", HTTP_HOST="dijkhoven.example")
    assert mine.status_code == 200
    assert "public" not in mine.headers.get("Cache-Control", "")
    assert queries("/moties/")[1] > 0  # the signed-in answer was not kept
    with CaptureQueriesContext(connection) as captured:
        signed_in.get("/moties/", HTTP_HOST="dijkhoven.example")
    assert len(captured) > 0  # nor was the anonymous one given


@pytest.mark.parametrize("path", ["/admin/login/", "/moties/M1999-99/", "/bestaat-niet/"])
def test_sign_in_pages_and_errors_are_not_kept(shown, path):
    get(path)
    assert queries(path)[1] > 0


def test_an_answer_that_sets_a_cookie_is_not_kept(shown):
    response = get("/admin/login/")
    assert response.cookies
    assert "public" not in response.headers.get("Cache-Control", "")


def test_a_post_is_never_answered_from_the_cache(shown):
    get("/zoeken/?q=Taalhuis")
    with CaptureQueriesContext(connection) as captured:
        Client().post("/zoeken/?q=Taalhuis", HTTP_HOST="dijkhoven.example")
    assert len(captured) > 0


# The rate limit and CSP


def test_api_answers_from_the_cache_count_against_the_rate_limit(shown, settings):
    settings.RAADSVOLG_API_RATE_LIMIT = "3/minute"
    assert [get("/api/v1/moties/").status_code for __ in range(4)] == [200, 200, 200, 429]
    assert get("/moties/").status_code == 200  # pages have no rate limit


def test_a_kept_page_carries_no_nonce_and_gets_the_policy_of_its_own_response(shown):
    first, again = get("/moties/"), get("/moties/")
    assert "nonce" not in first.text
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert again.headers["X-Frame-Options"] == "DENY"


def test_a_page_that_uses_a_nonce_is_not_kept(rf, shown):
    from operations.public_cache import may_keep

    request = rf.get("/moties/")
    request._csp_nonce = "abc"
    assert not may_keep(request, get("/moties/"))
