"""The deadlines of moties, for the dashboard, the reminders and the calendars."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.watchlist import DeadlineSource, WatchItem, portfolio_staff

from .models import Motion


class MotionDeadlines(DeadlineSource):
    """Open moties with a deadline date; those with an unknown deadline are not watched
    by date (they show on the motievolglijst)."""

    kind = _("Motion")

    def _items(self, queryset) -> list[WatchItem]:
        queryset = queryset.open().filter(deadline__isnull=False).select_related("portfolio")
        return [
            WatchItem(
                key=f"motion:{motion.pk}",
                kind=str(self.kind),
                title=f"{motion.number} {motion.title}",
                due=motion.deadline,
                admin_url=reverse("motion:inspect", args=[motion.pk]),
                municipality_id=motion.municipality_id,
                portfolio_id=motion.portfolio_id,
                portfolio=motion.portfolio.name if motion.portfolio_id else "",
            )
            for motion in queryset.order_by("deadline", "number")
        ]

    def visible_items(self, user, until):
        return self._items(Motion.objects.visible_to(user).filter(deadline__lte=until))

    def items_due_between(self, municipality, first, last):
        return self._items(
            Motion.objects.filter(municipality=municipality, deadline__range=(first, last))
        )

    def overdue_items(self, municipality, today):
        return self._items(Motion.objects.filter(municipality=municipality, deadline__lt=today))

    def responsible_users(self, items):
        """College staff of each motie's portfolio."""
        return portfolio_staff(items)

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return []
        queryset = Motion.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return self._items(queryset)
