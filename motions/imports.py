"""An uploaded motievolglijst between its preview and its confirmation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models import Municipality

from .constants import MotionImportStatus


class MotionImport(models.Model):
    """A spreadsheet a griffier uploaded to import moties from: its cells as read, kept
    until the import is confirmed, and afterwards as the record of what was imported.

    The cells live here, not in the session cookie; confirming checks them again."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="motion_imports",
        help_text=_("The municipality the moties are imported into."),
    )
    file_name = models.CharField(
        _("file name"), max_length=255, help_text=_("The name of the uploaded file.")
    )
    rows = models.JSONField(
        _("rows"), help_text=_("The cells of the spreadsheet as read, row by row.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MotionImportStatus.choices,
        default=MotionImportStatus.pending,
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="motion_imports",
        help_text=_("Only this user can confirm the import."),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    created_count = models.PositiveIntegerField(
        _("motions created"), default=0, help_text=_("How many moties the import created.")
    )

    class Meta:
        verbose_name = _("motion import")
        verbose_name_plural = _("motion imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.file_name} ({self.municipality})"
