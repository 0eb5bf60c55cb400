"""The deadlines of adviesaanvragen, for the dashboard, reminders and calendars."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.constants import RoleKind
from governance.models import Role
from governance.watchlist import DeadlineSource, WatchItem

from .models import AdviceRequest


class AdviceRequestDeadlines(DeadlineSource):
    """Open adviesaanvragen whose advice term has started."""

    kind = _("Advice request")

    def _items(self, queryset) -> list[WatchItem]:
        queryset = queryset.open().filter(due_date__isnull=False).select_related("portfolio")
        return [
            WatchItem(
                key=f"advice-request:{request.pk}",
                kind=str(self.kind),
                title=request.subject,
                due=request.due_date,
                admin_url=reverse("advice_request:inspect", args=[request.pk]),
                municipality_id=request.municipality_id,
                portfolio_id=request.portfolio_id,
                portfolio=request.portfolio.name if request.portfolio_id else "",
                advisory_council_id=request.advisory_council_id,
            )
            for request in queryset.order_by("due_date", "subject")
        ]

    def visible_items(self, user, until):
        return self._items(AdviceRequest.objects.visible_to(user).filter(due_date__lte=until))

    def items_due_on(self, municipality, days):
        return self._items(
            AdviceRequest.objects.filter(municipality=municipality, due_date__in=days)
        )

    def overdue_items(self, municipality, today):
        return self._items(
            AdviceRequest.objects.filter(municipality=municipality, due_date__lt=today)
        )

    def responsible_users(self, items):
        """The members of the adviesraad each request is addressed to."""
        council_ids = {item.advisory_council_id for item in items}
        members = {}
        for role in Role.objects.filter(
            kind=RoleKind.advisory_member, advisory_council_id__in=council_ids
        ).select_related("user"):
            members.setdefault(role.advisory_council_id, []).append(role.user)
        return {item.key: members.get(item.advisory_council_id, []) for item in items}

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if published:
            return []  # adviesaanvragen are not published (yet)
        queryset = AdviceRequest.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if advisory_council is not None:
            queryset = queryset.filter(advisory_council=advisory_council)
        return self._items(queryset)
