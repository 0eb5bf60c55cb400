"""Deadlines under the Algemene termijnenwet (Atw).

- art. 1: a term that would end on a Saturday, Sunday or algemeen erkende feestdag
  runs on to the next day that is none of these;
- art. 2: a term of three days or more contains at least two days that are none of
  these (the day of the event it runs from does not count: terms start the day after);
- art. 3: the feestdagen of lid 1 (5 May in every year; Koningsdag on the day it is
  celebrated), Goede Vrijdag (lid 2), and the days made equal by Koninklijk Besluit
  (lid 3), which are data (`EqualisedDay`), not code.

No holiday package's list for the Netherlands equals this list (they treat 5 May as a
holiday once in five years, leave out Goede Vrijdag or know nothing of lid 3), so the
list is computed here and tested day by day.

The Atw does not move a motie's deadline: that is a date, not a term."""

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext_lazy as _

ONE_DAY = datetime.timedelta(days=1)


def easter_sunday(year: int) -> datetime.date:
    """Easter Sunday of the Gregorian calendar (the anonymous algorithm of Meeus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return datetime.date(year, month, day + 1)


def kings_day(year: int) -> datetime.date:
    """Koningsdag: 27 April, or the 26th when the 27th is a Sunday (since 2014;
    before, Koninginnedag on 30 April, or the 29th when that was a Sunday)."""
    day = datetime.date(year, 4, 27) if year >= 2014 else datetime.date(year, 4, 30)
    return day - ONE_DAY if day.weekday() == 6 else day


@cache
def statutory_holidays(year: int) -> dict[datetime.date, str]:
    """The algemeen erkende feestdagen of art. 3 lid 1 and Goede Vrijdag (lid 2)."""
    easter = easter_sunday(year)
    days = {
        datetime.date(year, 1, 1): _("New Year's Day"),
        easter - 2 * ONE_DAY: _("Good Friday"),
        easter: _("Easter Sunday"),
        easter + ONE_DAY: _("Easter Monday"),
        kings_day(year): _("King's Day"),
        datetime.date(year, 5, 5): _("Liberation Day"),
        easter + 39 * ONE_DAY: _("Ascension Day"),
        easter + 49 * ONE_DAY: _("Whit Sunday"),
        easter + 50 * ONE_DAY: _("Whit Monday"),
        datetime.date(year, 12, 25): _("Christmas Day"),
        datetime.date(year, 12, 26): _("Second Christmas Day"),
    }
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class AtwCalendar:
    """The days on which an Atw term cannot end: weekends, the feestdagen of art. 3
    and the days equalised by Koninklijk Besluit given as `equalised_days`."""

    equalised_days: frozenset[datetime.date] = field(default_factory=frozenset)

    def is_non_working_day(self, day: datetime.date) -> bool:
        return (
            day.weekday() >= 5 or day in statutory_holidays(day.year) or day in self.equalised_days
        )

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """`day` itself when it is a working day, else the first one after it."""
        while self.is_non_working_day(day):
            day += ONE_DAY
        return day

    def due_date(self, start: datetime.date, *, weeks: int = 0, days: int = 0) -> datetime.date:
        """The last day of a term of `weeks` and `days` whose first day is `start`."""
        length = weeks * 7 + days
        if length < 1:
            raise ValueError("A term lasts at least one day.")
        end = self.next_working_day(start + (length - 1) * ONE_DAY)  # art. 1
        if length >= 3:  # art. 2
            while self.working_days_between(start, end) < 2:
                end = self.next_working_day(end + ONE_DAY)
        return end

    def working_days_between(self, first: datetime.date, last: datetime.date) -> int:
        count, day = 0, first
        while day <= last:
            count += not self.is_non_working_day(day)
            day += ONE_DAY
        return count


def current_calendar() -> AtwCalendar:
    """The Atw calendar with the equalised days the griffie has recorded."""
    from .models import EqualisedDay

    return AtwCalendar(frozenset(EqualisedDay.objects.values_list("date", flat=True)))


def due_date(start: datetime.date, *, weeks: int = 0, days: int = 0) -> datetime.date:
    """The end of a term that starts on `start`, with the Atw applied."""
    return current_calendar().due_date(start, weeks=weeks, days=days)


def plain_due_date(start: datetime.date, *, weeks: int = 0, days: int = 0) -> datetime.date:
    """The end of a term to which the Atw does not apply."""
    length = weeks * 7 + days
    if length < 1:
        raise ValueError("A term lasts at least one day.")
    return start + (length - 1) * ONE_DAY
