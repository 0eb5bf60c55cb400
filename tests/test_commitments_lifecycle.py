"""The lifecycle and the rules of a toezegging: every allowed and refused step, by state
and by role; its dates and deadline; its progress; its number."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from commitments.constants import CommitmentStatus as S
from commitments.lifecycle import LIFECYCLE, TransitionError, apply_transition, update_progress
from commitments.models import Commitment, suggest_number
from commitments.publication import set_published
from tests.factories import CommitmentFactory, MeetingFactory, PersonFactory

TODAY = datetime.date(2026, 11, 24)
ALLOWED = {
    ("propose_completion", S.open): S.completion_proposed,
    ("complete", S.completion_proposed): S.completed,
    ("reopen", S.completion_proposed): S.open,
    ("lapse", S.open): S.lapsed,
    ("lapse", S.completion_proposed): S.lapsed,
}
STEPS = sorted(LIFECYCLE.transitions)
STATES = [s.value for s in S]
GRIFFIE_ONLY = {"complete", "reopen", "lapse"}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0), tick=False):
        yield


def commitment_in(status, town, **kwargs):
    traits = {} if status == S.open else {status: True}
    return CommitmentFactory(
        municipality=town.municipality,
        portfolio=town.portfolio,
        meeting=town.meeting,
        **traits,
        **kwargs,
    )


def take(commitment, user, step, **kwargs):
    kwargs.setdefault("reason", "Besproken in de commissie.")
    return apply_transition(commitment, user, step, **kwargs)


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
def test_griffie_takes_every_allowed_step(town, step, source):
    commitment = commitment_in(source, town)
    saved = take(commitment, town.griffie, step)
    assert saved.status == ALLOWED[(step, source)]
    assert Commitment.objects.get(pk=commitment.pk).status == ALLOWED[(step, source)]


@pytest.mark.parametrize(
    ("step", "source"),
    [(step, state) for step in STEPS for state in STATES if (step, state) not in ALLOWED],
)
def test_every_other_step_is_refused_and_changes_nothing(town, step, source):
    commitment = commitment_in(source, town)
    before = Commitment.history.filter(id=commitment.pk).count()
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(commitment, town.griffie, step)
    assert "Deze stap is niet mogelijk: de toezegging is" in str(refused.value)
    assert Commitment.objects.get(pk=commitment.pk).status == source
    assert Commitment.history.filter(id=commitment.pk).count() == before


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
def test_college_staff_of_the_portfolio_may_only_propose_completion(town, step, source):
    commitment = commitment_in(source, town)
    if step in GRIFFIE_ONLY:
        with translation.override("nl"), pytest.raises(TransitionError, match="geen recht"):
            take(commitment, town.staff, step)
        assert Commitment.objects.get(pk=commitment.pk).status == source
    else:
        assert take(commitment, town.staff, step).status == ALLOWED[(step, source)]


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
@pytest.mark.parametrize(
    "who", ["staff_other_portfolio", "advisory_member", "other_griffie", "other_staff"]
)
def test_nobody_else_takes_any_step(town, other_town, step, source, who):
    user = getattr(other_town, who[6:]) if who.startswith("other_") else getattr(town, who)
    commitment = commitment_in(source, town)
    with translation.override("nl"), pytest.raises(TransitionError, match="geen recht"):
        take(commitment, user, step)
    assert Commitment.objects.get(pk=commitment.pk).status == source


def test_a_step_needs_a_reason(town):
    commitment = commitment_in(S.open, town)
    with translation.override("nl"), pytest.raises(TransitionError, match="Geef een reden"):
        take(commitment, town.staff, "propose_completion", reason="  ")
    assert Commitment.objects.get(pk=commitment.pk).status == S.open


def test_a_step_leaves_a_history_row_with_who_and_why(town):
    commitment = commitment_in(S.open, town)
    take(commitment, town.staff, "propose_completion", reason="Raadsinformatiebrief verstuurd.")
    last = Commitment.history.filter(id=commitment.pk).order_by("-history_id").first()
    assert last.status == S.completion_proposed
    assert last.history_user == town.staff
    assert last.history_change_reason == "Raadsinformatiebrief verstuurd."


def test_completion_records_the_date_of_the_raads_decision(town):
    commitment = commitment_in(S.completion_proposed, town)
    saved = take(commitment, town.griffie, "complete", on=datetime.date(2026, 11, 12))
    assert saved.completion_date == datetime.date(2026, 11, 12)


def test_completion_without_a_date_is_today(town):
    saved = take(commitment_in(S.completion_proposed, town), town.griffie, "complete")
    assert saved.completion_date == TODAY


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (datetime.date(2026, 11, 25), "De datum van afdoening kan niet in de toekomst liggen."),
        (
            datetime.date(2026, 3, 11),
            "De datum van afdoening kan niet vóór de vergadering (12-03-2026) liggen.",
        ),
    ],
)
def test_completion_in_the_future_or_before_the_meeting_is_refused(town, on, message):
    commitment = commitment_in(S.completion_proposed, town)
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(commitment, town.griffie, "complete", on=on)
    assert str(refused.value) == message
    assert Commitment.objects.get(pk=commitment.pk).status == S.completion_proposed


def test_reopening_clears_nothing_but_the_status(town):
    commitment = commitment_in(S.completion_proposed, town, progress="Brief verstuurd.")
    saved = take(commitment, town.griffie, "reopen", reason="De raad vindt het onvoldoende.")
    assert saved.status == S.open
    assert saved.completion_date is None
    assert saved.progress == "Brief verstuurd."


def test_an_unknown_step_is_refused(town):
    with translation.override("nl"), pytest.raises(TransitionError, match="bestaat niet"):
        take(commitment_in(S.open, town), town.griffie, "afvoeren")


@pytest.mark.parametrize("who", ["griffie", "staff"])
def test_the_griffie_and_staff_of_the_portfolio_update_progress(town, who):
    commitment = commitment_in(S.open, town)
    saved = update_progress(commitment, getattr(town, who), "Brief in voorbereiding.", reason="")
    assert saved.progress == "Brief in voorbereiding."
    last = Commitment.history.filter(id=commitment.pk).order_by("-history_id").first()
    assert last.history_user == getattr(town, who)
    assert last.history_change_reason == "Stand van zaken bijgewerkt"


@pytest.mark.parametrize("who", ["staff_other_portfolio", "advisory_member"])
def test_nobody_else_updates_progress(town, who):
    commitment = commitment_in(S.open, town)
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        update_progress(commitment, getattr(town, who), "Iets anders.")
    assert "Alleen de griffie en collegemedewerkers van de portefeuille" in str(refused.value)
    assert Commitment.objects.get(pk=commitment.pk).progress == ""


def test_a_completed_commitments_progress_is_frozen(town):
    commitment = commitment_in(S.completed, town)
    with pytest.raises(TransitionError):
        update_progress(commitment, town.griffie, "Nog iets.")


def test_only_the_griffie_publishes(town, other_town):
    commitment = commitment_in(S.open, town)
    for user in (town.staff, other_town.griffie):
        with translation.override("nl"), pytest.raises(TransitionError, match="Alleen de griffie"):
            set_published(commitment, user, True)
    assert set_published(commitment, town.griffie, True).published_at is not None


def clean(commitment):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        commitment.full_clean()
    return error.value.message_dict


def test_a_commitment_needs_a_deadline_or_a_reason(town):
    commitment = commitment_in(S.open, town, deadline=None)
    assert clean(commitment)["deadline"] == [
        "Een toezegging heeft een termijn nodig, of een reden waarom die onbekend is."
    ]
    commitment.deadline_unknown_reason = "Afhankelijk van de provincie."
    commitment.full_clean()


def test_not_both_a_deadline_and_a_reason(town):
    commitment = commitment_in(S.open, town, deadline_unknown_reason="Onbekend.")
    assert "deadline_unknown_reason" in clean(commitment)


def test_the_deadline_is_not_before_the_meeting(town):
    commitment = commitment_in(S.open, town, deadline=datetime.date(2026, 3, 1))
    assert clean(commitment)["deadline"] == [
        "De termijn kan niet vóór de vergadering (12-03-2026) liggen."
    ]


def test_meeting_portfolio_and_holder_of_another_municipality_are_refused(town, other_town):
    commitment = commitment_in(S.open, town)
    commitment.meeting = other_town.meeting
    commitment.portfolio = other_town.portfolio
    commitment.holder = other_town.portfolio.holder
    errors = clean(commitment)
    for field in ("meeting", "portfolio", "holder"):
        assert errors[field] == ["Dit hoort bij een andere gemeente."]


def test_a_councillor_does_not_make_promises(town):
    commitment = commitment_in(S.open, town, holder=town.person)
    assert "Een toezegging doet een wethouder of de burgemeester." in clean(commitment)["holder"]


def test_the_holder_defaults_to_the_portfolios_holder(town):
    commitment = commitment_in(S.open, town)
    assert commitment.promised_by == town.portfolio.holder
    mayor = PersonFactory(municipality=town.municipality, function="mayor", party=None)
    commitment.holder = mayor
    assert commitment.promised_by == mayor


def test_overdue_is_open_with_a_passed_deadline(town):
    late = commitment_in(S.open, town, overdue=True)
    proposed = commitment_in(S.completion_proposed, town, overdue=True)
    done = commitment_in(S.completed, town, overdue=True)
    assert late.is_overdue() and proposed.is_overdue() and not done.is_overdue()
    assert set(Commitment.objects.overdue()) == {late, proposed}


def test_the_suggested_number_follows_the_highest_of_the_year(town, other_town):
    assert suggest_number(town.municipality, 2026) == "T2026-01"
    commitment_in(S.open, town, number="T2026-07")
    commitment_in(S.open, town, number="T2026-xyz")
    commitment_in(S.open, other_town, number="T2026-20")
    assert suggest_number(town.municipality, 2026) == "T2026-08"
    assert suggest_number(town.municipality, 2027) == "T2027-01"


def test_a_committee_meeting_says_so(town):
    meeting = MeetingFactory(municipality=town.municipality, title="", kind="committee")
    with translation.override("nl"):
        assert str(meeting).startswith("Commissievergadering")
