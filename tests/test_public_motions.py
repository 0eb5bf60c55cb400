"""The public motievolglijst: only published moties, on every public surface."""

import datetime
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from governance.pages import HomePage
from motions.lifecycle import apply_transition
from motions.pages import MotionIndexPage
from motions.publication import set_published
from tests.factories import MeetingFactory, MotionFactory


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    pages = {}
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        pages[host] = home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()
    return pages


def get(path, host="dijkhoven.example"):
    return Client().get(path, HTTP_HOST=host)


def motion(town, title, **traits):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title=title,
        submitters=[town.person],
        **(traits or {"in_progress": True}),
    )


def test_only_published_moties_show_and_a_withdrawn_one_disappears(town, site):
    shown, hidden = motion(town, "Openbaar besluit"), motion(town, "Nog in concept")
    set_published(shown, town.griffie, True)
    index = get("/moties/").text
    assert "Openbaar besluit" in index and "Nog in concept" not in index
    assert get(f"/moties/{shown.number}/").status_code == 200
    assert get(f"/moties/{hidden.number}/").status_code == 404
    set_published(shown, town.griffie, False)
    assert "Openbaar besluit" not in get("/moties/").text
    assert get(f"/moties/{shown.number}/").status_code == 404


def test_another_municipalitys_moties_stay_on_its_own_site(town, other_town, site):
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        title="Lindebergs besluit",
        in_progress=True,
    )
    set_published(elsewhere, other_town.griffie, True)
    assert "Lindebergs besluit" not in get("/moties/").text
    assert get(f"/moties/{elsewhere.number}/").status_code == 404
    assert "Lindebergs besluit" in get("/moties/", host="lindeburg.example").text


def test_the_status_is_written_out_not_only_coloured(town, site):
    late = motion(town, "Te late motie", in_progress=True, deadline="2026-01-31")
    set_published(late, town.griffie, True)
    # Written out in NL Design System status badges; the colour only supports the words.
    assert status_badges(get("/moties/").text) == [
        ("active", "In uitvoering"),
        ("danger", "te laat"),
    ]


def status_badges(html):
    return re.findall(r'utrecht-status-badge--(\w+) raadsvolg-status">([^<]+)<', html)


@pytest.mark.parametrize(
    "query",
    [
        "?status=onzin",
        "?portfolio=abc",
        "?year=%3Cscript%3Ealert(1)%3C/script%3E",
        "?party=999999",
        "?pagina=-3",
        "?pagina=zzz",
        "?status=" + "x" * 3000,
        "?overdue=%27%3B+DROP+TABLE+x%3B--",
    ],
)
def test_odd_filter_input_answers_with_a_page_and_echoes_no_markup(town, site, query):
    response = get("/moties/" + query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.usefixtures("without_public_cache")
def test_the_index_query_count_does_not_grow(town, site):
    for n in range(5):
        set_published(motion(town, f"Motie {n}"), town.griffie, True)
    get("/moties/")
    with CaptureQueriesContext(connection) as few:
        get("/moties/")
    for n in range(5, 40):
        set_published(motion(town, f"Motie {n}"), town.griffie, True)
    with CaptureQueriesContext(connection) as many:
        get("/moties/")
    assert len(many) == len(few)


def test_only_sent_letters_of_published_moties_download(town, site):
    from governance.models import Letterhead
    from motions.models import CompletionLetter

    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
    )
    shown = motion(town, "Met brief")
    draft = CompletionLetter.objects.create(motion=shown)
    draft.regenerate()
    set_published(shown, town.griffie, True)
    assert get(f"/moties/{shown.number}/brief/{draft.pk}/").status_code == 404
    sent = CompletionLetter.objects.create(motion=shown, core_message="<p>Uitgevoerd.</p>")
    sent.send(town.staff)
    response = get(f"/moties/{shown.number}/brief/{sent.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    set_published(shown, town.griffie, False)
    assert get(f"/moties/{shown.number}/brief/{sent.pk}/").status_code == 404


def test_the_feed_and_the_sitemap_show_only_published_moties(town, site):
    shown, hidden = motion(town, "Openbaar besluit"), motion(town, "Nog in concept")
    set_published(shown, town.griffie, True)
    feed, sitemap = get("/moties/feed/").text, get("/sitemap-moties.xml").text
    assert "Openbaar besluit" in feed and "Nog in concept" not in feed
    assert f"/moties/{shown.number}/" in sitemap and f"/moties/{hidden.number}/" not in sitemap
    assert "Moties van Dijkhoven" in feed
    set_published(shown, town.griffie, False)
    assert "Openbaar besluit" not in get("/moties/feed/").text
    assert f"/moties/{shown.number}/" not in get("/sitemap-moties.xml").text


def test_each_municipality_gets_its_house_colour(town, other_town, site):
    from governance.models import Letterhead

    Letterhead.objects.create(
        municipality=other_town.municipality,
        name="Gemeente Lindeburg",
        place="Lindeburg",
        theme_color="#6b2c5f",
    )
    page = get("/moties/", host="lindeburg.example").text
    assert '<link rel="stylesheet" href="/thema.css?v=6b2c5f">' in page and "nonce" not in page
    theme = get("/thema.css?v=6b2c5f", host="lindeburg.example")
    assert theme["Content-Type"] == "text/css; charset=utf-8"
    assert "--raadsvolg-color-primary: #6b2c5f" in theme.text
    assert "6b2c5f" not in get("/moties/").text
    assert "6b2c5f" not in get("/thema.css?v=6b2c5f").text


@pytest.mark.parametrize(
    ("colour", "message"), [("#ffdd00", "te licht"), ("red", "#RRGGBB"), ("#12345g", "#RRGGBB")]
)
def test_a_house_colour_must_be_readable(colour, message):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from governance.models import validate_theme_color

    with translation.override("nl"), pytest.raises(ValidationError) as error:
        validate_theme_color(colour)
    assert message in error.value.messages[0]


@time_machine.travel(datetime.datetime(2026, 11, 29, 14, tzinfo=datetime.UTC))
def test_the_public_history_shows_when_things_happened_not_when_they_were_typed_in(town, site):
    meeting = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 11, 9))
    voted = MotionFactory(
        municipality=town.municipality,
        meeting=meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        title="Speeltuinen",
    )
    apply_transition(
        voted, town.griffie, "adopt", reason="Besluitenlijst.", deadline_unknown_reason="?"
    )
    set_published(voted, town.griffie, True)
    page = get(f"/moties/{voted.number}/").text
    assert "9 november 2026</time>: Aangenomen" in page
    assert "29 november 2026" not in page
