"""The deadlines of moties, for the dashboard, the reminders and the calendars."""

from django.utils.translation import gettext_lazy as _

from governance.watchlist import DeadlineSource, WatchItem, pk_url, portfolio_staff

from .models import Motion


class MotionDeadlines(DeadlineSource):
    """Open moties with a deadline date; those with an unknown deadline are not watched
    by date (they show on the motievolglijst)."""

    kind = _("Motion")
    model = Motion
    due_field = "deadline"
    tiebreak = "number"
    list_url_name = "motion:index"

    def watched(self, queryset):
        return queryset.open().filter(deadline__isnull=False)

    def to_item(self, motion) -> WatchItem:
        return WatchItem(
            key=f"motion:{motion.pk}",
            kind=str(self.kind),
            title=f"{motion.number} {motion.title}",
            due=motion.deadline,
            admin_url=pk_url("motion:inspect", motion.pk),
            municipality_id=motion.municipality_id,
            portfolio_id=motion.portfolio_id,
            portfolio=motion.portfolio.name if motion.portfolio_id else "",
        )

    def responsible_users(self, items):
        """College staff of each motie's portfolio."""
        return portfolio_staff(items)

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return None
        queryset = Motion.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return queryset
