"""Woo publication: the DiWoo sitemaps and metadata hold every published advies and
sent letter of a published record, and nothing else; their XML follows the schema."""

import datetime
import shutil
from pathlib import Path

import pytest
import time_machine
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from lxml import etree
from wagtail.models import Page, Site

from advice.constants import AdviceStatus as S
from advice.models import Advice, CouncilInformationLetter, ResponseLetter
from advice.pages import AdviceIndexPage
from governance.letters import LetterStatus
from governance.pages import HomePage
from motions.models import CompletionLetter
from motions.pages import MotionIndexPage
from motions.publication import set_published
from opendata import diwoo, diwoo_sitemap
from tests.factories import AdviceFactory, MotionFactory

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"s": diwoo_sitemap.SITEMAP_NS, "d": diwoo.DIWOO_NS}
ADVICE_INDEX = "/woo/sitemapindex-diwoo-infocat010.xml"
MEETING_INDEX = "/woo/sitemapindex-diwoo-infocat008.xml"
ADVICE_SITEMAP = "/woo/sitemap-diwoo-infocat010-1.xml"
MEETING_SITEMAP = "/woo/sitemap-diwoo-infocat008-1.xml"


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
        home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen"))
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


def get(path, host="dijkhoven.example"):
    return Client().get(path, HTTP_HOST=host)


def api_request():
    """A request on the municipality's host, as the API passes to the metadata."""
    return RequestFactory().get("/", HTTP_HOST="dijkhoven.example")


def locs(path, host="dijkhoven.example"):
    response = get(path, host)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text for loc in etree.fromstring(response.content).iterfind(".//s:loc", NS)]


def advice(town, status=S.published, **kwargs):
    """An advies moved to `status` by saves, so that its history has each step."""
    record = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        received_date=datetime.date(2026, 11, 3),
        **kwargs,
    )
    return move(record, status)


def move(record, status):
    record.status = status
    record.save()
    return record


def motion(town, published=True, **kwargs):
    record = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        **kwargs,
    )
    if published:
        set_published(record, town.griffie, True)
    return record


def letter(model, sent=True, pdf="letters/2026/brief.pdf", **kwargs):
    """A letter stored as sent (or as draft), without rendering its PDF."""
    if not sent:
        return model.objects.create(pdf=pdf, **kwargs)
    return model.objects.create(
        status=LetterStatus.sent,
        letter_date=datetime.date(2026, 11, 20),
        sent_at=datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC),
        case_number="Z/26/001",
        document_number="D/26/0042",
        pdf=pdf,
        **kwargs,
    )


# ---------------------------------------------------------------------------------------
# The publication rule, per kind
# ---------------------------------------------------------------------------------------


def test_only_published_adviezen_are_in_the_advice_sitemap(town, other_town, site):
    shown = advice(town, subject="Openbaar advies")
    hidden = [advice(town, status=s) for s in (S.draft, S.submitted, S.response_sent)]
    elsewhere = advice(other_town)
    found = locs(ADVICE_SITEMAP)
    assert found == [f"http://dijkhoven.example/adviezen/{shown.pk}/"]
    assert not any(f"/adviezen/{a.pk}/" in loc for a in [*hidden, elsewhere] for loc in found)
    assert locs(ADVICE_SITEMAP, host="lindeburg.example") == [
        f"http://lindeburg.example/adviezen/{elsewhere.pk}/"
    ]
    move(shown, S.response_sent)  # publication withdrawn
    assert locs(ADVICE_SITEMAP) == []


def test_only_sent_letters_with_a_pdf_of_published_moties_are_in_the_sitemap(
    town, other_town, site
):
    published, unpublished = motion(town), motion(town, published=False)
    sent = letter(CompletionLetter, motion=published)
    letter(CompletionLetter, sent=False, motion=published)
    letter(CompletionLetter, motion=published, pdf="")
    letter(CompletionLetter, motion=unpublished)
    letter(CompletionLetter, motion=motion(other_town))
    expected = f"http://dijkhoven.example/moties/{published.number}/brief/{sent.pk}/"
    assert locs(MEETING_SITEMAP) == [expected]
    set_published(published, town.griffie, False)
    assert locs(MEETING_SITEMAP) == []


def test_the_letters_of_an_advies_follow_its_publication(town, other_town, site):
    shown, hidden = advice(town), advice(town, status=S.response_sent)
    elsewhere = advice(other_town)
    letter(ResponseLetter, advice=elsewhere)
    letter(CouncilInformationLetter, advice=elsewhere)
    response = letter(ResponseLetter, advice=shown)
    information = letter(CouncilInformationLetter, advice=shown)
    letter(ResponseLetter, sent=False, advice=shown)
    letter(CouncilInformationLetter, sent=False, advice=shown)
    letter(ResponseLetter, advice=hidden)
    letter(CouncilInformationLetter, advice=hidden)
    base = f"http://dijkhoven.example/adviezen/{shown.pk}/"
    assert locs(ADVICE_SITEMAP) == [base, f"{base}brief/reactie/{response.pk}/"]
    assert locs(MEETING_SITEMAP) == [f"{base}brief/raad/{information.pk}/"]
    move(shown, S.response_sent)
    assert locs(ADVICE_SITEMAP) == [] and locs(MEETING_SITEMAP) == []


def test_a_site_without_advice_pages_offers_no_adviezen(town, site):
    """Without a live advice index the documents have no public address: not offered."""
    shown = advice(town)
    letter(ResponseLetter, advice=shown)
    letter(CouncilInformationLetter, advice=shown)
    AdviceIndexPage.objects.get(url_path__startswith="/dijkhoven/").unpublish()
    assert locs(ADVICE_SITEMAP) == [] and locs(MEETING_SITEMAP) == []
    request = api_request()
    assert diwoo.advice_metadata(shown, request) is None


def test_every_document_in_the_sitemap_downloads_from_its_loc(town, site, settings, tmp_path):
    """The harvester fetches `<loc>`: it must be the public document, not a 404."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "brief.pdf").write_bytes(b"%PDF-1.7 brief")
    shown, record = advice(town, points=1), motion(town)
    letter(ResponseLetter, advice=shown, pdf="letters/brief.pdf")
    letter(CouncilInformationLetter, advice=shown, pdf="letters/brief.pdf")
    letter(CompletionLetter, motion=record, pdf="letters/brief.pdf")
    found = locs(ADVICE_SITEMAP) + locs(MEETING_SITEMAP)
    assert len(found) == 4
    for loc in found:
        assert get(loc.removeprefix("http://dijkhoven.example")).status_code == 200, loc


# ---------------------------------------------------------------------------------------
# The hosts, the categories and the pages
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [ADVICE_INDEX, MEETING_INDEX, ADVICE_SITEMAP, MEETING_SITEMAP],
)
def test_a_host_without_a_site_gets_no_sitemap(town, site, path):
    """Wagtail serves the default site to a host it does not know; the Woo sitemaps
    do not, so no municipality's documents appear under another name."""
    advice(town)
    assert get(path, host="elders.example").status_code == 404
    assert get(path).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/woo/sitemapindex-diwoo-infocat001.xml",
        "/woo/sitemap-diwoo-infocat017-1.xml",
        "/woo/sitemap-diwoo-infocat010-2.xml",
        "/woo/sitemap-diwoo-infocat010-0.xml",
    ],
)
def test_an_unknown_category_or_page_is_not_found(town, site, path):
    advice(town)
    assert get(path).status_code == 404


def test_the_index_pages_the_documents(town, site, monkeypatch):
    monkeypatch.setattr(diwoo_sitemap, "PAGE_SIZE", 2)
    made = [advice(town) for _ in range(5)]
    index = etree.fromstring(get(ADVICE_INDEX).content)
    pages = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
    assert pages == [
        f"http://dijkhoven.example/woo/sitemap-diwoo-infocat010-{n}.xml" for n in (1, 2, 3)
    ]
    assert len(index.findall("s:sitemap/s:lastmod", NS)) == 3
    found = [loc for n in (1, 2, 3) for loc in locs(f"/woo/sitemap-diwoo-infocat010-{n}.xml")]
    assert found == [f"http://dijkhoven.example/adviezen/{a.pk}/" for a in made]
    assert get("/woo/sitemap-diwoo-infocat010-4.xml").status_code == 404


def test_an_empty_category_has_one_empty_sitemap(town, site):
    index = etree.fromstring(get(MEETING_INDEX).content)
    assert [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)] == [
        f"http://dijkhoven.example{MEETING_SITEMAP}"
    ]
    assert locs(MEETING_SITEMAP) == []


def test_robots_txt_names_the_sitemaps_of_the_host(town, site):
    robots = get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    lines = robots.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://dijkhoven.example/sitemap.xml" in lines
    assert f"Sitemap: http://dijkhoven.example{ADVICE_INDEX}" in lines
    assert f"Sitemap: http://dijkhoven.example{MEETING_INDEX}" in lines
    elsewhere = get("/robots.txt", host="elders.example").text
    assert "Sitemap: http://elders.example/sitemap.xml" in elsewhere and "/woo/" not in elsewhere


def test_the_query_count_does_not_grow_with_the_documents(town, site):
    def add():
        shown = advice(town)
        letter(ResponseLetter, advice=shown)
        letter(CouncilInformationLetter, advice=shown)
        letter(CompletionLetter, motion=motion(town))

    add()
    counts = {}
    for rounds in ("few", "many"):
        counts[rounds] = []
        for path in (ADVICE_INDEX, ADVICE_SITEMAP, MEETING_INDEX, MEETING_SITEMAP):
            with CaptureQueriesContext(connection) as queries:
                assert get(path).status_code == 200
            counts[rounds].append(len(queries))
        for _ in range(6):
            add()
    assert counts["many"] == counts["few"]
    # one set at first, six more after each round: 13 adviezen and 13 motie letters
    assert len(locs(ADVICE_SITEMAP)) == 2 * 13 and len(locs(MEETING_SITEMAP)) == 2 * 13


# ---------------------------------------------------------------------------------------
# The metadata and the schema
# ---------------------------------------------------------------------------------------


@pytest.fixture
def schema(tmp_path):
    """The sitemap protocol's schema and DiWoo 0.9.8 (tests/schemas/README.md). DiWoo
    imports MDTO from the Nationaal Archief's site for the other branch of a choice
    Raadsvolg does not use; offline, that import and its one reference are removed."""
    for path in (*SCHEMAS.glob("diwoo/*.xsd"), *SCHEMAS.glob("sitemaps/*.xsd")):
        shutil.copy(path, tmp_path / path.name)
    xsd = tmp_path / "diwoo-metadata.xsd"
    tree = etree.parse(str(xsd))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for node in [*tree.iter(f"{xs}import"), *tree.iterfind(f".//{xs}element[@ref='mdto:MDTO']")]:
        node.getparent().remove(node)
    tree.write(str(xsd))
    (tmp_path / "both.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="{diwoo_sitemap.SITEMAP_NS}" schemaLocation="sitemap.xsd"/>'
        f'<xs:import namespace="{diwoo.DIWOO_NS}" schemaLocation="diwoo-metadata.xsd"/>'
        "</xs:schema>"
    )
    return etree.XMLSchema(etree.parse(str(tmp_path / "both.xsd")))


def test_the_schema_check_can_fail(schema):
    """A sitemap without the publisher DiWoo requires is refused: the check is real."""
    broken = (
        f'<urlset xmlns="{diwoo_sitemap.SITEMAP_NS}" xmlns:d="{diwoo.DIWOO_NS}"><url>'
        "<loc>https://example.nl/a.pdf</loc><d:Document><d:DiWoo/></d:Document></url></urlset>"
    )
    assert not schema.validate(etree.fromstring(broken))


def test_the_sitemaps_follow_the_diwoo_schema(town, site, schema):
    # The value list holds the real municipalities only: Enschede's code, not gm9901.
    town.municipality.tooi_code = "gm0153"
    town.municipality.save()
    # A vertical tab pasted from a PDF is no XML at all: it is left out, not sent.
    shown = advice(town, reference="ASR-2026-07", subject="Armoede\x0b en schulden")
    letter(ResponseLetter, advice=shown)
    letter(CouncilInformationLetter, advice=shown, version=2)
    letter(CompletionLetter, motion=motion(town, title="Speeltuinen & pleinen <veilig>"))
    for path in (ADVICE_SITEMAP, MEETING_SITEMAP):
        document = etree.fromstring(get(path).content)
        assert schema.validate(document), schema.error_log
        assert len(document.findall("s:url/d:Document/d:DiWoo", NS)) == 2


@time_machine.travel(datetime.datetime(2026, 11, 25, 9, tzinfo=datetime.UTC))
def test_the_metadata_of_an_advies(town, site):
    shown = advice(town, reference="ASR-2026-07", subject="Advies over armoede")
    request = api_request()
    metadata = diwoo.advice_metadata(shown, request)
    gemeente = {
        "resource": "https://identifier.overheid.nl/tooi/id/gemeente/gm9901",
        "label": "gemeente Dijkhoven",
    }
    assert metadata["loc"] == f"http://dijkhoven.example/adviezen/{shown.pk}/"
    assert metadata["publisher"] == metadata["verantwoordelijke"] == gemeente
    assert metadata["naamOpsteller"] == town.advisory_council.name
    assert metadata["opsteller"] is None
    assert metadata["officieleTitel"] == "Advies over armoede"
    assert metadata["identifiers"] == ["ASR-2026-07"]
    assert metadata["informatiecategorie"] == {
        "resource": "https://identifier.overheid.nl/tooi/def/thes/kern/c_99a836c7",
        "label": "adviezen",
    }
    assert metadata["documentsoort"]["label"] == "advies"
    assert metadata["format"]["label"] == "HTML"
    assert metadata["creatiedatum"] == "2026-11-01"
    assert metadata["publicatiedatum"] == "2026-11-25T10:00:00+01:00"
    assert [h["soortHandeling"]["label"] for h in metadata["documenthandelingen"]] == [
        "vaststelling",
        "ontvangst",
    ]
    assert metadata["documenthandelingen"][1]["atTime"] == "2026-11-03T00:00:00+01:00"
    move(shown, S.response_sent)
    assert diwoo.advice_metadata(Advice.objects.get(pk=shown.pk), request) is None


def test_the_metadata_of_each_letter(town, site):
    request = api_request()
    shown, record = advice(town, subject="Armoede"), motion(town, title="Speeltuinen")
    cases = [
        (letter(CompletionLetter, motion=record), "vergaderstukken decentrale overheden"),
        (letter(ResponseLetter, advice=shown), "adviezen"),
        (letter(CouncilInformationLetter, advice=shown), "vergaderstukken decentrale overheden"),
    ]
    titles = [
        f"Raadsbrief afdoening motie {record.number} ‘Speeltuinen’",
        "Collegereactie op het advies ‘Armoede’",
        "Raadsinformatiebrief over het advies ‘Armoede’",
    ]
    relations = ["is reactie op", "is reactie op", "verwijst naar"]
    for (sent, category), title, relation in zip(cases, titles, relations, strict=True):
        metadata = diwoo.letter_metadata(sent, request)
        assert metadata["officieleTitel"] == title
        assert metadata["informatiecategorie"]["label"] == category
        assert metadata["documentsoort"]["label"] == "brief"
        assert metadata["format"]["label"] == "PDF"
        assert metadata["identifiers"] == ["Z/26/001", "D/26/0042"]
        assert metadata["creatiedatum"] == "2026-11-20"
        assert metadata["opsteller"]["label"] == "gemeente Dijkhoven"
        assert metadata["documentrelaties"][0]["role"]["label"] == relation
        # public from the later of sending and the record's publication
        assert metadata["publicatiedatum"] >= "2026-11-20T11:00:00+01:00"
    draft = letter(ResponseLetter, sent=False, advice=shown)
    assert diwoo.letter_metadata(draft, request) is None


def test_the_metadata_functions_run_no_query_on_prefetched_records(town, site):
    request = api_request()
    shown = advice(town)
    letter(ResponseLetter, advice=shown)
    advices = list(diwoo.publishable_advices(town.municipality))
    letters = list(diwoo.publishable_letters(town.municipality)[ResponseLetter])
    diwoo.advice_metadata(advices[0], request)  # looks up the index page once
    with CaptureQueriesContext(connection) as queries:
        diwoo.advice_metadata(advices[0], request)
        diwoo.letter_metadata(letters[0], request)
    assert len(queries) == 0


def test_the_sitemap_carries_the_same_metadata_as_the_api(town, site):
    shown = advice(town, reference="ASR-1")
    request = api_request()
    metadata = diwoo.advice_metadata(shown, request)
    entry = etree.fromstring(get(ADVICE_SITEMAP).content).find("s:url", NS)
    assert entry.findtext("s:lastmod", namespaces=NS) == metadata["lastmod"]
    assert entry.findtext(".//d:officieleTitel", namespaces=NS) == metadata["officieleTitel"]
    assert entry.findtext(".//d:identifier", namespaces=NS) == "ASR-1"
    publisher = entry.find(".//d:publisher", NS)
    assert publisher.get("resource") == metadata["publisher"]["resource"]
    assert entry.findtext(".//d:creatiedatum", namespaces=NS) == metadata["creatiedatum"]


def test_a_republished_advies_is_public_from_its_new_publication(town, site):
    request = api_request()
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, tzinfo=datetime.UTC)):
        shown = advice(town)
    with time_machine.travel(datetime.datetime(2026, 11, 12, 9, tzinfo=datetime.UTC)):
        move(shown, S.response_sent)
    with time_machine.travel(datetime.datetime(2026, 11, 14, 9, tzinfo=datetime.UTC)):
        move(shown, S.published)
    metadata = diwoo.advice_metadata(Advice.objects.get(pk=shown.pk), request)
    assert metadata["publicatiedatum"] == "2026-11-14T10:00:00+01:00"
