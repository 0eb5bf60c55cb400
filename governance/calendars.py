"""iCalendar feeds of deadlines (RFC 5545, written by the icalendar library)."""

import datetime
import secrets

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import CalendarToken
from .watchlist import SOURCES, WatchItem

ONE_DAY = datetime.timedelta(days=1)


def deadline_calendar(name: str, items: list[WatchItem], base_url: str) -> bytes:
    """A calendar with an all-day event on the due date of every item."""
    calendar = Calendar()
    calendar.add("prodid", "-//Raadsvolg//Termijnen//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
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


def calendar_items(**scope) -> list[WatchItem]:
    """Open items with a deadline for one portfolio, one adviesraad or the public."""
    items = [item for source in SOURCES for item in source.calendar_items(**scope)]
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
