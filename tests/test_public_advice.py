"""The public adviezen: only published ones, each point with the college's response."""

import datetime

import pytest
from django.test import Client
from wagtail.models import Page, Site

from advice.constants import AdviceStatus as S
from advice.lifecycle import take_step
from advice.models import Advice, PointResponse
from advice.pages import AdviceIndexPage
from governance.pages import HomePage
from governance.public_changes import public_changed
from tests.factories import AdviceFactory


@pytest.fixture
def site(town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home = root.add_child(instance=HomePage(title="Raadsvolg Dijkhoven", slug="dijkhoven"))
    home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen"))
    town.municipality.site = Site.objects.create(
        hostname="dijkhoven.example", port=80, root_page=home, is_default_site=True
    )
    town.municipality.save()


def get(path):
    return Client().get(path, HTTP_HOST="dijkhoven.example")


@pytest.fixture
def advice(town):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
        subject="Advies over armoede",
    )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 3))
    take_step(advice, town.staff, "start_response")
    for point in advice.points.all():
        PointResponse.objects.create(
            point=point, position="adopted", text=f"Het college doet punt {point.number}."
        )
    return Advice.objects.get(pk=advice.pk)


def test_an_advice_shows_only_once_published_with_each_response(town, site, advice):
    assert "Advies over armoede" not in get("/adviezen/").text
    assert get(f"/adviezen/{advice.pk}/").status_code == 404
    Advice.objects.filter(pk=advice.pk).update(status=S.published)
    public_changed([town.municipality.pk])  # an update() sends no signal
    page = get(f"/adviezen/{advice.pk}/").text
    assert "Advies over armoede" in get("/adviezen/").text
    assert (
        page.index("Wij adviseren punt 1.")
        < page.index("Het college doet punt 1.")
        < (page.index("Wij adviseren punt 2."))
    )
    assert "Standpunt van het college: Overgenomen" in page


def test_a_draft_never_shows(town, site):
    draft = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
        subject="Geheim concept",
    )
    assert "Geheim concept" not in get("/adviezen/").text
    assert get(f"/adviezen/{draft.pk}/").status_code == 404
    assert f"/adviezen/{draft.pk}/" not in get("/sitemap-adviezen.xml").text


def test_feeds_and_withdrawal(town, site, advice):
    Advice.objects.filter(pk=advice.pk).update(status=S.response_sent)
    assert "Advies over armoede" not in get("/adviezen/feed/").text
    published = take_step(Advice.objects.get(pk=advice.pk), town.griffie, "publish")
    assert "Advies over armoede" in get("/adviezen/feed/").text
    assert "Advies over armoede" in get("/adviezen/feed/atom/").text
    take_step(published, town.griffie, "withdraw_publication")
    assert "Advies over armoede" not in get("/adviezen/feed/atom/").text
    assert get(f"/adviezen/{advice.pk}/").status_code == 404


@pytest.mark.usefixtures("without_public_cache")
def test_an_advice_page_with_50_points_costs_no_more_queries_than_one_with_2(town, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def published(points):
        made = AdviceFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=town.portfolio,
            points=points,
        )
        for point in made.points.all():
            PointResponse.objects.create(point=point, position="adopted", text="Ja.")
        Advice.objects.filter(pk=made.pk).update(status=S.published)
        return made

    small, big = published(2), published(50)
    get(f"/adviezen/{small.pk}/")

    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert get(path).status_code == 200
        return len(queries)

    assert count(f"/adviezen/{big.pk}/") == count(f"/adviezen/{small.pk}/")
    few = count("/adviezen/")
    for _ in range(10):
        published(3)
    assert count("/adviezen/") == few


def test_request_documents_download_only_with_a_published_advice(town, site, advice):
    from django.core.files.base import ContentFile

    from advice.models import RequestDocument
    from tests.factories import AdviceRequestFactory

    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    document = RequestDocument(request=request, title="Beleidsnota")
    document.file.save("nota.txt", ContentFile(b"De nota."), save=True)
    Advice.objects.filter(pk=advice.pk).update(request=request)
    url = f"/adviezen/{advice.pk}/document/{document.pk}/"
    assert get(url).status_code == 404
    Advice.objects.filter(pk=advice.pk).update(status=S.published)
    assert "Beleidsnota" in get(f"/adviezen/{advice.pk}/").text
    assert b"".join(get(url).streaming_content) == b"De nota."


def test_sent_letters_of_a_published_advice_download_by_kind(town, site, advice):
    from advice.models import ResponseLetter
    from governance.models import Letterhead

    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
    )
    advice = take_step(advice, town.staff, "adopt_response", on=datetime.date(2026, 11, 20))
    letter = ResponseLetter.objects.create(advice=advice)
    letter.send(town.staff)
    Advice.objects.filter(pk=advice.pk).update(status=S.published)
    link = f"/adviezen/{advice.pk}/brief/reactie/{letter.pk}/"
    assert link in get(f"/adviezen/{advice.pk}/").text
    assert b"".join(get(link).streaming_content).startswith(b"%PDF")
    assert get(f"/adviezen/{advice.pk}/brief/raad/{letter.pk}/").status_code == 404
