"""The lifecycle of a motie: which steps exist, who may take them, and what they change.

Every step checks the current state and the user's role, runs in a transaction on a
locked row, and leaves a history row with the user and the reason. A refused step
raises `TransitionError` with a Dutch message and changes nothing. The machinery is
shared with the other lifecycles (governance.lifecycle); this module says what is
particular to moties."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.constants import NotificationKind
from governance.letters import LetterStatus
from governance.lifecycle import (
    Lifecycle,
    Transition,
    TransitionError,
    by_griffie,
    by_griffie_or_portfolio_staff,
)

from .constants import CompletionRoute
from .constants import MotionStatus as S
from .models import Motion

__all__ = [
    "LIFECYCLE",
    "TRANSITIONS",
    "VOTE_STEPS",
    "Transition",
    "TransitionError",
    "allowed_transitions",
    "apply_transition",
    "check_transition",
    "get_transition",
]

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
            consequence=_(
                "The vote is recorded: the motie goes to the college to be carried out, with "
                "its deadline. No later step takes the vote back."
            ),
            done=_("Motion %(record)s was adopted."),
            notifies=NotificationKind.council_decision,
        ),
        Transition(
            "reject",
            _("Record rejection"),
            (S.submitted, S.held),
            S.rejected,
            by_griffie,
            asks_date=True,
            consequence=_(
                "The vote is recorded and the motie is closed: no later step opens it again."
            ),
            done=_("Motion %(record)s was rejected."),
        ),
        Transition(
            "hold",
            _("Record holding over"),
            (S.submitted,),
            S.held,
            by_griffie,
            asks_date=True,
            done=_("Motion %(record)s was held over."),
        ),
        Transition(
            "withdraw",
            _("Record withdrawal"),
            (S.submitted, S.held),
            S.withdrawn,
            by_griffie,
            consequence=_(
                "The motie is closed as withdrawn by its submitters: no later step opens it "
                "again. A motie submitted anew is registered as a new motie."
            ),
            done=_("Motion %(record)s was withdrawn."),
        ),
        Transition(
            "start",
            _("Start carrying out"),
            (S.adopted,),
            S.in_progress,
            by_griffie_or_portfolio_staff,
            done=_("Carrying out motion %(record)s has started."),
        ),
        Transition(
            "propose_completion",
            _("Propose completion"),
            (S.in_progress,),
            S.completion_proposed,
            by_griffie_or_portfolio_staff,
            asks_date=True,
            asks_route=True,
            done=_("Completion of motion %(record)s was proposed."),
            notifies=NotificationKind.completion_proposed,
        ),
        Transition(
            "complete",
            _("Record completion by the council"),
            (S.completion_proposed,),
            S.completed,
            by_griffie,
            asks_date=True,
            consequence=_(
                "The motie is closed as completed by the raad's decision: no later step opens "
                "it again."
            ),
            done=_("Motion %(record)s was completed."),
            notifies=NotificationKind.council_decision,
        ),
        Transition(
            "reopen",
            _("Council did not agree: back to in progress"),
            (S.completion_proposed,),
            S.in_progress,
            by_griffie,
            done=_("Motion %(record)s is in progress again."),
            notifies=NotificationKind.council_decision,
        ),
    )
}


LIFECYCLE = Lifecycle(
    Motion,
    TRANSITIONS.values(),
    not_allowed=_("You are not allowed to take this step for this motion."),
    not_possible=_("This step is not possible: the motion is %(status)s."),
    select_related=("meeting",),
)


# The steps that record the outcome of the vote; their date is the date of the vote.
VOTE_STEPS = ("adopt", "reject", "hold")


def get_transition(name: str) -> Transition:
    return LIFECYCLE.get_transition(name)


def allowed_transitions(motion: Motion, user) -> list[Transition]:
    """The steps this user may take on this motie now."""
    return LIFECYCLE.allowed_transitions(motion, user)


def check_transition(motion: Motion, user, transition: Transition) -> None:
    """Raise TransitionError unless the user may take this step on this motie now."""
    LIFECYCLE.check_transition(motion, user, transition)


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

    def set_fields(locked):
        _set_fields(locked, transition, on, deadline, deadline_unknown_reason)
        if transition.asks_route:
            _set_route(locked, route, reference.strip(), on)
        if transition.name == "reopen":
            locked.completion_route, locked.completion_reference = "", ""
            locked.completion_proposed_on = None

    return LIFECYCLE.apply_transition(
        motion, user, transition, reason=reason, set_fields=set_fields
    )


def _set_fields(motion, transition, on, deadline, deadline_unknown_reason) -> None:
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
