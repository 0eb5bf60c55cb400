"""The deadlines of toezeggingen, for the dashboard, the reminders and the calendars."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.watchlist import DeadlineSource, WatchItem, portfolio_staff

from .models import Commitment


class CommitmentDeadlines(DeadlineSource):
    """Open toezeggingen with a deadline date; those with an unknown deadline are not
    watched by date (they show in the register)."""

    kind = _("Commitment")

    def _items(self, queryset) -> list[WatchItem]:
        queryset = queryset.open().filter(deadline__isnull=False).select_related("portfolio")
        return [
            WatchItem(
                key=f"commitment:{commitment.pk}",
                kind=str(self.kind),
                title=f"{commitment.number} {commitment.title}",
                due=commitment.deadline,
                admin_url=reverse("commitment:inspect", args=[commitment.pk]),
                municipality_id=commitment.municipality_id,
                portfolio_id=commitment.portfolio_id,
                portfolio=commitment.portfolio.name,
            )
            for commitment in queryset.order_by("deadline", "number")
        ]

    def visible_items(self, user, until):
        return self._items(Commitment.objects.visible_to(user).filter(deadline__lte=until))

    def items_due_between(self, municipality, first, last):
        return self._items(
            Commitment.objects.filter(municipality=municipality, deadline__range=(first, last))
        )

    def overdue_items(self, municipality, today):
        return self._items(Commitment.objects.filter(municipality=municipality, deadline__lt=today))

    def responsible_users(self, items):
        """College staff of each toezegging's portfolio."""
        return portfolio_staff(items)

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return []
        queryset = Commitment.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return self._items(queryset)
