"""The history of a motie as one timeline, dated by the events themselves: the vote,
the raad's decision on completion, and beside each who recorded it and when.

The admin motie page, the History tab and the public motie page all read it. The
stemming recorded with a vote step names that step ("Aangenomen met 18 stemmen voor en
9 tegen"); a vote recorded on its own gets an entry of its own."""

from django.utils.translation import gettext as _

from governance.timeline import CREATED, STATUS, Change, Timeline, TimelineEntry

from .constants import MotionStatus as S
from .models import Motion, MotionSubmitter, Vote
from .votes import vote_summary

# The date each status event happened on, when the motie keeps it.
EVENT_DATE_FIELDS = {
    S.adopted: "vote_date",
    S.rejected: "vote_date",
    S.held: "vote_date",
    S.completion_proposed: "completion_proposed_on",
    S.completed: "completion_date",
}

# The status changes a stemming is recorded with.
VOTE_STATUSES = (S.adopted, S.rejected, S.held)


def status_event_name(old_status: str, new_status: str) -> str:
    names = {
        S.submitted: _("Submitted"),
        S.adopted: _("Adopted"),
        S.rejected: _("Rejected"),
        S.withdrawn: _("Withdrawn"),
        S.held: _("Held over"),
        S.in_progress: _("Carrying out started"),
        S.completion_proposed: _("Completion proposed"),
        S.completed: _("Completed"),
    }
    if old_status == S.completion_proposed and new_status == S.in_progress:
        return _("Council did not agree with completion: back in progress")
    return names.get(new_status, new_status)


class MotionTimeline(Timeline):
    model = Motion

    def entries(self, motion) -> list[TimelineEntry]:
        self.submitter_records = list(
            MotionSubmitter.history.filter(motion_id=motion.pk)
            .exclude(history_type="~")
            .select_related("history_user", "person")
            .order_by("history_date", "history_id")
        )
        self.vote_records = list(
            Vote.history.filter(motion_id=motion.pk)
            .exclude(history_type="-")
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        self.votes_told = set()
        return super().entries(motion)

    def created_entry(self, motion, record) -> TimelineEntry:
        """A motie is submitted in its meeting; one registered later (or imported with
        a status) says so, dated by that meeting. Its first submitters belong to it."""
        happened_on = motion.meeting.date if motion.meeting_id else self.recorded_on(record)
        if record.status == S.submitted:
            what = _("Submitted")
        else:
            what = _("Registered as %(status)s") % {"status": record.get_status_display().lower()}
        entry = self.entry(record, what, happened_on, kind=CREATED)
        entry.changes = [
            Change(str(_("submitter")), "—", sub.person.name if sub.person else "?")
            for sub in self.submitter_records
            if self.with_registration(sub, record)
        ]
        return entry

    @staticmethod
    def with_registration(submitter_record, motion_record) -> bool:
        """Saved in the same breath as the motie itself (the same form or import)."""
        gap = abs(submitter_record.history_date - motion_record.history_date)
        return submitter_record.history_type == "+" and gap.total_seconds() < 5

    def status_event(self, old, new):
        date_field = EVENT_DATE_FIELDS.get(new.status)
        happened_on = getattr(new, date_field, None) if date_field else None
        name = status_event_name(old.status, new.status)
        vote = self.vote_recorded_with(new)
        if vote is not None:
            self.votes_told.add(vote.history_id)
            name = vote_summary(vote)
        return name, happened_on or self.recorded_on(new)

    def vote_recorded_with(self, record):
        """The stemming saved in the same step as this status change, if any: only a
        vote step (adopted, rejected, held) has one, and a stemming belongs to one step
        only (a motie adopted and started in one go must not be "adopted" twice)."""
        if record.status not in VOTE_STATUSES:
            return None
        for vote in self.vote_records:
            gap = (vote.history_date - record.history_date).total_seconds()
            if 0 <= gap < 5 and vote.history_id not in self.votes_told:
                return vote
        return None

    def extra_entries(self, motion) -> list[TimelineEntry]:
        first = motion.history.order_by("history_date", "history_id").first()
        entries = []
        for record in self.submitter_records:
            if first is not None and self.with_registration(record, first):
                continue
            what = _("Submitter added") if record.history_type == "+" else _("Submitter removed")
            name = record.person.name if record.person else "?"
            entries.append(self.entry(record, f"{what}: {name}", self.recorded_on(record)))
        for vote in self.vote_records:
            if vote.history_id not in self.votes_told:
                what = _("Vote recorded: %(vote)s") % {"vote": vote_summary(vote)}
                entries.append(self.entry(vote, what, vote.date or self.recorded_on(vote)))
        return entries


def motion_timeline(motion: Motion) -> list[TimelineEntry]:
    """The motie's timeline, newest event first."""
    return MotionTimeline().entries(motion)


def public_steps(motion: Motion) -> list[TimelineEntry]:
    """The public history: the status events with the dates they happened, oldest
    first. Who recorded them and the internal reasons stay in the admin."""
    entries = [e for e in motion_timeline(motion) if e.kind in (CREATED, STATUS)]
    return list(reversed(entries))
