"""Validators shared by the domain models."""

import datetime

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
