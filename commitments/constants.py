"""Choices for toezeggingen."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommitmentStatus(models.TextChoices):
    """Where a toezegging stands in its lifecycle (see commitments.lifecycle)."""

    open = "open", _("Open")
    completion_proposed = "completion_proposed", _("Completion proposed")
    completed = "completed", _("Completed")
    lapsed = "lapsed", _("Lapsed")


# Toezeggingen the college still owes the raad something for.
OPEN_STATUSES = (CommitmentStatus.open, CommitmentStatus.completion_proposed)
