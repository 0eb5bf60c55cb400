"""/sitemap.xml is a sitemap index of paged sitemaps per section of the request's site:
valid against the sitemaps.org schemas, every published record exactly once, nothing
unpublished or of another municipality, and a number of queries that does not grow with
the number of records."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import Page, Site

from advice.constants import AdviceStatus
from advice.pages import AdviceIndexPage
from commitments.pages import CommitmentIndexPage
from governance.pages import HomePage
from motions.pages import MotionIndexPage
from motions.publication import set_published
from opendata import sitemaps
from tests.factories import AdviceFactory, CommitmentFactory, MotionFactory

SCHEMAS = Path(__file__).parent / "schemas" / "sitemaps"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLISHED = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        pages = [
            home,
            home.add_child(instance=MotionIndexPage(title="Moties", slug="moties")),
            home.add_child(instance=CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen")),
            home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen")),
        ]
        for page in pages:  # published as an editor would, so each knows when
            page.save_revision().publish()
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of three URLs, so a handful of records spans several pages."""
    monkeypatch.setattr(sitemaps.PagedSitemap, "limit", 3)


def get(path, host="dijkhoven.example"):
    return Client().get(path, HTTP_HOST=host)


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def index_entries(host="dijkhoven.example"):
    """The sitemap index, validated: [(path with query, lastmod text)]."""
    response = get("/sitemap.xml", host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    tree = etree.fromstring(response.content)
    schema("siteindex.xsd").assertValid(tree)
    entries = []
    for entry in tree.findall("s:sitemap", NS):
        url = urlsplit(entry.findtext("s:loc", namespaces=NS))
        assert url.netloc == host
        path = url.path + (f"?{url.query}" if url.query else "")
        entries.append((path, entry.findtext("s:lastmod", namespaces=NS)))
    return entries


def all_urls(host="dijkhoven.example"):
    """Every <loc> of every sitemap the index names, each sitemap validated; with the
    lastmod of each and the lastmod the index gives its sitemap."""
    urls = []
    for path, index_lastmod in index_entries(host):
        response = get(path, host)
        assert response.status_code == 200, path
        tree = etree.fromstring(response.content)
        schema("sitemap.xsd").assertValid(tree)
        lastmods = []
        for url in tree.findall("s:url", NS):
            lastmod = url.findtext("s:lastmod", namespaces=NS)
            assert lastmod, "every URL says when it last changed"
            lastmods.append(datetime.date.fromisoformat(lastmod))
            urls.append(url.findtext("s:loc", namespaces=NS))
        # A sitemap gives days (Django's), the index the moment of the latest change.
        assert datetime.datetime.fromisoformat(index_lastmod).date() == max(lastmods), path
    return urls


def published_motion(town, **kwargs):
    return MotionFactory(municipality=town.municipality, published_at=PUBLISHED, **kwargs)


def published_commitment(town, **kwargs):
    return CommitmentFactory(municipality=town.municipality, published_at=PUBLISHED, **kwargs)


def published_advice(town):
    return AdviceFactory(municipality=town.municipality, status=AdviceStatus.published)


def test_the_index_names_every_page_of_every_section_and_each_record_appears_once(
    town, other_town, site, small_pages
):
    motions = [published_motion(town, adopted=True) for __ in range(7)]
    commitments = [published_commitment(town) for __ in range(4)]
    advices = [published_advice(town) for __ in range(3)]
    draft = MotionFactory(municipality=town.municipality)
    hidden_commitment = CommitmentFactory(municipality=town.municipality)
    draft_advice = AdviceFactory(municipality=town.municipality)
    withdrawn = set_published(published_motion(town), town.griffie, False)
    sent = AdviceFactory(municipality=town.municipality, status=AdviceStatus.response_sent)
    foreign = published_motion(other_town)
    foreign_advice = published_advice(other_town)

    paths = [path for path, __ in index_entries()]
    assert paths == [
        "/sitemap-paginas.xml",
        "/sitemap-paginas.xml?p=2",
        "/sitemap-moties.xml",
        "/sitemap-moties.xml?p=2",
        "/sitemap-moties.xml?p=3",
        "/sitemap-toezeggingen.xml",
        "/sitemap-toezeggingen.xml?p=2",
        "/sitemap-adviezen.xml",
        "/sitemap-cijfers.xml",
    ]
    urls = all_urls()
    base = "http://dijkhoven.example"
    expected = [
        f"{base}/",
        f"{base}/moties/",
        f"{base}/toezeggingen/",
        f"{base}/adviezen/",
        *(f"{base}/moties/{m.number}/" for m in motions),
        *(f"{base}/toezeggingen/{c.number}/" for c in commitments),
        *(f"{base}/adviezen/{a.pk}/" for a in advices),
        f"{base}/cijfers/",
    ]
    assert sorted(urls) == sorted(expected)
    assert len(urls) == len(set(urls))
    for absent in (
        f"/moties/{draft.number}/",
        f"/toezeggingen/{hidden_commitment.number}/",
        f"/adviezen/{draft_advice.pk}/",
        f"/moties/{withdrawn.number}/",
        f"/adviezen/{sent.pk}/",
        f"/moties/{foreign.number}/",
        f"/adviezen/{foreign_advice.pk}/",
    ):
        assert not any(url.endswith(absent) for url in urls), absent


def test_the_other_municipality_gets_only_its_own_records(town, other_town, site):
    mine, theirs = published_motion(town), published_motion(other_town)
    urls = all_urls("lindeburg.example")
    assert f"http://lindeburg.example/moties/{theirs.number}/" in urls
    assert not any(mine.number in url or "dijkhoven" in url for url in urls)


def test_a_page_beyond_the_last_and_a_section_without_records_are_not_found(
    town, site, small_pages
):
    for __ in range(4):
        published_motion(town)
    assert get("/sitemap-moties.xml?p=2").status_code == 200
    assert get("/sitemap-moties.xml?p=3").status_code == 404
    assert get("/sitemap-moties.xml?p=x").status_code == 404
    assert get("/sitemap-toezeggingen.xml").status_code == 404  # none published
    assert get("/sitemap-onbekend.xml").status_code == 404
    assert "/sitemap-toezeggingen.xml" not in [path for path, __ in index_entries()]


def test_the_lastmod_of_a_record_is_when_it_last_changed(town, site, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 2, 12, tzinfo=datetime.UTC))
    motion = published_motion(town)
    advice = published_advice(town)
    time_machine.move_to(datetime.datetime(2026, 11, 3, 12, tzinfo=datetime.UTC))
    motion.save()  # changed a day later
    (entry,) = [entry for entry in index_entries() if entry[0] == "/sitemap-moties.xml"]
    assert datetime.datetime.fromisoformat(entry[1]) == motion.updated_at
    motions = etree.fromstring(get("/sitemap-moties.xml").content)
    assert motions.findtext("s:url/s:lastmod", namespaces=NS) == "2026-11-03"
    adviezen = etree.fromstring(get("/sitemap-adviezen.xml").content)
    assert adviezen.findtext("s:url/s:lastmod", namespaces=NS) == "2026-11-02"
    assert advice.history.get().history_date.date() == datetime.date(2026, 11, 2)


def test_robots_txt_names_the_sitemap_index(town, site):
    assert "Sitemap: http://dijkhoven.example/sitemap.xml" in get("/robots.txt").text


def queries(path):
    get(path)  # Wagtail's site-root cache is filled by the first request
    with CaptureQueriesContext(connection) as context:
        assert get(path).status_code == 200
    return len(context)


def test_the_number_of_queries_does_not_grow_with_the_number_of_records(town, site, small_pages):
    def add(count):
        for __ in range(count):
            published_motion(town)
            published_commitment(town)
            published_advice(town)

    add(4)
    paths = ["/sitemap.xml", "/sitemap-moties.xml?p=2", "/sitemap-adviezen.xml?p=2"]
    few = [queries(path) for path in paths]
    add(8)
    assert [queries(path) for path in paths] == few
    # The index: the request's savepoints (2), site and municipality (2), the section
    # pages (4), view restrictions (1), one per section (4) and two for /cijfers/.
    assert few[0] <= 15
    # A sitemap page: its count and its rows, besides the same frame.
    assert few[1] <= 10
