"""The lifecycle of a motie: every allowed and every refused step, by state and by role."""

import datetime

import pytest
from django.utils import translation

from motions.constants import MotionStatus as S
from motions.lifecycle import TRANSITIONS, TransitionError, allowed_transitions, apply_transition
from motions.models import Motion
from tests.factories import MotionFactory

ALLOWED = {
    ("adopt", S.submitted): S.adopted,
    ("adopt", S.held): S.adopted,
    ("reject", S.submitted): S.rejected,
    ("reject", S.held): S.rejected,
    ("hold", S.submitted): S.held,
    ("withdraw", S.submitted): S.withdrawn,
    ("withdraw", S.held): S.withdrawn,
    ("start", S.adopted): S.in_progress,
    ("propose_completion", S.in_progress): S.completion_proposed,
    ("complete", S.completion_proposed): S.completed,
    ("reopen", S.completion_proposed): S.in_progress,
}
STEPS = sorted(TRANSITIONS)
STATES = [s.value for s in S]
GRIFFIE_ONLY = {"adopt", "reject", "hold", "withdraw", "complete", "reopen"}


def motion_in(status, town):
    traits = {} if status == S.submitted else {status: True}
    return MotionFactory(
        municipality=town.municipality, portfolio=town.portfolio, meeting=town.meeting, **traits
    )


def take(motion, user, step, **kwargs):
    kwargs.setdefault("reason", "Besloten in de raad.")
    if step == "adopt" and "deadline_unknown_reason" not in kwargs:
        kwargs.setdefault("deadline", datetime.date(2026, 12, 31))
    if step == "propose_completion":
        kwargs.setdefault("route", "council_proposal")
        kwargs.setdefault("reference", "Raadsvoorstel 2026-041")
    return apply_transition(motion, user, step, **kwargs)


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
def test_griffie_takes_every_allowed_step(town, step, source):
    motion = motion_in(source, town)
    saved = take(motion, town.griffie, step)
    assert saved.status == ALLOWED[(step, source)]
    assert Motion.objects.get(pk=motion.pk).status == ALLOWED[(step, source)]


@pytest.mark.parametrize(
    ("step", "source"),
    [(step, state) for step in STEPS for state in STATES if (step, state) not in ALLOWED],
)
def test_every_other_step_is_refused_and_changes_nothing(town, step, source):
    motion = motion_in(source, town)
    before = Motion.history.filter(id=motion.pk).count()
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(motion, town.griffie, step)
    assert "Deze stap is niet mogelijk: de motie is" in str(refused.value)
    assert Motion.objects.get(pk=motion.pk).status == source
    assert Motion.history.filter(id=motion.pk).count() == before


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
def test_college_staff_of_the_portfolio_may_only_start_and_propose(town, step, source):
    motion = motion_in(source, town)
    if step in GRIFFIE_ONLY:
        with translation.override("nl"), pytest.raises(TransitionError, match="geen recht"):
            take(motion, town.staff, step)
        assert Motion.objects.get(pk=motion.pk).status == source
    else:
        assert take(motion, town.staff, step).status == ALLOWED[(step, source)]


@pytest.mark.parametrize(("step", "source"), sorted(ALLOWED))
@pytest.mark.parametrize(
    "who", ["staff_other_portfolio", "advisory_member", "other_griffie", "other_staff"]
)
def test_everyone_else_is_refused_every_step(town, other_town, step, source, who):
    users = {
        "staff_other_portfolio": town.staff_other_portfolio,
        "advisory_member": town.advisory_member,
        "other_griffie": other_town.griffie,
        "other_staff": other_town.staff,
    }
    motion = motion_in(source, town)
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(motion, users[who], step)
    assert str(refused.value) == "Je hebt geen recht om deze stap voor deze motie te zetten."
    assert Motion.objects.get(pk=motion.pk).status == source


def test_each_step_leaves_a_history_row_with_who_and_why(town):
    motion = motion_in(S.submitted, town)
    take(motion, town.griffie, "adopt", reason="Aangenomen met 20 stemmen voor.")
    take(motion, town.staff, "start", reason="Projectplan vastgesteld.")
    rows = list(Motion.history.filter(id=motion.pk).order_by("-history_date", "-history_id"))
    assert [(r.status, r.history_user, r.history_change_reason) for r in rows[:2]] == [
        (S.in_progress, town.staff, "Projectplan vastgesteld."),
        (S.adopted, town.griffie, "Aangenomen met 20 stemmen voor."),
    ]


def test_a_step_without_a_reason_is_refused(town):
    motion = motion_in(S.submitted, town)
    with translation.override("nl"), pytest.raises(TransitionError, match="Geef een reden"):
        take(motion, town.griffie, "adopt", reason="   ")
    assert Motion.objects.get(pk=motion.pk).status == S.submitted


def test_an_unknown_step_is_refused(town):
    motion = motion_in(S.submitted, town)
    with translation.override("nl"), pytest.raises(TransitionError, match="bestaat niet"):
        take(motion, town.griffie, "afdoen")


def test_adoption_records_the_vote_date_and_the_deadline(town):
    motion = motion_in(S.submitted, town)
    saved = take(
        motion,
        town.griffie,
        "adopt",
        on=datetime.date(2026, 3, 13),
        deadline=datetime.date(2026, 7, 1),
    )
    assert (saved.vote_date, saved.deadline) == (
        datetime.date(2026, 3, 13),
        datetime.date(2026, 7, 1),
    )


def test_adoption_with_an_unknown_deadline_keeps_the_reason(town):
    motion = motion_in(S.submitted, town)
    saved = take(motion, town.griffie, "adopt", deadline_unknown_reason="Nog niet toegezegd.")
    assert saved.deadline is None
    assert saved.deadline_unknown_reason == "Nog niet toegezegd."


def test_adoption_without_a_deadline_or_reason_is_refused(town):
    motion = motion_in(S.submitted, town)
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(motion, town.griffie, "adopt", deadline=None)
    assert "heeft een termijn nodig" in str(refused.value)
    assert Motion.objects.get(pk=motion.pk).status == S.submitted


def test_adoption_with_a_deadline_before_the_vote_is_refused(town):
    motion = motion_in(S.submitted, town)
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        take(motion, town.griffie, "adopt", deadline=datetime.date(2026, 1, 1))
    assert str(refused.value) == "De termijn kan niet vóór de stemming (12-03-2026) liggen."
    assert Motion.objects.get(pk=motion.pk).status == S.submitted


def test_adoption_needs_a_portfolio(town):
    motion = motion_in(S.submitted, town)
    Motion.objects.filter(pk=motion.pk).update(portfolio=None)
    with translation.override("nl"), pytest.raises(TransitionError, match="portefeuille"):
        take(motion, town.griffie, "adopt", deadline=datetime.date(2026, 7, 1))


def test_completion_records_the_date_of_the_council_decision(town):
    motion = motion_in(S.completion_proposed, town)
    saved = take(motion, town.griffie, "complete", on=datetime.date(2026, 11, 5))
    assert saved.completion_date == datetime.date(2026, 11, 5)


def test_allowed_transitions_follow_state_and_role(town):
    motion = motion_in(S.in_progress, town)
    assert [t.name for t in allowed_transitions(motion, town.griffie)] == ["propose_completion"]
    assert [t.name for t in allowed_transitions(motion, town.staff)] == ["propose_completion"]
    assert allowed_transitions(motion, town.staff_other_portfolio) == []
    assert allowed_transitions(motion, town.advisory_member) == []
