"""Deadlines to watch, from every app that has them.

Each app registers a `DeadlineSource` (motions: moties; advice: adviesaanvragen and
responses to adviezen; commitments: toezeggingen); the dashboard, the reminders and
the calendar feeds ask all sources the same questions, each answered by one query per
source, never one per item. The dashboard and the calendars are bounded in rows (a
fixed number per group; a window of dates); see docs/scale.md."""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

from django.db.models import F
from django.urls import get_script_prefix, get_urlconf, reverse
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


# The deadline panel's groups: the name of the queryset method that selects them (the
# one definition of "overdue" and "due soon" per model, which the lists' filter uses
# too) and the value of the lists' `overdue` filter that shows the same records.
GROUPS = {"overdue": "yes", "due_soon": "soon"}

# The most urgent items the panel shows per group; the rest are counted and linked.
PANEL_SIZE = 10

# The calendar feeds cover the deadlines from this many months back up to this many
# months ahead, and at most this many events (the earliest due first): a feed is a
# bounded answer however many records there are (docs/scale.md).
CALENDAR_MONTHS_BACK = 3
CALENDAR_MONTHS_AHEAD = 12
CALENDAR_SIZE = 500

# A pk that no real record has, reversed once and replaced by the real pk: one
# `reverse()` per URL name instead of one per item (a third of a large feed's time).
_PK_PLACEHOLDER = 2_147_483_647_000


@lru_cache(maxsize=64)
def _url_parts(name: str, prefix: str, urlconf) -> tuple[str, str]:
    head, tail = reverse(name, args=[_PK_PLACEHOLDER], urlconf=urlconf).rsplit(
        str(_PK_PLACEHOLDER), 1
    )
    return head, tail


def pk_url(name: str, pk) -> str:
    """`reverse(name, args=[pk])` for a URL whose only argument is a pk, without a
    `reverse()` per call; keyed on the script prefix and urlconf, as reverse() is."""
    head, tail = _url_parts(name, get_script_prefix(), get_urlconf())
    return f"{head}{pk}{tail}"


class DeadlineSource:
    """What an app tells about its deadlines. A subclass names its model, the field
    with the due date, the admin list (whose `overdue` filter has the groups' values)
    and how one record becomes a WatchItem; the model's queryset answers `open`-ness
    and `overdue()`/`due_soon()` itself, so the panel and the lists agree."""

    kind = ""
    model = None
    due_field = ""
    tiebreak = ""
    list_url_name = ""

    def watched(self, queryset):
        """The records of `queryset` that have a deadline to watch."""
        raise NotImplementedError

    def to_item(self, record) -> WatchItem:
        raise NotImplementedError

    def _items(self, queryset, limit=None) -> list[WatchItem]:
        queryset = self.watched(queryset).select_related("portfolio")
        queryset = queryset.order_by(self.due_field, self.tiebreak)
        if limit is not None:
            queryset = queryset[:limit]
        return [self.to_item(record) for record in queryset]

    def visible(self, user):
        return self.model.objects.visible_to(user)

    def group(self, user, group: str, today: datetime.date):
        """The user's records of one panel group ("overdue" or "due_soon")."""
        return getattr(self.visible(user), group)(today)

    def list_url(self, group: str) -> str:
        """The admin list filtered to the records of the group."""
        return f"{reverse(self.list_url_name)}?{urlencode({'overdue': GROUPS[group]})}"

    def items_due_between(
        self, municipality, first: datetime.date, last: datetime.date
    ) -> list[WatchItem]:
        """Open items of the municipality due from `first` up to and including `last`."""
        lookup = {f"{self.due_field}__range": (first, last)}
        return self._items(self.model.objects.filter(municipality=municipality, **lookup))

    def overdue_items(self, municipality, today: datetime.date) -> list[WatchItem]:
        return self._items(self.model.objects.filter(municipality=municipality).overdue(today))

    def responsible_users(self, items: list[WatchItem]) -> dict[str, list]:
        """The users to remind of each item, by item key."""
        raise NotImplementedError

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        """The records for a calendar feed of a portfolio, an adviesraad or the public;
        None where this source has none for it."""
        raise NotImplementedError

    def calendar_items(
        self, *, since, until, limit, municipality_ids=None, **scope
    ) -> list[WatchItem]:
        """The first `limit` open items due from `since` up to and including `until`
        for a calendar feed, of the given municipalities only when these are given."""
        queryset = self.calendar_queryset(**scope)
        if queryset is None:
            return []
        queryset = queryset.filter(**{f"{self.due_field}__range": (since, until)})
        if municipality_ids is not None:
            queryset = queryset.filter(municipality_id__in=municipality_ids)
        return self._items(queryset, limit)


class PortfolioRecordDeadlines(DeadlineSource):
    """The deadlines of a numbered record of a portfolio with a `deadline` date (moties,
    toezeggingen): open ones with a known deadline are watched; the college staff of the
    portfolio are reminded. Subclasses name the model, `kind` and `url_namespace`."""

    due_field = "deadline"
    tiebreak = "number"
    url_namespace = ""

    @property
    def list_url_name(self):
        return f"{self.url_namespace}:index"

    def watched(self, queryset):
        return queryset.open().filter(deadline__isnull=False)

    def to_item(self, record) -> WatchItem:
        return WatchItem(
            key=f"{self.url_namespace}:{record.pk}",
            kind=str(self.kind),
            title=f"{record.number} {record.title}",
            due=record.deadline,
            admin_url=pk_url(f"{self.url_namespace}:inspect", record.pk),
            municipality_id=record.municipality_id,
            portfolio_id=record.portfolio_id,
            portfolio=record.portfolio.name if record.portfolio_id else "",
        )

    def responsible_users(self, items):
        return portfolio_staff(items)

    def calendar_queryset(self, *, portfolio=None, advisory_council=None, published=False):
        if advisory_council is not None:
            return None  # an adviesraad's calendar holds advice deadlines only
        queryset = self.model.objects.all()
        if portfolio is not None:
            queryset = queryset.filter(portfolio=portfolio)
        if published:
            queryset = queryset.published()
        return queryset


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


@dataclass
class KindCount:
    """How many items of one kind a panel group holds, and the list that shows them."""

    kind: str
    count: int
    url: str


@dataclass
class PanelGroup:
    """The most urgent items of a group, how many there are, and where to see them all."""

    items: list[WatchItem]
    total: int
    kinds: list[KindCount]

    @property
    def hidden(self) -> int:
        return self.total - len(self.items)


def watch_panel(user, today: datetime.date, limit: int = PANEL_SIZE) -> dict[str, PanelGroup]:
    """Per group (overdue; due within DUE_SOON_DAYS) the user's `limit` most urgent
    items, the most overdue first, with the count per kind: two queries per source
    and group (the first `limit` of each source, then merged; the count), whatever
    the number of records."""
    panel = {}
    for group in GROUPS:
        items, kinds = [], []
        for source in SOURCES:
            queryset = source.group(user, group, today)
            items += source._items(queryset, limit)
            count = queryset.count()
            if count:
                kinds.append(KindCount(str(source.kind), count, source.list_url(group)))
        items.sort(key=lambda item: (item.due, item.kind, item.title))
        total = sum(kind.count for kind in kinds)
        panel[group] = PanelGroup(items[:limit], total, kinds)
    return panel


def watch_items(user, today: datetime.date, limit: int = PANEL_SIZE) -> list[WatchItem]:
    """The panel's items in one list: the overdue ones first, then those due soon."""
    return [item for group in watch_panel(user, today, limit).values() for item in group.items]
