"""The deadlines of adviesaanvragen, for the dashboard, reminders and calendars."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance.watchlist import DeadlineSource, WatchItem, advisory_members, portfolio_staff

from .constants import RESPONDING_STATUSES
from .models import Advice, AdviceRequest


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

    def items_due_between(self, municipality, first, last):
        return self._items(
            AdviceRequest.objects.filter(municipality=municipality, due_date__range=(first, last))
        )

    def overdue_items(self, municipality, today):
        return self._items(
            AdviceRequest.objects.filter(municipality=municipality, due_date__lt=today)
        )

    def responsible_users(self, items):
        """The members of the adviesraad each request is addressed to."""
        return advisory_members(items)

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if published:
            return []  # adviesaanvragen are not published (yet)
        queryset = AdviceRequest.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if advisory_council is not None:
            queryset = queryset.filter(advisory_council=advisory_council)
        return self._items(queryset)


class AdviceResponseDeadlines(DeadlineSource):
    """Adviezen awaiting the college's response, by their response due date."""

    kind = _("Response to advice")

    def _items(self, queryset) -> list[WatchItem]:
        queryset = queryset.filter(
            status__in=RESPONDING_STATUSES, response_due_date__isnull=False
        ).select_related("portfolio")
        return [
            WatchItem(
                key=f"advice-response:{advice.pk}",
                kind=str(self.kind),
                title=str(advice),
                due=advice.response_due_date,
                admin_url=reverse("advice:inspect", args=[advice.pk]),
                municipality_id=advice.municipality_id,
                portfolio_id=advice.portfolio_id,
                portfolio=advice.portfolio.name if advice.portfolio_id else "",
                advisory_council_id=advice.advisory_council_id,
            )
            for advice in queryset.order_by("response_due_date", "subject")
        ]

    def visible_items(self, user, until):
        return self._items(Advice.objects.visible_to(user).filter(response_due_date__lte=until))

    def items_due_between(self, municipality, first, last):
        return self._items(
            Advice.objects.filter(municipality=municipality, response_due_date__range=(first, last))
        )

    def overdue_items(self, municipality, today):
        return self._items(
            Advice.objects.filter(municipality=municipality, response_due_date__lt=today)
        )

    def responsible_users(self, items):
        """College staff of each advies's portfolio."""
        return portfolio_staff(items)

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        if published:
            return []
        queryset = Advice.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if advisory_council is not None:
            queryset = queryset.filter(advisory_council=advisory_council)
        return self._items(queryset)
