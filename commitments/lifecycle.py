"""The lifecycle of a toezegging: open → completion proposed → completed, or back to
open when the raad does not agree; the griffie may record that it lapsed.

The step machinery is shared with moties and adviezen (governance.lifecycle); this
module says which steps a toezegging has, who takes them, and what they change."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.constants import NotificationKind
from governance.lifecycle import (
    Lifecycle,
    Transition,
    TransitionError,
    by_griffie,
    by_griffie_or_portfolio_staff,
    full_clean_or_refuse,
)
from governance.roles import scope_for

from .constants import OPEN_STATUSES
from .constants import CommitmentStatus as S
from .models import Commitment

__all__ = [
    "LIFECYCLE",
    "PROGRESS_REFUSED",
    "Transition",
    "TransitionError",
    "apply_transition",
    "can_update_progress",
    "update_progress",
]

LIFECYCLE = Lifecycle(
    Commitment,
    (
        Transition(
            "propose_completion",
            gettext_lazy("Propose completion"),
            (S.open,),
            S.completion_proposed,
            by_griffie_or_portfolio_staff,
            done=gettext_lazy("Completion of commitment %(record)s was proposed."),
            notifies=NotificationKind.completion_proposed,
        ),
        Transition(
            "complete",
            gettext_lazy("Record completion by the council"),
            (S.completion_proposed,),
            S.completed,
            by_griffie,
            asks_date=True,
            done=gettext_lazy("Commitment %(record)s was completed."),
            notifies=NotificationKind.council_decision,
        ),
        Transition(
            "reopen",
            gettext_lazy("Council did not agree: back to open"),
            (S.completion_proposed,),
            S.open,
            by_griffie,
            done=gettext_lazy("Commitment %(record)s is open again."),
            notifies=NotificationKind.council_decision,
        ),
        Transition(
            "lapse",
            gettext_lazy("Record that it lapsed"),
            (S.open, S.completion_proposed),
            S.lapsed,
            by_griffie,
            done=gettext_lazy("Commitment %(record)s has lapsed."),
        ),
    ),
    not_allowed=gettext_lazy("You are not allowed to take this step for this commitment."),
    not_possible=gettext_lazy("This step is not possible: the commitment is %(status)s."),
    select_related=("meeting",),
)


def apply_transition(
    commitment: Commitment, user, name: str, *, reason: str, on: date | None = None
) -> Commitment:
    """Take step `name` for the toezegging and return the saved toezegging."""
    transition = LIFECYCLE.get_transition(name)

    def set_fields(locked):
        if transition.name == "complete":
            # The date of the raad's decision; Commitment.clean refuses a future date
            # or one before the meeting in which the promise was made.
            locked.completion_date = on or timezone.localdate()
        elif transition.name == "reopen":
            locked.completion_date = None

    return LIFECYCLE.apply_transition(
        commitment, user, transition, reason=reason, set_fields=set_fields
    )


PROGRESS_REFUSED = gettext_lazy(
    "Only the griffie and college staff of its portfolio update an open commitment."
)


def can_update_progress(commitment: Commitment, user) -> bool:
    """The griffie and college staff of the portfolio keep the stand van zaken of an
    open toezegging."""
    return commitment.status in OPEN_STATUSES and by_griffie_or_portfolio_staff(
        scope_for(user), commitment
    )


def update_progress(commitment: Commitment, user, progress: str, *, reason: str = "") -> Commitment:
    """Record a new stand van zaken, with who and why in the history."""
    with transaction.atomic():
        locked = (
            Commitment.objects.select_for_update().select_related("meeting").get(pk=commitment.pk)
        )
        if not can_update_progress(locked, user):
            raise TransitionError(str(PROGRESS_REFUSED))
        locked.progress = progress.strip()
        full_clean_or_refuse(locked)
        locked._change_reason = reason.strip() or _("Progress updated")
        locked._history_user = user
        locked.save(update_fields=["progress", "updated_at"])
    return locked
