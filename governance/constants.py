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


class NotificationKind(models.TextChoices):
    """The hand-overs that are mailed to the people who must act next; each user
    chooses in their account which of these they receive."""

    advice_request = "advice_request", _("A new advice request to my advisory council")
    advice_submitted = "advice_submitted", _("An advice submitted to the college")
    response_sent = "response_sent", _("The college's response to an advice of my council")
    completion_proposed = "completion_proposed", _("A proposal to complete a motion or commitment")
    council_decision = "council_decision", _("The council's decision on a motion or commitment")
    published = "published", _("Publication of a record I worked on")


# "Due soon": open and due from today up to and including this many days ahead. The
# admin home's deadline panel and the lists' "due within 14 days" filter share it.
DUE_SOON_DAYS = 14
