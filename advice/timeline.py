"""The history of an advies as one timeline, dated by its events: the receipt by the
college, the college's decision on its response and the sending of it."""

from django.utils.translation import gettext as _

from governance.roles import scope_for
from governance.timeline import CHANGE, CREATED, Timeline, TimelineEntry

from .constants import AdviceStatus as S
from .models import Advice, AdviceResponse
from .permissions import works_on_response

# The college's steps: to the adviesraad they are the college's, not a civil servant's;
# publishing and withdrawing are likewise the griffie's, not a clerk's.
COLLEGE_STATUSES = (S.response_in_preparation, S.response_adopted, S.response_sent)


class AdviceTimeline(Timeline):
    model = Advice
    # The text is versioned on its own (AdviceVersion); the timeline says that it changed.
    hidden_fields = ("updated_at", "created_at", "response_due_date")

    def entries(self, advice) -> list[TimelineEntry]:
        self.response = AdviceResponse.objects.filter(advice=advice).first()
        self.office = None  # who took the next step, when names are hidden
        self.names_hidden = self.viewer is not None and not works_on_response(
            advice, scope_for(self.viewer)
        )
        return super().entries(advice)

    def entry(self, record, what, happened_on, changes=(), *, kind=CHANGE) -> TimelineEntry:
        entry = super().entry(record, what, happened_on, changes, kind=kind)
        if self.names_hidden and self.office:
            entry.who, entry.by = None, self.office
        self.office = None
        return entry

    def created_entry(self, advice, record) -> TimelineEntry:
        return self.entry(record, _("Draft started"), self.recorded_on(record), kind=CREATED)

    def status_event(self, old, new):
        names = {
            S.draft: _("Back to draft"),
            S.submitted: _("Submitted to the college"),
            S.response_in_preparation: _("Response started"),
            S.response_adopted: _("Response adopted by the college"),
            S.response_sent: _("Response sent"),
            S.published: _("Published"),
        }
        if old.status == S.published and new.status == S.response_sent:
            self.office = _("the griffie")  # read by entry(), next
            return _("Publication withdrawn"), self.recorded_on(new)
        if new.status in COLLEGE_STATUSES:
            self.office = _("the college")
        elif new.status == S.published:
            self.office = _("the griffie")
        dates = {
            S.submitted: new.received_date,
            S.response_adopted: self.response and self.response.adopted_on,
            S.response_sent: self.response and self.response.sent_on,
        }
        return names.get(new.status, new.status), dates.get(new.status) or self.recorded_on(new)


def advice_timeline(advice: Advice) -> list[TimelineEntry]:
    """The advies's timeline, newest event first."""
    return AdviceTimeline().entries(advice)
