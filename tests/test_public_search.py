"""Public search: published moties and adviezen of the site's municipality only."""

import pytest
from django.db import connection
from django.test import Client
from wagtail.models import Page, Site

from advice.constants import AdviceStatus
from advice.models import Advice
from advice.pages import AdviceIndexPage
from governance.pages import HomePage
from motions.pages import MotionIndexPage
from motions.publication import set_published
from tests.factories import AdviceFactory, MotionFactory


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=host, slug=host[:9]))
        home.add_child(instance=MotionIndexPage(title="Moties", slug="moties"))
        home.add_child(instance=AdviceIndexPage(title="Adviezen", slug="adviezen"))
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


def search(query, host="dijkhoven.example"):
    response = Client().get("/zoeken/", {"q": query}, HTTP_HOST=host)
    assert response.status_code == 200
    return response.text


def motion(town, title, publish=True):
    created = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title=title,
    )
    if publish:
        set_published(created, town.griffie, True)
    return created


def test_only_published_moties_are_found_and_a_withdrawn_one_disappears(town, site):
    shown = motion(town, "Buurtbus naar het gezondheidscentrum")
    motion(town, "Buurtbus geheim concept", publish=False)
    page = search("buurtbus")
    assert "gezondheidscentrum" in page and "geheim concept" not in page
    set_published(shown, town.griffie, False)
    assert "gezondheidscentrum" not in search("buurtbus")


def test_another_municipality_is_not_searched(town, other_town, site):
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        in_progress=True,
        title="Lindeburgse buurtbus",
    )
    set_published(elsewhere, other_town.griffie, True)
    assert "Lindeburgse buurtbus" not in search("buurtbus")
    assert "Lindeburgse buurtbus" in search("buurtbus", host="lindeburg.example")


def test_points_and_responses_of_published_advice_are_found_drafts_never(town, site):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
        subject="Advies mantelzorg",
    )
    point = advice.points.get()
    point.text = "Wij adviseren respijtzorg in de avonduren."
    point.save()
    assert "Advies mantelzorg" not in search("respijtzorg")
    Advice.objects.filter(pk=advice.pk).update(status=AdviceStatus.published)
    Advice.objects.get(pk=advice.pk).save()  # reindex, as the publish step does
    assert "Advies mantelzorg" in search("respijtzorg")


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, "' OR 1=1 --", "<script>alert(1)</script>", '"""', "%", "\\", "AND OR NOT"],
)
def test_odd_queries_answer_with_a_page_and_echo_no_markup(town, site, query):
    motion(town, "Iets")
    assert "<script>alert(1)</script>" not in search(query)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Dutch stemming is PostgreSQL's")
def test_dutch_stemming_finds_other_forms_of_a_word(town, site):
    motion(town, "Bezuinigingen op preventie schrappen")
    assert "Bezuinigingen op preventie" in search("bezuiniging")


def test_sent_letters_are_found_drafts_never(town, site):
    from governance.models import Letterhead
    from motions.models import CompletionLetter

    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="S.",
        mayor_name="B.",
    )
    shown = motion(town, "Taalpunten")
    CompletionLetter.objects.create(motion=shown, core_message="<p>Wij openden zes taalcafés.</p>")
    assert "Raadsbrief" not in search("taalcafés")
    letter = CompletionLetter.objects.get()
    letter.send(town.staff)
    assert "Raadsbrief" in search("taalcafés")
