"""Choices for adviesaanvragen and adviezen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """Where an adviesaanvraag stands: open until the adviesraad advised."""

    open = "open", _("Open")
    advised = "advised", _("Advised")
    withdrawn = "withdrawn", _("Withdrawn")
