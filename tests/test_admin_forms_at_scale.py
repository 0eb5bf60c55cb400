"""The admin edit forms keep their size however many records there are (issue 16):
meeting choices are bounded to recent and upcoming meetings, an advies's request to the
open ones, each plus the stored value; the motie of a new raadsbrief is chosen with a
chooser whose views read only the user's own moties in progress."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from advice.constants import RequestStatus
from advice.models import ResponseLetter
from governance import choosers
from governance import forms as governance_forms
from motions.models import Motion
from tests.admin_helpers import client_for, edit_form_data
from tests.factories import (
    AdviceFactory,
    AdviceRequestFactory,
    CommitmentFactory,
    MeetingFactory,
    MotionFactory,
)

OPTION = re.compile(r'<option value="(\d+)"[^>]*>')


def option_ids(page: str, name: str) -> list[int]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, f"no select {name}"
    return [int(value) for value in OPTION.findall(select[0])]


@pytest.fixture
def small_bound(monkeypatch):
    """Bounds of 3 meetings held and 2 planned, so a few meetings exceed them."""
    monkeypatch.setattr(governance_forms, "RECENT_MEETINGS", 3)
    monkeypatch.setattr(governance_forms, "UPCOMING_MEETINGS", 2)


@pytest.fixture
def meetings(town):
    """Eight meetings held (1 to 8 weeks ago) and four planned (1 to 4 weeks ahead),
    besides town.meeting; by weeks from today."""
    today = timezone.localdate()
    return {
        weeks: MeetingFactory(
            municipality=town.municipality, date=today + datetime.timedelta(weeks=weeks)
        )
        for weeks in [*range(-8, 0), *range(1, 5)]
    }


def expected_meetings(meetings, stored):
    offered = [meetings[w].pk for w in (-1, -2, -3, 1, 2)]
    return sorted({*offered, stored.pk})


@pytest.mark.parametrize("kind", ["motion", "commitment"])
def test_an_edit_form_offers_recent_and_upcoming_meetings_and_the_stored_one(
    town, small_bound, meetings, kind
):
    old = meetings[-8]
    if kind == "motion":
        record = MotionFactory(municipality=town.municipality, meeting=old)
    else:
        record = CommitmentFactory(municipality=town.municipality, meeting=old)
    page = client_for(town.griffie).get(reverse(f"{kind}:edit", args=[record.pk])).text
    offered = option_ids(page, "meeting")
    assert sorted(offered) == expected_meetings(meetings, old)
    assert f'<option value="{old.pk}" selected>' in page


def test_a_new_motion_offers_only_the_bounded_meetings(town, other_town, small_bound, meetings):
    MeetingFactory(municipality=other_town.municipality, date=timezone.localdate())
    page = client_for(town.griffie).get(reverse("motion:add")).text
    offered = option_ids(page, "meeting")
    assert sorted(offered) == sorted(meetings[w].pk for w in (-1, -2, -3, 1, 2))


def test_a_motion_whose_meeting_is_outside_the_bound_saves_with_it(town, small_bound, meetings):
    old = meetings[-8]
    motion = MotionFactory(municipality=town.municipality, meeting=old)
    data = edit_form_data(motion, town, title="Nieuwe titel")
    answer = client_for(town.griffie).post(reverse("motion:edit", args=[motion.pk]), data)
    assert answer.status_code == 302
    motion.refresh_from_db()
    assert (motion.meeting, motion.title) == (old, "Nieuwe titel")


def test_a_meeting_outside_the_bound_cannot_be_chosen_anew(town, small_bound, meetings):
    motion = MotionFactory(municipality=town.municipality, meeting=meetings[-1])
    data = edit_form_data(motion, town, meeting=meetings[-8].pk)
    answer = client_for(town.griffie).post(reverse("motion:edit", args=[motion.pk]), data)
    assert answer.status_code == 200
    assert "Selecteer een geldige keuze" in answer.text
    motion.refresh_from_db()
    assert motion.meeting == meetings[-1]


def test_an_advice_offers_the_open_requests_and_its_own(town):
    def request(status):
        return AdviceRequestFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=town.portfolio,
            status=status,
        )

    answered = request(RequestStatus.advised)
    other_answered = request(RequestStatus.advised)
    open_one = request(RequestStatus.open)
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        request=answered,
    )
    url = reverse("advice:edit", args=[advice.pk])
    page = client_for(town.advisory_member).get(url).text
    assert sorted(option_ids(page, "request")) == sorted([answered.pk, open_one.pk])
    assert other_answered.pk not in option_ids(page, "request")


# The chooser of the raadsbrief's motie.


@pytest.fixture
def chooser_limit(monkeypatch):
    """A chooser beyond one motie in progress, so two are enough to show it."""
    monkeypatch.setattr(choosers, "SELECT_LIMIT", 1)


def in_progress(town, portfolio, title):
    return MotionFactory(
        municipality=town.municipality,
        portfolio=portfolio,
        meeting=town.meeting,
        title=title,
        in_progress=True,
    )


@pytest.fixture
def letter_motions(town, other_town):
    return {
        "own": in_progress(town, town.portfolio, "Eigen motie mantelzorg"),
        "other_portfolio": in_progress(town, town.other_portfolio, "Motie financiën"),
        "other_town": in_progress(other_town, other_town.portfolio, "Motie van Lindeburg"),
    }


def test_a_new_letter_chooses_its_motion_with_a_chooser_beyond_the_limit(
    town, chooser_limit, letter_motions
):
    page = client_for(town.griffie).get(reverse("completion_letter:add")).text
    assert '<select name="motion"' not in page
    assert 'data-chooser-url="/admin/letter_motion_chooser/"' in page
    assert "Eigen motie" not in page and "Motie financiën" not in page


def test_a_new_letter_keeps_its_select_up_to_the_limit(town, letter_motions):
    page = client_for(town.staff).get(reverse("completion_letter:add")).text
    assert option_ids(page, "motion") == [letter_motions["own"].pk]


def chooser_titles(response) -> list[str]:
    html = (
        json.loads(response.content)["html"]
        if response.get("Content-Type", "").startswith("application/json")
        else response.text
    )
    return re.findall(r"data-chooser-modal-choice[^>]*>\s*([^<]+?)\s*</a>", html)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("griffie", ["own", "other_portfolio"]), ("staff", ["own"])],
)
def test_the_chooser_lists_only_the_users_own_motions(town, letter_motions, who, expected):
    client = client_for(getattr(town, who))
    for url in (
        reverse("letter_motion_chooser:choose"),
        reverse("letter_motion_chooser:choose_results"),
    ):
        titles = chooser_titles(client.get(url))
        assert sorted(titles) == sorted(str(letter_motions[key]) for key in expected)


def test_the_chooser_searches_number_and_text(town, letter_motions):
    url = reverse("letter_motion_chooser:choose_results")
    response = client_for(town.griffie).get(url, {"q": "mantelzorg"})
    assert chooser_titles(response) == [str(letter_motions["own"])]
    response = client_for(town.griffie).get(url, {"q": "Lindeburg"})
    assert chooser_titles(response) == []


@pytest.mark.parametrize(
    ("who", "key", "status"),
    [
        ("griffie", "own", 200),
        ("griffie", "other_town", 404),
        ("staff", "own", 200),
        ("staff", "other_portfolio", 404),
        ("staff", "other_town", 404),
    ],
)
def test_the_chosen_view_finds_only_the_users_own_motions(town, letter_motions, who, key, status):
    motion = letter_motions[key]
    url = reverse("letter_motion_chooser:chosen", args=[motion.pk])
    response = client_for(getattr(town, who)).get(url)
    assert response.status_code == status
    if status == 200:
        assert json.loads(response.content)["result"]["title"] == str(motion)
    else:
        assert motion.title not in response.text


def test_a_motion_no_longer_in_progress_is_not_chosen(town, letter_motions):
    motion = letter_motions["own"]
    Motion.objects.filter(pk=motion.pk).update(status="completed")
    url = reverse("letter_motion_chooser:chosen", args=[motion.pk])
    assert client_for(town.griffie).get(url).status_code == 404


def test_a_posted_motion_of_another_municipality_is_refused_and_not_named(
    town, chooser_limit, letter_motions
):
    foreign = letter_motions["other_town"]
    answer = client_for(town.griffie).post(
        reverse("completion_letter:add"),
        {"motion": foreign.pk, "introduction": "", "core_message": "{}", "attachments": ""},
    )
    assert answer.status_code == 200
    assert "Selecteer een geldige keuze" in answer.text
    assert foreign.title not in answer.text
    assert not foreign.completion_letters.exists()


def test_a_letter_is_saved_with_the_chosen_motion(town, chooser_limit, letter_motions):
    motion = letter_motions["own"]
    answer = client_for(town.griffie).post(
        reverse("completion_letter:add"),
        {
            "motion": motion.pk,
            "introduction": "",
            "core_message": '{"blocks": [], "entityMap": {}}',
            "attachments": "",
        },
    )
    assert answer.status_code == 302
    assert motion.completion_letters.count() == 1


def test_the_chooser_results_take_few_queries(town, letter_motions, django_assert_max_num_queries):
    for number in range(30):
        in_progress(town, town.portfolio, f"Motie {number}")
    client = client_for(town.griffie)
    url = reverse("letter_motion_chooser:choose_results")
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url, {"p": 2})
    assert len(chooser_titles(response)) == 12  # 32 moties, 20 a page


# The choosers of the advies of a response letter or raadsinformatiebrief.


def answered_advice(town, portfolio, subject, status="response_in_preparation"):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=portfolio,
        subject=subject,
        status=status,
    )


@pytest.fixture
def letter_advice(town, other_town):
    return {
        "own": answered_advice(town, town.portfolio, "Advies over mantelzorg"),
        "other_portfolio": answered_advice(town, town.other_portfolio, "Advies over financiën"),
        "other_town": answered_advice(other_town, other_town.portfolio, "Advies van Lindeburg"),
        "draft": answered_advice(town, town.portfolio, "Geheim concept", status="draft"),
    }


@pytest.mark.parametrize("kind", ["response_letter", "information_letter"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [("griffie", ["own", "other_portfolio"]), ("staff", ["own"])],
)
def test_the_advice_chooser_lists_only_the_users_own_answered_advice(
    town, letter_advice, kind, who, expected
):
    client = client_for(getattr(town, who))
    url = reverse(f"{kind}_advice_chooser:choose_results")
    titles = chooser_titles(client.get(url))
    assert sorted(titles) == sorted(str(letter_advice[key]) for key in expected)


@pytest.mark.parametrize("kind", ["response_letter", "information_letter"])
@pytest.mark.parametrize(
    ("who", "key", "status"),
    [
        ("griffie", "own", 200),
        ("griffie", "other_town", 404),
        ("griffie", "draft", 404),
        ("staff", "other_portfolio", 404),
    ],
)
def test_the_advice_chosen_view_finds_only_the_users_own_answered_advice(
    town, letter_advice, kind, who, key, status
):
    advice = letter_advice[key]
    url = reverse(f"{kind}_advice_chooser:chosen", args=[advice.pk])
    response = client_for(getattr(town, who)).get(url)
    assert response.status_code == status
    if status == 404:
        assert advice.subject not in response.text


@pytest.mark.parametrize("kind", ["response_letter", "council_information_letter"])
def test_a_new_advice_letter_chooses_its_advice_with_a_chooser_beyond_the_limit(
    town, chooser_limit, letter_advice, kind
):
    page = client_for(town.griffie).get(reverse(f"{kind}:add")).text
    assert '<select name="advice"' not in page
    assert "_advice_chooser/" in page
    assert "Advies over" not in page


def test_an_advice_with_a_response_letter_is_no_longer_offered_for_one(town, letter_advice):
    ResponseLetter.objects.create(advice=letter_advice["own"])
    url = reverse("response_letter_advice_chooser:choose_results")
    titles = chooser_titles(client_for(town.griffie).get(url))
    assert titles == [str(letter_advice["other_portfolio"])]
