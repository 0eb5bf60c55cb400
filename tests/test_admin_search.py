"""The admin's search box finds the user's work: moties, toezeggingen, adviezen and
advice points within the user's scope, never another municipality's or adviesraad's."""

import pytest
from django.urls import reverse

from advice.models import AdvicePoint
from governance.admin_search import SOURCES
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, CommitmentFactory, MotionFactory

URL = reverse("raadsvolg_search")


def motion(place, **kwargs):
    return MotionFactory(
        municipality=place.municipality,
        meeting=place.meeting,
        portfolio=place.portfolio,
        adopted=True,
        **kwargs,
    )


def found(response) -> list[str]:
    return [result["title"] for group in response.context["groups"] for result in group["results"]]


def test_the_griffie_finds_its_moties_by_number_title_and_text(town, other_town):
    mine = motion(town, title="Mantelzorgwoningen mogelijk maken")
    motion(other_town, title="Mantelzorgwoningen elders")
    client = client_for(town.griffie)
    for query in (mine.number, "mantelzorgwoning", "MANTELZORG"):
        assert found(client.get(URL, {"q": query})) == [str(mine)]


def test_commitments_and_advice_points_are_found_in_scope(town, other_town):
    commitment = CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Brief over de respijtzorg",
    )
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=0,
    )
    AdvicePoint.objects.create(
        advice=advice, number=1, text="Breid de respijtzorg uit in het weekend.", sort_order=1
    )
    elsewhere = AdviceFactory(
        municipality=other_town.municipality,
        advisory_council=other_town.advisory_council,
        portfolio=other_town.portfolio,
        points=0,
    )
    AdvicePoint.objects.create(
        advice=elsewhere, number=1, text="Meer respijtzorg elders.", sort_order=1
    )
    member = client_for(town.advisory_member)
    response = member.get(URL, {"q": "respijtzorg"})
    assert found(response) == [f"{advice} – Punt 1"]
    link = reverse("advice:inspect", args=[advice.pk])
    assert link in response.text
    assert str(commitment) in found(client_for(town.griffie).get(URL, {"q": "respijtzorg"}))


@pytest.mark.parametrize(
    ("query", "message"), [("a", "Typ minstens 2 tekens."), ("zzqx", "Niets gevonden voor 'zzqx'.")]
)
def test_a_short_or_fruitless_search_says_so(town, query, message):
    response = client_for(town.griffie).get(URL, {"q": query})
    assert response.context["message"] == message
    assert response.context["groups"] == []


def test_markup_in_the_query_is_shown_as_text(town):
    response = client_for(town.griffie).get(URL, {"q": "<script>x</script>"})
    assert "<script>x</script>" not in response.text
    assert "&lt;script&gt;x&lt;/script&gt;" in response.text


def test_the_sidebar_search_box_searches_the_users_work(town):
    response = client_for(town.staff).get(reverse("wagtailadmin_home"))
    assert URL in response.text


def test_a_search_costs_one_query_per_kind_of_record(town):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(town.griffie)
    client.get(URL)
    with CaptureQueriesContext(connection) as empty:
        client.get(URL)
    for index in range(5):
        motion(town, title=f"Wachttijden {index}")
    with CaptureQueriesContext(connection) as searched:
        assert len(found(client.get(URL, {"q": "wachttijden"}))) == 5
    assert len(searched) - len(empty) <= len(SOURCES)


def test_letters_and_advice_requests_are_found_by_number_and_subject_in_scope(town, other_town):
    from advice.models import ResponseLetter
    from governance.letters import LetterStatus
    from tests.factories import AdviceRequestFactory

    def advice_in(place, subject):
        return AdviceFactory(
            municipality=place.municipality,
            advisory_council=place.advisory_council,
            portfolio=place.portfolio,
            points=0,
            subject=subject,
        )

    letter = ResponseLetter.objects.create(advice=advice_in(town, "Armoedebeleid"))
    ResponseLetter.objects.filter(pk=letter.pk).update(
        status=LetterStatus.sent, case_number="0712345", document_number="572905"
    )
    ResponseLetter.objects.create(advice=advice_in(other_town, "Armoedebeleid elders"))
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject="Armoedebeleid 2027",
    )
    staff = client_for(town.staff)
    for query in ("572905", "0712345"):
        response = staff.get(URL, {"q": query})
        assert found(response) == [str(ResponseLetter.objects.get(pk=letter.pk))]
        assert reverse("response_letter:inspect", args=[letter.pk]) in response.text
        assert "Verzonden op" in response.text
    titles = found(staff.get(URL, {"q": "armoedebeleid"}))
    assert str(request) in titles and str(ResponseLetter.objects.get(pk=letter.pk)) in titles
    assert found(staff.get(URL, {"q": "elders"})) == []  # the other municipality's letter


def test_a_motie_is_found_once_by_the_names_of_several_indieners(town, other_town):
    """Indieners are searched in a subquery, not a join: two matching indieners give
    the motie once, and a word in the text or in a name finds it alike."""
    from tests.factories import PersonFactory

    first = PersonFactory(municipality=town.municipality, name="Anna de Vries")
    second = PersonFactory(municipality=town.municipality, name="Bram de Vries")
    mine = motion(town, title="Speeltuin in Noord", submitters=[first, second])
    elsewhere = PersonFactory(municipality=other_town.municipality, name="Carla de Vries")
    motion(other_town, title="Speeltuin elders", submitters=[elsewhere])
    client = client_for(town.griffie)
    for query in ("de vries", "BRAM", "speeltuin in"):
        assert found(client.get(URL, {"q": query})) == [str(mine)]


def test_a_letter_is_found_by_its_motie_number_but_not_by_the_moties_other_text(town):
    """A letter's own record is searched by number and title only: the record's trigram
    index finds the candidates (it holds the operative text too), and the condition on
    number and title keeps out a motie that only mentions the word in its text."""
    from motions.models import CompletionLetter

    motie = motion(
        town,
        number="M2026-077",
        title="Speeltuinen",
        operative_text="verzoekt het college een zwembad te bouwen",
    )
    letter = CompletionLetter.objects.create(motion=motie)
    griffie = client_for(town.griffie)
    assert str(letter) in found(griffie.get(URL, {"q": "m2026-077"}))
    assert str(letter) in found(griffie.get(URL, {"q": "speeltuin"}))
    by_text = found(griffie.get(URL, {"q": "zwembad"}))
    assert str(motie) in by_text and str(letter) not in by_text
