"""The frame of every public page (issue 15, item 4): the municipality's header with
its logo and name, the navigation, the breadcrumbs, the pagination and the footer with
the feeds, the calendar, the open data and the toegankelijkheidsverklaring."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Page, Site

from advice.pages import AdviceIndexPage
from commitments.pages import CommitmentIndexPage
from governance.demo_site import demo_logo
from governance.models import Letterhead
from governance.pages import ContentPage, HomePage, PublicSiteSettings
from motions.pages import MotionIndexPage
from motions.publication import set_published
from motions.votes import record_vote
from tests.factories import MotionFactory


@pytest.fixture
def sites(town, other_town):
    """Two municipalities' sites, each with the three lists and a content page."""
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    homes = {}
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        for page in (
            MotionIndexPage(title="Moties", slug="moties"),
            CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen"),
            AdviceIndexPage(title="Adviezen", slug="adviezen"),
            ContentPage(title="Toegankelijkheid", slug="toegankelijkheid"),
        ):
            home.add_child(instance=page)
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()
        homes[host] = home
    return homes


def get(url, host="dijkhoven.example"):
    return Client().get(url, HTTP_HOST=host)


def letterhead(town, name, logo=True):
    return Letterhead.objects.create(
        municipality=town.municipality,
        name=name,
        place=name.split()[-1],
        logo=SimpleUploadedFile("logo.png", demo_logo("#1f4e79")) if logo else "",
    )


def published_motion(town, title="Taalhuis", **traits):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title=title,
        submitters=[town.person],
        **(traits or {"in_progress": True}),
    )
    set_published(motion, town.griffie, True)
    return motion


def header(html):
    return re.search(r'<header class="utrecht-page-header.*?</header>', html, re.S).group(0)


def test_the_header_shows_the_municipalitys_logo_and_name(town, other_town, sites):
    letterhead(town, "Gemeente Dijkhoven")
    top = header(get("/moties/").text)
    assert "Gemeente Dijkhoven" in top
    logo = re.search(r'<img src="([^"]+)" alt="">', top).group(1)
    assert logo.startswith("/logo/?v=")
    answer = get(logo)
    assert answer["Content-Type"] == "image/png"
    assert b"".join(answer.streaming_content).startswith(b"\x89PNG")
    assert "public" in answer["Cache-Control"]


def test_without_a_logo_the_header_shows_the_name_only(town, other_town, sites):
    letterhead(town, "Gemeente Dijkhoven")
    letterhead(other_town, "Gemeente Lindeburg", logo=False)
    top = header(get("/moties/", host="lindeburg.example").text)
    assert "Gemeente Lindeburg" in top and "<img" not in top
    # Its logo address gives nothing, not Dijkhoven's logo.
    assert get("/logo/", host="lindeburg.example").status_code == 404


def test_without_a_letterhead_the_header_shows_the_municipalitys_name(town, other_town, sites):
    top = header(get("/moties/").text)
    assert town.municipality.name in top and "<img" not in top
    assert get("/logo/").status_code == 404


def test_the_navigation_leads_to_each_section_and_marks_where_you_are(town, sites):
    html = get("/moties/").text
    nav = re.search(r'<nav class="utrecht-nav-bar.*?</nav>', html, re.S).group(0)
    links = re.findall(r'href="([^"]+)"(?: aria-current="(\w+)")?>([^<]+)<', nav)
    assert links == [
        ("/moties/", "page", "Moties"),
        ("/toezeggingen/", "", "Toezeggingen"),
        ("/adviezen/", "", "Adviezen"),
        ("/cijfers/", "", "Cijfers"),
        ("/zoeken/", "", "Zoeken"),
    ]
    motion = published_motion(town)
    nav = get(f"/moties/{motion.number}/").text
    assert 'href="/moties/" aria-current="true">Moties<' in nav


def crumbs(html):
    found = re.search(r'<nav class="utrecht-breadcrumb-nav.*?</nav>', html, re.S)
    if found is None:
        return []
    return re.findall(r'href="([^"]+)"(?: aria-current="page")?>([^<]+)<', found.group(0))


def test_every_page_below_home_has_breadcrumbs(town, sites):
    motion = published_motion(town)
    assert crumbs(get("/").text) == []
    assert crumbs(get("/moties/").text) == [("/", "Home"), ("/moties/", "Moties")]
    assert crumbs(get(f"/moties/{motion.number}/").text) == [
        ("/", "Home"),
        ("/moties/", "Moties"),
        (f"/moties/{motion.number}/", motion.number),
    ]
    assert crumbs(get("/toegankelijkheid/").text)[-1] == ("/toegankelijkheid/", "Toegankelijkheid")
    assert crumbs(get("/zoeken/?q=x").text) == [("/", "Home"), ("/zoeken/", "Zoeken")]
    assert crumbs(get("/bestaat-niet/").text)[-1][1] == "Pagina niet gevonden"


def footer(html):
    return re.search(r"<footer.*?</footer>", html, re.S).group(0)


def test_the_footer_links_the_feeds_the_calendar_and_the_accessibility_statement(town, sites):
    home = sites["dijkhoven.example"]
    statement = ContentPage.objects.child_of(home).get()
    html = get("/adviezen/").text
    for url in ("/moties/feed/", "/toezeggingen/feed/atom/", "/adviezen/feed/", "/termijnen.ics"):
        assert f'href="{url}"' in footer(html), url
    assert "Toegankelijkheidsverklaring" not in footer(html)  # none named yet
    setting = PublicSiteSettings.for_site(home.get_site())
    setting.accessibility_page = statement
    setting.save()
    assert 'href="/toegankelijkheid/">Toegankelijkheidsverklaring<' in footer(get("/").text)


def test_the_head_names_the_feeds_for_browsers_and_feed_readers(town, sites):
    html = get("/").text
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Moties (RSS)" '
        'href="/moties/feed/">' in head
    )
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Adviezen (Atom)" '
        'href="/adviezen/feed/atom/">' in head
    )


def test_the_footer_and_navigation_link_the_api_and_the_figures(town, sites):
    html = get("/").text
    assert 'href="/api/v1/docs/">Open data (API)<' in footer(html)
    assert 'href="/cijfers/">Cijfers<' in footer(html)
    assert 'href="/cijfers/">Cijfers<' in html.split("<main")[0]  # the navigation


def test_the_accessibility_statement_must_be_a_page_of_the_site_itself(town, other_town, sites):
    elsewhere = ContentPage.objects.child_of(sites["lindeburg.example"]).get()
    setting = PublicSiteSettings(
        site=sites["dijkhoven.example"].get_site(), accessibility_page=elsewhere
    )
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        setting.full_clean()
    assert error.value.message_dict["accessibility_page"] == [
        "Kies een pagina van deze site, niet van een andere."
    ]
    setting.accessibility_page = ContentPage.objects.child_of(sites["dijkhoven.example"]).get()
    setting.full_clean()


def test_the_pagination_numbers_the_pages_and_keeps_the_filters(town, sites):
    for n in range(30):
        published_motion(town, f"Motie {n}")
    html = get("/moties/?status=in_progress").text
    pagination = re.search(r'<nav class="utrecht-pagination.*?</nav>', html, re.S).group(0)
    assert "Pagina 1 van 2" in pagination
    assert 'aria-current="page" href="?status=in_progress&amp;pagina=1">1<' in pagination
    assert 'rel="next" href="?status=in_progress&amp;pagina=2">Volgende<' in pagination
    second = get("/moties/?status=in_progress&pagina=2").text
    assert 'rel="prev" href="?status=in_progress&amp;pagina=1">Vorige<' in second


def test_the_filters_are_nl_design_system_form_fields(town, sites):
    html = get("/moties/").text
    form = re.search(
        r'<form method="get" class="utrecht-form raadsvolg-filters.*?</form>', html, re.S
    )
    form = form.group(0)
    assert form.count('class="utrecht-form-field ') == 5
    assert '<select name="status" class="utrecht-select utrecht-select--html-select"' in form
    assert 'type="checkbox" name="overdue" class="utrecht-checkbox' in form
    assert form.count('class="utrecht-form-label') == 5


def test_the_motion_page_shows_the_vote_per_party_and_the_dates(town, sites):
    motion = published_motion(town)
    record_vote(
        motion,
        town.griffie,
        outcome="adopted",
        votes_for=18,
        votes_against=9,
        party_votes={town.party: "against"},
    )
    html = get(f"/moties/{motion.number}/").text
    assert "Aangenomen met 18 stemmen voor en 9 tegen" in html
    date = motion.meeting.date
    assert f'<time datetime="{date:%Y-%m-%d}">' in html
    row = f'<th class="utrecht-table__header-cell" scope="row">{town.party.name}</th>'
    assert row in html
    assert html.split(row)[1].split("</tr>")[0].endswith(">Tegen</td>")


def test_the_demo_has_a_logo_and_a_toegankelijkheidsverklaring_in_every_footer(db, settings):
    settings.RAADSVOLG_DEMO = True
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())  # nothing twice
    for host in ("localhost", "lindeburg.localhost"):
        html = get("/", host=host).text
        assert 'href="/toegankelijkheidsverklaring/">Toegankelijkheidsverklaring<' in footer(html)
        statement = get("/toegankelijkheidsverklaring/", host=host).text
        assert "Besluit digitale toegankelijkheid overheid" in statement
    assert ContentPage.objects.filter(slug="toegankelijkheidsverklaring").count() == 2
    assert "<img" in header(get("/", host="localhost").text)
    assert "<img" not in header(get("/", host="lindeburg.localhost").text)
