"""Dates as Dutch people type them, and the one date field of the whole admin.

A griffier types `01-09-2027`, `1-9-2027`, `1 september 2027` or pastes `2027-09-01`;
each is read as that date, and anything else is refused with a message that says how
to write it. A typed date is never replaced by another one: Wagtail's own date picker
reads what it cannot parse as today, so the admin uses a plain text input with this
parser behind it instead (see docs/decisions.md)."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DISPLAY_FORMAT = "%d-%m-%Y"

MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d+)")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?")
WRITTEN = re.compile(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d+)")
WEEKDAY = re.compile(
    r"^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+"
)

INVALID_MESSAGE = _("Enter a date as dd-mm-jjjj, for example 01-09-2027.")


def parse_date(text: str) -> datetime.date:
    """The date that `text` means, or ValidationError with a Dutch message."""
    value = " ".join(str(text).strip().lower().split())
    value = WEEKDAY.sub("", value)
    if match := ISO.fullmatch(value):
        year, month, day = match.groups()
    elif match := DAY_MONTH_YEAR.fullmatch(value):
        day, month, year = match.groups()
    elif (match := WRITTEN.fullmatch(value)) and match.group(2) in MONTHS:
        day, month, year = match.group(1), MONTHS[match.group(2)], match.group(3)
    else:
        raise ValidationError(INVALID_MESSAGE, code="invalid")
    if len(year) != 4:
        raise ValidationError(
            _("Write the year in full (four digits), for example 01-09-2027."), code="invalid"
        )
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(
            _("The date %(value)s does not exist."), code="invalid", params={"value": text}
        ) from None


class DateInput(forms.DateInput):
    """A text input that shows dates as dd-mm-jjjj; no picker that could rewrite them."""

    def __init__(self, attrs=None, format=None):
        attrs = {
            "placeholder": _("dd-mm-yyyy"),
            "autocomplete": "off",
            "size": 12,
            "class": "raadsvolg-date",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format=format or DISPLAY_FORMAT)


class DateField(forms.DateField):
    """A date typed the Dutch way (see `parse_date`) or in ISO."""

    widget = DateInput
    default_error_messages = {"invalid": INVALID_MESSAGE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return parse_date(value)
