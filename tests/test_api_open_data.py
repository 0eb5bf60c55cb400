"""The API carries what the Woo-index and the figures page carry: each advies and sent
letter its DiWoo metadata (the same as in the Woo sitemaps), and /cijfers/ the figures
of /cijfers/ on the site."""

import pytest
import time_machine
from django.test import RequestFactory

from advice.constants import AdviceStatus
from motions.publication import set_published
from opendata import diwoo
from opendata.figures import yearly_figures
from tests.api_helpers import (
    CompletionLetter,
    ResponseLetter,
    advice,
    get,
    letter,
    motion,
    sites,  # noqa: F401  (a fixture)
)

pytestmark = pytest.mark.usefixtures("sites")


def host_request():
    return RequestFactory().get("/", HTTP_HOST="dijkhoven.example")


def test_an_advies_carries_its_diwoo_metadata_as_the_woo_sitemap_does(town):
    published = advice(town)
    row = get("/api/v1/adviezen/").json()["resultaten"][0]
    expected = diwoo.advice_metadata(published, host_request())
    assert row["diwoo"] == expected
    assert row["diwoo"]["informatiecategorie"]["label"] == "adviezen"
    assert row["diwoo"]["publisher"]["resource"].endswith("/gemeente/gm9901")
    assert row["diwoo"]["loc"] == f"http://dijkhoven.example/adviezen/{published.pk}/"
    assert get(f"/api/v1/adviezen/{published.pk}/").json()["diwoo"] == expected


def test_a_sent_letter_carries_its_diwoo_metadata(town):
    shown = motion(town, "Openbaar")
    set_published(shown, town.griffie, True)
    raadsbrief = letter(CompletionLetter, motion=shown)
    reactie = letter(ResponseLetter, advice=advice(town))
    rows = {row["soort"]: row for row in get("/api/v1/brieven/").json()["resultaten"]}
    meeting_documents = rows["raadsbrief-afdoening"]["diwoo"]
    assert meeting_documents == diwoo.letter_metadata(raadsbrief, host_request())
    assert meeting_documents["informatiecategorie"]["label"] == (
        "vergaderstukken decentrale overheden"
    )
    assert meeting_documents["loc"] == rows["raadsbrief-afdoening"]["download"]
    assert rows["collegereactie"]["diwoo"]["informatiecategorie"]["label"] == "adviezen"
    detail = get(f"/api/v1/brieven/collegereactie/{reactie.pk}/").json()
    assert detail["diwoo"] == diwoo.letter_metadata(reactie, host_request())


def test_the_diwoo_metadata_adds_no_query_per_row(town, django_assert_max_num_queries):
    for number in range(6):
        advice(town, f"Advies {number}")
    with django_assert_max_num_queries(20) as few:
        get("/api/v1/adviezen/")
    for number in range(6, 18):
        advice(town, f"Advies {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = get("/api/v1/adviezen/").json()["resultaten"]
    assert all(row["diwoo"] for row in rows)


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
def test_the_figures_are_those_of_the_page_per_year_and_in_all(town, other_town):
    set_published(motion(town, "Aangenomen", adopted=True), town.griffie, True)
    motion(town, "Niet gepubliceerd", adopted=True)
    advice(town, status=AdviceStatus.published)
    advice(other_town, "Elders")
    everything = get("/api/v1/cijfers/").json()
    assert everything == yearly_figures(town.municipality)
    one = get("/api/v1/gemeenten/gm9901/cijfers/?jaar=2026", host="elders.example").json()
    assert one == yearly_figures(town.municipality, 2026)
    assert [y["year"] for y in one["years"]] == [2026]
    assert one["years"][0]["motions"]["adopted"] == 1  # the unpublished one does not count
    assert one["years"][0]["advice"]["advices"] == 1  # nor Lindeburg's advies
    assert get("/api/v1/").json()["resources"]["cijfers"].endswith("/api/v1/cijfers/")


@time_machine.travel("2026-11-30 12:00 +01:00", tick=False)
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("twintig", "Geef een jaar van vier cijfers"),
        ("20266", "Geef een jaar van vier cijfers"),
        ("2027", "2027 is nog niet begonnen"),
    ],
)
def test_a_wrong_year_of_the_figures_is_a_dutch_400(town, value, message):
    answer = get(f"/api/v1/cijfers/?jaar={value}")
    assert answer.status_code == 400
    assert message in answer.json()["jaar"][0]
