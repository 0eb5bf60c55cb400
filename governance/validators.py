"""Validators shared by the domain models."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def validate_plausible_date(value: datetime.date) -> None:
    """Refuse dates no council record can have (they also break date arithmetic)."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": EARLIEST.strftime("%d-%m-%Y"), "last": LATEST.strftime("%d-%m-%Y")},
            code="implausible_date",
        )


POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")


def validate_postcode(value: str) -> None:
    """A Dutch postcode: four digits and two letters, "7601 AB"."""
    if value and not POSTCODE.match(value.strip()):
        raise ValidationError(
            _("Enter a Dutch postcode: four digits and two letters, such as 7601 AB.")
        )


# Letters, digits, spaces, points, hyphens and underscores: a number is part of the
# public address of its record (/moties/M2026-014/), where "/", "?" and "#" break it.
RECORD_NUMBER = re.compile(r"^[0-9A-Za-z]([0-9A-Za-z ._-]*[0-9A-Za-z])?$")


def validate_record_number(value: str) -> None:
    """The number of a motie or toezegging: a safe part of a web address."""
    if value and not RECORD_NUMBER.match(value):
        raise ValidationError(
            _(
                "A number consists of letters, digits, spaces, points, hyphens and "
                "underscores, and begins and ends with a letter or digit, e.g. M2026-014."
            ),
            code="unsafe_number",
        )


# The longest term a verordening or request sets in practice is a year; two years leaves
# room and keeps every date computation far from the calendar's end.
MAX_TERM_DAYS = 730
MAX_TERM_WEEKS = 104
TERM_TOO_LONG = _("A term lasts at most 104 weeks or 730 days.")


def validate_term_length(value) -> None:
    """No term longer than 730 (days); the unit is checked by `check_term`."""
    if value is not None and value > MAX_TERM_DAYS:
        raise ValidationError(TERM_TOO_LONG, code="term_too_long")


def check_term(field: str, length, unit: str) -> None:
    """A term of `length` in `unit` ("weeks" or "days") at most 104 weeks or 730 days."""
    if length is not None and unit == "weeks" and length > MAX_TERM_WEEKS:
        raise ValidationError({field: TERM_TOO_LONG}, code="term_too_long")
