"""The deadline of a motie is a date, never a term: the Atw does not move it."""

import calendar
from datetime import date

from .models import Motion


def default_deadline(motion: Motion) -> date | None:
    """The municipality's default deadline for this motie: the end of its default month
    on or after the vote; None where the municipality has no default."""
    month = motion.municipality.default_deadline_month
    start = motion.vote_or_meeting_date
    if not month or not start:
        return None
    for year in (start.year, start.year + 1):
        end = date(year, month, calendar.monthrange(year, month)[1])
        if end >= start:
            return end
    return None
