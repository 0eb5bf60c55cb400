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
