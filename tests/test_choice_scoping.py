"""Every choice of a motie, toezegging, advies, adviesaanvraag or letter in an admin form
or list filter offers only what the user's list shows (governance.forms.visible_records);
a disabled choice offers only the value it holds. The page-content scan
(test_page_scan.py) checks every page; these pin the cases it found, fast."""

import re

import pytest
from django.urls import reverse

from advice.lifecycle import take_step
from advice.models import ResponseLetter
from motions.models import CompletionLetter
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, MotionFactory

OPTION = re.compile(r'<option value="(\d+)"[^>]*>([^<]*)</option>')


def select_options(page: str, name: str) -> list[str]:
    """The labels of the options of the select called `name`."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    assert select, f"no select {name}"
    return [label for _value, label in OPTION.findall(select[0])]


@pytest.fixture
def motions(town):
    return {
        side: MotionFactory(
            municipality=town.municipality,
            portfolio=portfolio,
            meeting=town.meeting,
            title=f"Motie van portefeuille {side}",
            in_progress=True,
        )
        for side, portfolio in (("A", town.portfolio), ("B", town.other_portfolio))
    }


def test_the_disabled_motion_of_a_draft_letter_offers_only_that_motion(town, motions):
    letter = CompletionLetter.objects.create(motion=motions["A"], core_message="<p>Gedaan.</p>")
    url = reverse("completion_letter:edit", args=[letter.pk])
    for user in (town.staff, town.griffie):
        page = client_for(user).get(url).text
        assert select_options(page, "motion") == [str(motions["A"])]
        assert "portefeuille B" not in page


def test_a_draft_letter_saves_with_its_disabled_motion(town, motions):
    letter = CompletionLetter.objects.create(motion=motions["A"], core_message="<p>Gedaan.</p>")
    data = {"motion": motions["B"].pk, "core_message": '{"blocks": [], "entityMap": {}}'}
    answer = client_for(town.staff).post(
        reverse("completion_letter:edit", args=[letter.pk]),
        {**data, "introduction": "Nieuw.", "attachments": ""},
    )
    assert answer.status_code == 302
    letter.refresh_from_db()
    assert (letter.motion, letter.introduction) == (motions["A"], "Nieuw.")


def test_a_new_letter_offers_only_the_motions_of_the_own_portfolio(town, motions):
    page = client_for(town.staff).get(reverse("completion_letter:add")).text
    assert select_options(page, "motion") == [str(motions["A"])]


@pytest.mark.parametrize("who", ["griffie", "staff"])
def test_the_response_letter_does_not_name_the_adviesraads_draft(town, who):
    def advice(subject, *, submit):
        made = AdviceFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=town.portfolio,
            subject=subject,
            points=1,
        )
        if submit:
            take_step(made, town.advisory_member, "submit")
            take_step(made, town.staff, "start_response")
        return made

    answered = advice("Ingediend advies", submit=True)
    advice("Geheim concept van de adviesraad", submit=False)
    letter = ResponseLetter.objects.create(advice=answered)
    page = client_for(getattr(town, who)).get(reverse("response_letter:edit", args=[letter.pk]))
    assert select_options(page.text, "advice") == [str(answered)]
    assert "Geheim concept" not in page.text


def test_college_staff_filter_their_list_by_their_own_portfolios_only(town, motions):
    for url in (reverse("motion:index"), reverse("commitment:index")):
        staff = client_for(town.staff).get(url).text
        assert select_options(staff, "portfolio") == ["Sociaal domein"]
        griffie = client_for(town.griffie).get(url).text
        assert sorted(select_options(griffie, "portfolio")) == ["Financiën", "Sociaal domein"]
