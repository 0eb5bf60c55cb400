"""The deadlines of toezeggingen, for the dashboard, the reminders and the calendars."""

from django.utils.translation import gettext_lazy as _

from governance.watchlist import DeadlineSource, WatchItem, pk_url, portfolio_staff

from .models import Commitment


class CommitmentDeadlines(DeadlineSource):
    """Open toezeggingen with a deadline date; those with an unknown deadline are not
    watched by date (they show in the register)."""

    kind = _("Commitment")
    model = Commitment
    due_field = "deadline"
    tiebreak = "number"
    list_url_name = "commitment:index"

    def watched(self, queryset):
        return queryset.open().filter(deadline__isnull=False)

    def to_item(self, commitment) -> WatchItem:
        return WatchItem(
            key=f"commitment:{commitment.pk}",
            kind=str(self.kind),
            title=f"{commitment.number} {commitment.title}",
            due=commitment.deadline,
            admin_url=pk_url("commitment:inspect", commitment.pk),
            municipality_id=commitment.municipality_id,
            portfolio_id=commitment.portfolio_id,
            portfolio=commitment.portfolio.name,
        )

    def responsible_users(self, items):
        """College staff of each toezegging's portfolio."""
        return portfolio_staff(items)

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return None
        queryset = Commitment.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return queryset
