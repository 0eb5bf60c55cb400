"""The deadlines of adviesaanvragen, for the dashboard, reminders and calendars."""

from django.utils.translation import gettext_lazy as _

from governance.watchlist import (
    DeadlineSource,
    WatchItem,
    advisory_members,
    pk_url,
    portfolio_staff,
)

from .models import Advice, AdviceRequest


class AdviceRequestDeadlines(DeadlineSource):
    """Open adviesaanvragen whose advice term has started."""

    kind = _("Advice request")
    model = AdviceRequest
    due_field = "due_date"
    tiebreak = "subject"
    list_url_name = "advice_request:index"

    def watched(self, queryset):
        return queryset.open().filter(due_date__isnull=False)

    def to_item(self, request) -> WatchItem:
        return WatchItem(
            key=f"advice-request:{request.pk}",
            kind=str(self.kind),
            title=request.subject,
            due=request.due_date,
            admin_url=pk_url("advice_request:inspect", request.pk),
            municipality_id=request.municipality_id,
            portfolio_id=request.portfolio_id,
            portfolio=request.portfolio.name if request.portfolio_id else "",
            advisory_council_id=request.advisory_council_id,
        )

    def responsible_users(self, items):
        """The members of the adviesraad each request is addressed to."""
        return advisory_members(items)

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        if published:
            return None  # adviesaanvragen are not published (yet)
        queryset = AdviceRequest.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if advisory_council is not None:
            queryset = queryset.filter(advisory_council=advisory_council)
        return queryset


class AdviceResponseDeadlines(DeadlineSource):
    """Adviezen awaiting the college's response, by their response due date."""

    kind = _("Response to advice")
    model = Advice
    due_field = "response_due_date"
    tiebreak = "subject"
    list_url_name = "advice:index"

    def watched(self, queryset):
        return queryset.awaiting_response().filter(response_due_date__isnull=False)

    def to_item(self, advice) -> WatchItem:
        return WatchItem(
            key=f"advice-response:{advice.pk}",
            kind=str(self.kind),
            title=str(advice),
            due=advice.response_due_date,
            admin_url=pk_url("advice:inspect", advice.pk),
            municipality_id=advice.municipality_id,
            portfolio_id=advice.portfolio_id,
            portfolio=advice.portfolio.name if advice.portfolio_id else "",
            advisory_council_id=advice.advisory_council_id,
        )

    def responsible_users(self, items):
        """College staff of each advies's portfolio."""
        return portfolio_staff(items)

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        if published:
            return None
        queryset = Advice.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if advisory_council is not None:
            queryset = queryset.filter(advisory_council=advisory_council)
        return queryset
