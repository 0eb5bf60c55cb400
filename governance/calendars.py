"""iCalendar feeds of deadlines (RFC 5545, written by the icalendar library)."""

import calendar as month_calendar
import datetime
import secrets

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCategory, vDDDTypes, vText, vUri

from .models import CalendarToken
from .watchlist import (
    CALENDAR_MONTHS_AHEAD,
    CALENDAR_MONTHS_BACK,
    CALENDAR_SIZE,
    SOURCES,
    WatchItem,
)

ONE_DAY = datetime.timedelta(days=1)


def deadline_calendar(name: str, items: list[WatchItem], base_url: str) -> bytes:
    """A calendar with an all-day event on the due date of every item.

    The events' properties are icalendar values made here and set directly: `Event.add`
    guesses and converts a type per property (most of a large feed's time); the library
    still escapes and folds every line. Values shared by many events (the stamp, a due
    date, a portfolio) are made once."""
    calendar = Calendar()
    calendar.add("prodid", "-//Raadsvolg//Termijnen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", window_description())
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = vDDDTypes(timezone.now().astimezone(datetime.UTC).replace(microsecond=0))
    dates: dict[datetime.date, vDDDTypes] = {}
    categories: dict[str, vCategory] = {}
    for item in items:
        event = Event()
        event["UID"] = vText(f"{item.key}@raadsvolg")
        event["DTSTAMP"] = stamp
        event["DTSTART"] = _date(dates, item.due)
        event["DTEND"] = _date(dates, item.due + ONE_DAY)
        event["SUMMARY"] = vText(f"{item.kind}: {item.title}")
        if base_url:
            event["URL"] = vUri(f"{base_url}{item.admin_url}")
        if item.portfolio:
            if item.portfolio not in categories:
                categories[item.portfolio] = vCategory([item.portfolio])
            event["CATEGORIES"] = categories[item.portfolio]
        calendar.add_component(event)
    return calendar.to_ical()


def _date(made: dict, day: datetime.date) -> vDDDTypes:
    if day not in made:
        made[day] = vDDDTypes(day)
    return made[day]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (earlier when negative; the month's
    last day where that month is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def months_back(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier."""
    return add_months(day, -months)


def window_start(today: datetime.date | None = None) -> datetime.date:
    """The first due date a calendar feed covers: CALENDAR_MONTHS_BACK months ago."""
    return months_back(today or timezone.localdate(), CALENDAR_MONTHS_BACK)


def window_end(today: datetime.date | None = None) -> datetime.date:
    """The last due date a calendar feed covers: CALENDAR_MONTHS_AHEAD months ahead."""
    return add_months(today or timezone.localdate(), CALENDAR_MONTHS_AHEAD)


def window_numbers() -> dict[str, int]:
    """The window's numbers, for every text that says what a feed covers."""
    return {
        "months_back": CALENDAR_MONTHS_BACK,
        "months_ahead": CALENDAR_MONTHS_AHEAD,
        "size": CALENDAR_SIZE,
    }


def window_description() -> str:
    """What a feed covers, said in the feed itself (X-WR-CALDESC)."""
    return (
        _(
            "Open deadlines from the past %(months_back)s months up to %(months_ahead)s "
            "months ahead, at most %(size)s (the earliest first); other deadlines are not "
            "in this calendar."
        )
        % window_numbers()
    )


def calendar_items(*, today=None, **scope) -> list[WatchItem]:
    """The first CALENDAR_SIZE open items with a deadline for one portfolio, one
    adviesraad or the public, due within the window (from CALENDAR_MONTHS_BACK months
    ago up to CALENDAR_MONTHS_AHEAD months ahead), the earliest due first. The window,
    the cap (per source) and `municipality_ids` are applied in the database; the
    sources' first items are merged and cut to the cap here."""
    window = {"since": window_start(today), "until": window_end(today), "limit": CALENDAR_SIZE}
    items = [item for source in SOURCES for item in source.calendar_items(**window, **scope)]
    return sorted(items, key=lambda item: (item.due, item.title))[:CALENDAR_SIZE]


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
