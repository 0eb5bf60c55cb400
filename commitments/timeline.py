"""The history of a toezegging as one timeline, dated by its events: the meeting in
which it was promised and the raad's decision that it is completed, and beside each
who recorded it and when.

The admin toezegging page, the History tab and the public toezegging page all read it."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from governance.timeline import CREATED, STATUS, Timeline, TimelineEntry

from .constants import CommitmentStatus as S
from .models import Commitment


def status_event_name(old, new) -> str:
    """The event a change of status stands for, from two history rows."""
    if old.status == S.completion_proposed and new.status == S.open:
        return _("Council did not agree with completion: back to open")
    names = {
        S.completion_proposed: _("Completion proposed"),
        S.completed: _("Completed"),
        S.lapsed: _("Lapsed"),
    }
    return names.get(new.status) or capfirst(new.get_status_display())


class CommitmentTimeline(Timeline):
    model = Commitment

    def created_entry(self, commitment, record) -> TimelineEntry:
        """A toezegging is made in its meeting; one registered later is dated by it."""
        meeting = commitment.meeting if commitment.meeting_id else None
        happened_on = meeting.date if meeting else self.recorded_on(record)
        return self.entry(record, _("Promised"), happened_on, kind=CREATED)

    def status_event(self, old, new):
        # Only the raad's decision to complete keeps its own date; the other steps
        # happen when they are recorded.
        happened_on = new.completion_date if new.status == S.completed else None
        return status_event_name(old, new), happened_on or self.recorded_on(new)


def commitment_timeline(commitment: Commitment) -> list[TimelineEntry]:
    """The toezegging's timeline, newest event first."""
    return CommitmentTimeline().entries(commitment)


def public_steps(commitment: Commitment) -> list[TimelineEntry]:
    """The public history: the status events with the dates they happened, oldest
    first. Who recorded them and the internal reasons stay in the admin."""
    entries = [e for e in commitment_timeline(commitment) if e.kind in (CREATED, STATUS)]
    return list(reversed(entries))
