"""Due dates of adviesaanvragen and of the college's responses are stored (to query
and sort on); when the Atw calendar or an adviesraad's terms change, the open ones
are computed again."""

from django.utils.translation import gettext as _

from governance.deadlines import current_calendar

from .constants import RESPONDING_STATUSES
from .models import Advice, AdviceRequest


def recompute_due_dates() -> int:
    """Recompute the due dates of open requests and of advice awaiting a response;
    return how many changed. Each change leaves a history row with the reason."""
    calendar = current_calendar()
    reason = _("Due date recomputed after a change of terms or holidays")
    changed = 0
    for request in AdviceRequest.objects.open().select_related("advisory_council"):
        due = request.advice_term.due_date(
            receipt=request.received_date, letter_date=request.letter_date, calendar=calendar
        )
        if due != request.due_date:
            request._change_reason = reason
            request.save()
            changed += 1
    for advice in Advice.objects.filter(status__in=RESPONDING_STATUSES).select_related(
        "advisory_council"
    ):
        due = advice.advisory_council.response_term.due_date(
            receipt=advice.received_date, letter_date=advice.date, calendar=calendar
        )
        if due != advice.response_due_date:
            advice.response_due_date = due
            advice._change_reason = reason
            advice.save(update_fields=["response_due_date"])
            changed += 1
    return changed
