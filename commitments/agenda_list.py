"""The toezeggingen on the lijst van moties en toezeggingen (motions.agenda_list): the
open ones of the municipality, after the moties of each portfolio."""

from django.utils.translation import gettext as _

from motions.agenda_list import AgendaRow, ListRequest

from .models import Commitment


def commitment_rows(request: ListRequest) -> list[AgendaRow]:
    """The open toezeggingen (open, completion proposed); for one meeting, those made in
    it. One query."""
    commitments = (
        Commitment.objects.filter(municipality=request.municipality)
        .open()
        .select_related("meeting", "portfolio", "portfolio__holder")
    )
    if request.portfolio_ids is not None:
        commitments = commitments.filter(portfolio_id__in=request.portfolio_ids)
    if request.meeting is not None:
        commitments = commitments.filter(meeting=request.meeting)
    return [row(commitment, request) for commitment in commitments]


def row(commitment: Commitment, request: ListRequest) -> AgendaRow:
    portfolio = commitment.portfolio
    return AgendaRow(
        kind=_("Commitment"),
        number=commitment.number,
        title=commitment.title,
        meeting_date=commitment.meeting.date,
        status=commitment.get_status_display(),
        deadline=commitment.deadline,
        deadline_unknown_reason=commitment.deadline_unknown_reason,
        days_overdue=commitment.days_overdue(request.today),
        progress=commitment.progress,
        portfolio=portfolio.name,
        portfolio_holder=portfolio.holder.name if portfolio.holder else "",
        kind_order=1,
    )
