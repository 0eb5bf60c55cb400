"""Terms as data: how long, from which event, and whether the Atw applies.

A term runs from an event (the receipt of a letter, or its date) and, as in the
Awb (art. 6:8), starts on the day after that event: "within six weeks of receipt"
of a letter received on 1 March ends on 12 April (before the Atw is applied)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .constants import TermStart, TermUnit
from .deadlines import ONE_DAY, AtwCalendar, current_calendar, plain_due_date


@dataclass(frozen=True)
class Term:
    """A term of `length` weeks or days from `start_event`, with or without the Atw."""

    length: int
    unit: str = TermUnit.weeks
    start_event: str = TermStart.receipt
    atw: bool = True

    def __str__(self):
        unit = _("weeks") if self.unit == TermUnit.weeks else _("days")
        return f"{self.length} {unit}"

    def describe(self) -> str:
        """The whole term in words: "6 weken vanaf de datum van ontvangst, volgens de
        Algemene termijnenwet"."""
        text = _("%(length)s from %(event)s") % {
            "length": self,
            "event": TermStart(self.start_event).label,
        }
        if self.atw:
            return _("%(term)s, under the Algemene termijnenwet") % {"term": text}
        return _("%(term)s, without the Algemene termijnenwet") % {"term": text}

    def due_date(
        self,
        *,
        receipt: datetime.date | None = None,
        letter_date: datetime.date | None = None,
        calendar: AtwCalendar | None = None,
    ) -> datetime.date | None:
        """The last day of the term, or None while its event has not happened."""
        event = receipt if self.start_event == TermStart.receipt else letter_date
        if event is None or self.length < 1:
            return None
        span = {"weeks": self.length} if self.unit == TermUnit.weeks else {"days": self.length}
        start = event + ONE_DAY
        if not self.atw:
            return plain_due_date(start, **span)
        return (calendar or current_calendar()).due_date(start, **span)
