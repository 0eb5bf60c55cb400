"""Choices used by the governance models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonFunction(models.TextChoices):
    """The office a person holds in the municipality."""

    councillor = "councillor", _("Councillor")
    alderman = "alderman", _("Alderman")
    mayor = "mayor", _("Mayor")
    secretary = "secretary", _("Municipal secretary")
    clerk = "clerk", _("Clerk of the council")
    other = "other", _("Other")


PORTFOLIO_HOLDER_FUNCTIONS = (PersonFunction.alderman, PersonFunction.mayor)


class MeetingKind(models.TextChoices):
    """Where a meeting is held: the raad itself, or one of its committees, where
    toezeggingen are made too."""

    council = "council", _("Council meeting")
    committee = "committee", _("Committee meeting")


class RoleKind(models.TextChoices):
    """The three jobs people do in Raadsvolg; each is scoped (see governance.roles)."""

    griffie = "griffie", _("Griffie")
    advisory_member = "advisory_member", _("Advisory council member")
    college_staff = "college_staff", _("College staff")


class TermUnit(models.TextChoices):
    weeks = "weeks", _("weeks")
    days = "days", _("days")


class TermStart(models.TextChoices):
    """The event from which a term runs."""

    receipt = "receipt", _("the date of receipt")
    letter_date = "letter_date", _("the date of the letter")
