"""Deadlines to watch, from every app that has them.

Each app registers a `DeadlineSource` (motions: moties; advice: adviesaanvragen);
the dashboard, the reminders and the calendar feeds ask all sources the same
questions, each answered by one query per source, never one per item."""

import datetime
from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class WatchItem:
    """Something with a deadline: what it is, when it is due and where to find it."""

    key: str
    kind: str
    title: str
    due: datetime.date
    admin_url: str
    municipality_id: int
    portfolio_id: int | None
    portfolio: str
    advisory_council_id: int | None = None

    def days_left(self, today: datetime.date) -> int:
        return (self.due - today).days

    def is_overdue(self, today: datetime.date) -> bool:
        return self.due < today

    def describe_days(self, today: datetime.date) -> str:
        days = self.days_left(today)
        if days < 0:
            return ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {
                "days": -days
            }
        if days == 0:
            return gettext("due today")
        return ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days}


class DeadlineSource:
    """What an app tells about its deadlines; subclasses answer with querysets."""

    def visible_items(self, user, until: datetime.date) -> list[WatchItem]:
        """Open items the user may see, due on or before `until`."""
        raise NotImplementedError

    def items_due_between(
        self, municipality, first: datetime.date, last: datetime.date
    ) -> list[WatchItem]:
        """Open items of the municipality due from `first` up to and including `last`."""
        raise NotImplementedError

    def overdue_items(self, municipality, today: datetime.date) -> list[WatchItem]:
        raise NotImplementedError

    def responsible_users(self, items: list[WatchItem]) -> dict[str, list]:
        """The users to remind of each item, by item key."""
        raise NotImplementedError

    def calendar_items(self, *, portfolio=None, advisory_council=None, published=False):
        """Open items for a calendar feed of a portfolio, an adviesraad, or the public."""
        raise NotImplementedError


def portfolio_staff(items: list[WatchItem]) -> dict[str, list]:
    """The college staff of each item's portfolio, by item key (one query)."""
    from .constants import RoleKind
    from .models import Role

    portfolio_ids = {item.portfolio_id for item in items if item.portfolio_id}
    staff: dict[int, list] = {}
    roles = (
        # A role reaches a portfolio of its own municipality only, whatever was saved.
        Role.objects.filter(
            kind=RoleKind.college_staff,
            portfolios__in=portfolio_ids,
            municipality=F("portfolios__municipality"),
        )
        .select_related("user")
        .prefetch_related("portfolios")
        .distinct()
    )
    for role in roles:
        for portfolio in role.portfolios.all():
            staff.setdefault(portfolio.pk, []).append(role.user)
    return {item.key: staff.get(item.portfolio_id, []) for item in items}


def advisory_members(items: list[WatchItem]) -> dict[str, list]:
    """The members of each item's adviesraad, by item key (one query)."""
    from .constants import RoleKind
    from .models import Role

    council_ids = {item.advisory_council_id for item in items}
    members: dict[int, list] = {}
    for role in Role.objects.filter(
        kind=RoleKind.advisory_member, advisory_council_id__in=council_ids
    ).select_related("user"):
        members.setdefault(role.advisory_council_id, []).append(role.user)
    return {item.key: members.get(item.advisory_council_id, []) for item in items}


SOURCES: list[DeadlineSource] = []


def register_source(source: DeadlineSource) -> None:
    SOURCES.append(source)


def watch_items(user, today: datetime.date, horizon_days: int = 14) -> list[WatchItem]:
    """Everything the user watches that is overdue or due within the horizon: the
    most overdue first, then by due date."""
    until = today + datetime.timedelta(days=horizon_days)
    items = [item for source in SOURCES for item in source.visible_items(user, until)]
    return sorted(items, key=lambda item: (item.due, item.kind, item.title))
