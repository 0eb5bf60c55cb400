"""Choices for adviesaanvragen and adviezen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """Where an adviesaanvraag stands: open until the adviesraad advised."""

    open = "open", _("Open")
    advised = "advised", _("Advised")
    withdrawn = "withdrawn", _("Withdrawn")


class AdviceStatus(models.TextChoices):
    """Where an advies stands (see advice.lifecycle)."""

    draft = "draft", _("Draft")
    submitted = "submitted", _("Submitted")
    response_in_preparation = "response_in_preparation", _("Response in preparation")
    response_adopted = "response_adopted", _("Response adopted")
    response_sent = "response_sent", _("Response sent")
    published = "published", _("Published")


# Statuses in which the college works on its response.
RESPONDING_STATUSES = (AdviceStatus.submitted, AdviceStatus.response_in_preparation)


class Position(models.TextChoices):
    """The college's standpunt on one advice point."""

    adopted = "adopted", _("Adopted (overgenomen)")
    partly_adopted = "partly_adopted", _("Partly adopted (gedeeltelijk overgenomen)")
    not_adopted = "not_adopted", _("Not adopted (niet overgenomen)")
    noted = "noted", _("Noted (voor kennisgeving aangenomen)")
