"""The deadlines of moties, for the dashboard, the reminders and the calendars."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.constants import RoleKind
from governance.models import Role
from governance.watchlist import DeadlineSource, WatchItem

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

    def items_due_on(self, municipality, days):
        return self._items(Motion.objects.filter(municipality=municipality, deadline__in=days))

    def overdue_items(self, municipality, today):
        return self._items(Motion.objects.filter(municipality=municipality, deadline__lt=today))

    def responsible_users(self, items):
        """College staff of each motie's portfolio."""
        portfolio_ids = {item.portfolio_id for item in items if item.portfolio_id}
        staff = {}
        for role in (
            Role.objects.filter(kind=RoleKind.college_staff, portfolios__in=portfolio_ids)
            .select_related("user")
            .prefetch_related("portfolios")
        ):
            for portfolio in role.portfolios.all():
                staff.setdefault(portfolio.pk, []).append(role.user)
        return {item.key: staff.get(item.portfolio_id, []) for item in items}

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return []
        queryset = Motion.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return self._items(queryset)
