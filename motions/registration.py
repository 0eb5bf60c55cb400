"""Registering all moties of a meeting at once, from its besluitenlijst.

All rows go in one transaction: when any row is wrong nothing is saved, and the errors
of every row are reported together, each under its own row. Statuses go through the
lifecycle (apply_transition) and votes through motions.votes, so the history of a motie
registered here is the same as that of one registered step by step."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import Meeting, Portfolio
from governance.roles import scope_for

from .constants import MotionStatus
from .deadlines import default_deadline
from .lifecycle import TransitionError, apply_transition
from .models import Motion, MotionSubmitter
from .votes import OUTCOME_OF_STEP, record_vote

# The outcome a row can record, and the lifecycle step that records it.
STEP_OF_OUTCOME = {
    MotionStatus.adopted: "adopt",
    MotionStatus.rejected: "reject",
    MotionStatus.withdrawn: "withdraw",
    MotionStatus.held: "hold",
}


@dataclass
class MotionRow:
    """One line of the besluitenlijst."""

    number: str
    title: str
    operative_text: str
    submitters: list = field(default_factory=list)
    outcome: str = MotionStatus.submitted
    unanimous: bool = False
    votes_for: int | None = None
    votes_against: int | None = None
    portfolio: Portfolio | None = None
    deadline: date | None = None
    party_votes: dict = field(default_factory=dict)  # Party → PartyChoice

    @property
    def has_vote(self) -> bool:
        counts = self.votes_for is not None or self.votes_against is not None
        return self.unanimous or counts or bool(self.party_votes)


class RegistrationError(Exception):
    """Some rows are wrong; `errors` maps a row's index to its Dutch messages."""

    def __init__(self, errors: dict[int, list[str]]):
        super().__init__(errors)
        self.errors = errors


def besluitenlijst_reason(meeting: Meeting) -> str:
    return _("Recorded from the besluitenlijst of %(meeting)s") % {"meeting": meeting}


def register_meeting_motions(meeting: Meeting, user, rows: list[MotionRow]) -> list[Motion]:
    """Create the moties of these rows in the meeting, or none of them."""
    if not scope_for(user).is_griffie_of(meeting.municipality_id):
        raise PermissionDenied
    reason = besluitenlijst_reason(meeting)
    errors, motions = {}, []
    with transaction.atomic():
        for index, row in enumerate(rows):
            try:
                with transaction.atomic():  # a savepoint, so later rows are checked too
                    motions.append(_register_row(meeting, user, row, reason))
            except ValidationError as error:
                errors[index] = error.messages
            except TransitionError as error:
                errors[index] = [str(error)]
        if errors:
            raise RegistrationError(errors)  # leaving the block rolls every row back
    return motions


def _register_row(meeting, user, row: MotionRow, reason: str) -> Motion:
    step = STEP_OF_OUTCOME.get(row.outcome)
    if row.has_vote and step not in OUTCOME_OF_STEP:
        raise ValidationError(_("Only an adopted or rejected motion has a vote."))
    motion = Motion(
        municipality=meeting.municipality,
        meeting=meeting,
        number=row.number.strip(),
        title=row.title.strip(),
        operative_text=row.operative_text.strip(),
        portfolio=row.portfolio,
    )
    motion.full_clean()
    motion._history_user, motion._change_reason = user, reason
    motion.save()
    _add_submitters(motion, row.submitters, user, reason)
    if step is None:
        return motion
    deadline = row.deadline or (default_deadline(motion) if step == "adopt" else None)
    motion = apply_transition(motion, user, step, reason=reason, deadline=deadline)
    if step in OUTCOME_OF_STEP:
        record_vote(
            motion,
            user,
            outcome=OUTCOME_OF_STEP[step],
            unanimous=row.unanimous,
            votes_for=row.votes_for,
            votes_against=row.votes_against,
            party_votes=row.party_votes,
            reason=reason,
        )
    return motion


def _add_submitters(motion, people, user, reason) -> None:
    if not people:
        raise ValidationError(_("Give at least one submitter."))
    for order, person in enumerate(people):
        if person.municipality_id != motion.municipality_id:
            raise ValidationError(_("%(name)s belongs to another municipality.") % {"name": person})
        submitter = MotionSubmitter(
            motion=motion, person=person, party=person.party, sort_order=order
        )
        submitter._history_user, submitter._change_reason = user, reason
        submitter.save()
