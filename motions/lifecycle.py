"""The lifecycle of a motie: which steps exist, who may take them, and what they change.

Every step checks the current state and the user's role, runs in a transaction on a
locked row, and leaves a history row with the user and the reason. A refused step
raises `TransitionError` with a Dutch message and changes nothing."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.letters import LetterStatus
from governance.roles import Scope, scope_for

from .constants import CompletionRoute
from .constants import MotionStatus as S
from .models import Motion


class TransitionError(Exception):
    """A step that may not or cannot be taken; `str()` is the message for the user."""


def by_griffie(scope: Scope, motion: Motion) -> bool:
    return scope.is_griffie_of(motion.municipality_id)


def by_griffie_or_portfolio_staff(scope: Scope, motion: Motion) -> bool:
    return by_griffie(scope, motion) or scope.is_staff_for(motion.portfolio_id)


@dataclass(frozen=True)
class Transition:
    """One allowed step from some statuses to another."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    allowed_for: Callable[[Scope, Motion], bool]
    # What the form for this step asks besides the reason.
    asks_date: bool = False
    asks_deadline: bool = False
    # Proposing completion names how the raad was informed (see CompletionRoute).
    asks_route: bool = False


TRANSITIONS = {
    t.name: t
    for t in (
        Transition(
            "adopt",
            _("Record adoption"),
            (S.submitted, S.held),
            S.adopted,
            by_griffie,
            asks_date=True,
            asks_deadline=True,
        ),
        Transition(
            "reject",
            _("Record rejection"),
            (S.submitted, S.held),
            S.rejected,
            by_griffie,
            asks_date=True,
        ),
        Transition(
            "hold", _("Record holding over"), (S.submitted,), S.held, by_griffie, asks_date=True
        ),
        Transition(
            "withdraw", _("Record withdrawal"), (S.submitted, S.held), S.withdrawn, by_griffie
        ),
        Transition(
            "start",
            _("Start carrying out"),
            (S.adopted,),
            S.in_progress,
            by_griffie_or_portfolio_staff,
        ),
        Transition(
            "propose_completion",
            _("Propose completion"),
            (S.in_progress,),
            S.completion_proposed,
            by_griffie_or_portfolio_staff,
            asks_date=True,
            asks_route=True,
        ),
        Transition(
            "complete",
            _("Record completion by the council"),
            (S.completion_proposed,),
            S.completed,
            by_griffie,
            asks_date=True,
        ),
        Transition(
            "reopen",
            _("Council did not agree: back to in progress"),
            (S.completion_proposed,),
            S.in_progress,
            by_griffie,
        ),
    )
}


# The steps that record the outcome of the vote; their date is the date of the vote.
VOTE_STEPS = ("adopt", "reject", "hold")


def get_transition(name: str) -> Transition:
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise TransitionError(_("This step does not exist.")) from None


def allowed_transitions(motion: Motion, user) -> list[Transition]:
    """The steps this user may take on this motie now."""
    scope = scope_for(user)
    return [
        t
        for t in TRANSITIONS.values()
        if motion.status in t.sources and t.allowed_for(scope, motion)
    ]


def check_transition(motion: Motion, user, transition: Transition) -> None:
    """Raise TransitionError unless the user may take this step on this motie now."""
    if not transition.allowed_for(scope_for(user), motion):
        raise TransitionError(_("You are not allowed to take this step for this motion."))
    if motion.status not in transition.sources:
        raise TransitionError(
            _("This step is not possible: the motion is %(status)s.")
            % {"status": motion.get_status_display().lower()}
        )


def apply_transition(
    motion: Motion,
    user,
    name: str,
    *,
    reason: str,
    on: date | None = None,
    deadline: date | None = None,
    deadline_unknown_reason: str = "",
    route: str = "",
    reference: str = "",
) -> Motion:
    """Take step `name` for the motie and return the saved motie. Proposing completion
    takes the `route` by which the raad was informed and its `reference`."""
    transition = get_transition(name)
    reason = (reason or "").strip()
    if not reason:
        raise TransitionError(_("Give a reason for this step."))
    with transaction.atomic():
        locked = Motion.objects.select_for_update().select_related("meeting").get(pk=motion.pk)
        check_transition(locked, user, transition)
        _set_fields(locked, transition, on, deadline, deadline_unknown_reason)
        if transition.asks_route:
            _set_route(locked, route, reference.strip(), on)
        if transition.name == "reopen":
            locked.completion_route, locked.completion_reference = "", ""
            locked.completion_proposed_on = None
        try:
            locked.full_clean()
        except ValidationError as error:
            raise TransitionError(" ".join(error.messages)) from error
        locked._change_reason = reason
        locked._history_user = user
        locked.save()
    return locked


def _set_fields(motion, transition, on, deadline, deadline_unknown_reason) -> None:
    motion.status = transition.target
    if transition.name in VOTE_STEPS:
        motion.vote_date = on or motion.meeting.date
    if transition.name == "adopt" and (deadline or deadline_unknown_reason):
        motion.deadline = deadline
        motion.deadline_unknown_reason = deadline_unknown_reason.strip()
    if transition.name == "complete":
        motion.completion_date = on or timezone.localdate()


def _set_route(motion: Motion, route: str, reference: str, on: date | None) -> None:
    """How the raad was informed: a raadsbrief sent from Raadsvolg, or another document
    with its reference."""
    if route not in CompletionRoute.values:
        raise TransitionError(_("Say how the raad was informed that the motion was carried out."))
    if route == CompletionRoute.council_letter:
        if not motion.completion_letters.filter(status=LetterStatus.sent).exists():
            raise TransitionError(
                _("Send the completion letter: sending it proposes completion of the motion.")
            )
    elif not reference:
        raise TransitionError(_("Give the reference (number or title) of the document."))
    motion.completion_route = route
    motion.completion_reference = reference
    motion.completion_proposed_on = on or timezone.localdate()
