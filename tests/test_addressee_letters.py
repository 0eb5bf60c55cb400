"""The addressee sees its letter: the adviesraad opens the sent response letter and the
sent raadsinformatiebrief about its own advies, from the advies page; drafts stay with
the college, and another adviesraad gets 404."""

import datetime

import pytest
from django.urls import reverse

from advice.lifecycle import take_step
from advice.models import CouncilInformationLetter, ResponseLetter
from governance.letters import LetterStatus
from tests.admin_helpers import client_for
from tests.test_advice_letters import advice  # noqa: F401  (the answered advies)

D = datetime.date
KINDS = {"response": "response_letter", "council": "council_information_letter"}


@pytest.fixture
def letters(town, advice):  # noqa: F811
    """A sent response letter, a sent raadsinformatiebrief, and a draft of each."""
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    response = ResponseLetter.objects.create(advice=advice)
    response.send(town.staff)
    council = CouncilInformationLetter.objects.create(advice=advice)
    council.send(town.griffie)
    return {
        ("response", "sent"): response,
        ("council", "sent"): council,
        ("response", "draft"): response.new_version(town.staff),
        ("council", "draft"): council.new_version(town.griffie),
    }


def get(user, kind, letter, view):
    namespace = KINDS[kind]
    if view == "inspect":
        return client_for(user).get(reverse(f"{namespace}:inspect", args=[letter.pk]))
    return client_for(user).get(reverse(f"{namespace}:action", args=[letter.pk, view]))


CELLS = [(kind, view) for kind in KINDS for view in ("inspect", "pdf", "preview")]


@pytest.mark.parametrize(("kind", "view"), CELLS)
def test_the_own_adviesraad_opens_the_sent_letter(town, letters, kind, view):
    response = get(town.advisory_member, kind, letters[kind, "sent"], view)
    assert response.status_code == 200
    if view != "inspect":
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(("kind", "view"), CELLS)
def test_the_own_adviesraad_does_not_see_a_draft(town, letters, kind, view):
    assert get(town.advisory_member, kind, letters[kind, "draft"], view).status_code == 404


@pytest.mark.parametrize(("kind", "view"), CELLS)
@pytest.mark.parametrize("state", ["sent", "draft"])
def test_another_adviesraad_gets_404(town, other_town, letters, kind, view, state):
    response = get(other_town.advisory_member, kind, letters[kind, state], view)
    assert response.status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_the_college_still_sees_its_drafts(town, letters, kind):
    assert get(town.staff, kind, letters[kind, "draft"], "inspect").status_code == 200


def test_the_advice_page_links_the_sent_letters_for_the_adviesraad(town, letters, advice):  # noqa: F811
    page = client_for(town.advisory_member).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "Brieven over dit advies" in page
    for kind in KINDS:
        sent, draft = letters[kind, "sent"], letters[kind, "draft"]
        assert reverse(f"{KINDS[kind]}:action", args=[sent.pk, "pdf"]) in page
        assert reverse(f"{KINDS[kind]}:inspect", args=[sent.pk]) in page
        assert reverse(f"{KINDS[kind]}:inspect", args=[draft.pk]) not in page


def test_the_advice_page_links_drafts_too_for_the_college(town, letters, advice):  # noqa: F811
    page = client_for(town.staff).get(reverse("advice:inspect", args=[advice.pk])).text
    for kind in KINDS:
        assert reverse(f"{KINDS[kind]}:inspect", args=[letters[kind, "draft"].pk]) in page


def test_no_letters_are_linked_before_one_is_sent(town, advice):  # noqa: F811
    page = client_for(town.advisory_member).get(reverse("advice:inspect", args=[advice.pk])).text
    assert "Brieven over dit advies" not in page  # nothing sent yet


def test_the_letter_page_of_the_adviesraad_lists_no_draft_version_and_offers_no_correction(
    town, letters
):
    sent, draft = letters["response", "sent"], letters["response", "draft"]
    page = get(town.advisory_member, "response", sent, "inspect").text
    assert reverse("response_letter:inspect", args=[draft.pk]) not in page
    assert "Maak een gecorrigeerde versie" not in page
    assert reverse("response_letter:action", args=[sent.pk, "send"]) not in page


def test_the_adviesraad_cannot_correct_or_send_a_letter(town, letters):
    council = letters["council", "sent"]
    ResponseLetter.objects.filter(pk=letters["response", "draft"].pk).delete()
    sent = letters["response", "sent"]
    client = client_for(town.advisory_member)
    response = client.post(
        reverse("response_letter:action", args=[sent.pk, "new_version"]), follow=True
    )
    assert "Alleen wie deze brief verstuurt, corrigeert hem." in response.text
    assert not ResponseLetter.objects.filter(replaces=sent).exists()
    client.post(reverse("council_information_letter:action", args=[council.pk, "render"]))
    draft = letters["council", "draft"]
    client.post(reverse("council_information_letter:action", args=[draft.pk, "send"]))
    assert CouncilInformationLetter.objects.get(pk=draft.pk).status == LetterStatus.draft


@pytest.mark.parametrize("kind", KINDS)
def test_the_letter_list_of_the_adviesraad_holds_only_its_sent_letters(
    town, other_town, letters, kind
):
    url = reverse(f"{KINDS[kind]}:index")
    own = client_for(town.advisory_member).get(url)
    assert own.status_code == 200
    listed = {row.pk for row in own.context["object_list"]}
    assert listed == {letters[kind, "sent"].pk}
    other = client_for(other_town.advisory_member).get(url)
    assert not list(other.context["object_list"])
    assert reverse(f"{KINDS[kind]}:add") not in own.text  # the addressee writes no letter
