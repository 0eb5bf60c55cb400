"""Choices for moties."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MotionStatus(models.TextChoices):
    """Where a motie stands in its lifecycle (see motions.lifecycle)."""

    submitted = "submitted", _("Submitted")
    adopted = "adopted", _("Adopted")
    rejected = "rejected", _("Rejected")
    withdrawn = "withdrawn", _("Withdrawn")
    held = "held", _("Held over")
    in_progress = "in_progress", _("In progress")
    completion_proposed = "completion_proposed", _("Completion proposed")
    completed = "completed", _("Completed")


# Adopted moties that the college still owes the raad something for.
OPEN_STATUSES = (
    MotionStatus.adopted,
    MotionStatus.in_progress,
    MotionStatus.completion_proposed,
)
# Every status a motie can have once the raad adopted it.
ADOPTED_STATUSES = (*OPEN_STATUSES, MotionStatus.completed)


class MotionKind(models.TextChoices):
    agenda_item = "agenda_item", _("On an agenda item")
    not_on_agenda = "not_on_agenda", _("Not on the agenda (vreemd aan de orde van de dag)")


class CompletionRoute(models.TextChoices):
    """How the college informed the raad that a motie has been carried out."""

    council_letter = "council_letter", _("Completion letter (raadsbrief) from Raadsvolg")
    council_proposal = "council_proposal", _("Council proposal (raadsvoorstel)")
    council_information_letter = (
        "council_information_letter",
        _("Council information letter (raadsinformatiebrief)"),
    )
    other = "other", _("Other document")


class VoteOutcome(models.TextChoices):
    """What the raad decided in a stemming."""

    adopted = "adopted", _("Adopted")
    rejected = "rejected", _("Rejected")


class PartyChoice(models.TextChoices):
    """How a fractie voted (Open Raadsinformatie: stemresultaat per fractie)."""

    for_ = "for", _("For")
    against = "against", _("Against")
    split = "split", _("Split")


class MotionImportStatus(models.TextChoices):
    """Whether an uploaded motievolglijst still waits for confirmation."""

    pending = "pending", _("Waiting for confirmation")
    imported = "imported", _("Imported")
