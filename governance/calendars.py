"""iCalendar feeds of deadlines (RFC 5545, written by the icalendar library)."""

import calendar as month_calendar
import datetime
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import CalendarToken
from .watchlist import CALENDAR_MONTHS_BACK, SOURCES, WatchItem

ONE_DAY = datetime.timedelta(days=1)


def deadline_calendar(name: str, items: list[WatchItem], base_url: str) -> bytes:
    """A calendar with an all-day event on the due date of every item."""
    calendar = Calendar()
    calendar.add("prodid", "-//Raadsvolg//Termijnen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", window_description())
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for item in items:
        event = Event()
        event.add("uid", f"{item.key}@raadsvolg")
        event.add("dtstamp", stamp)
        event.add("dtstart", item.due)
        event.add("dtend", item.due + ONE_DAY)
        event.add("summary", f"{item.kind}: {item.title}")
        if base_url:
            event.add("url", f"{base_url}{item.admin_url}")
        if item.portfolio:
            event.add("categories", [item.portfolio])
        calendar.add_component(event)
    return calendar.to_ical()


def months_back(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day where that
    month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def window_start(today: datetime.date | None = None) -> datetime.date:
    """The first due date a calendar feed covers: CALENDAR_MONTHS_BACK months ago."""
    return months_back(today or timezone.localdate(), CALENDAR_MONTHS_BACK)


def window_description() -> str:
    """What a feed covers, said in the feed itself (X-WR-CALDESC)."""
    return _(
        "Open deadlines from the past %(months)s months and all deadlines ahead; "
        "older deadlines are not in this calendar."
    ) % {"months": CALENDAR_MONTHS_BACK}


def calendar_items(*, today=None, **scope) -> list[WatchItem]:
    """Open items with a deadline for one portfolio, one adviesraad or the public, due
    within the window (from CALENDAR_MONTHS_BACK months ago, without end), the
    window and `municipality_ids` filtered in the database."""
    since = window_start(today)
    items = [item for source in SOURCES for item in source.calendar_items(since=since, **scope)]
    return sorted(items, key=lambda item: (item.due, item.title))


def token_for(user) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return token


def renew_token(user) -> CalendarToken:
    """Give the user a new token: every address with the old one stops working."""
    token = token_for(user)
    token.token = secrets.token_urlsafe(32)
    token.save(update_fields=["token", "created_at"])
    return token
