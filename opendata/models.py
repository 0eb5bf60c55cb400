"""The stored yearly summary of the public figures (opendata.figures)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from governance.models import Municipality


class FiguresSummary(models.Model):
    """A municipality's figures of every year as computed on `reference_date`, when its
    public records last changed at `changed_at` (`Municipality.public_changed_at`).

    Computing the figures reads every published motie and advies point of the
    municipality; the page, the CSV and the API read this row instead while it is of
    today and nothing public changed since. It is derived data: deleting it loses
    nothing, the next request computes it again."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="figures_summary",
    )
    reference_date = models.DateField(_("reference date"))
    changed_at = models.DateTimeField(_("public records changed"), null=True)
    years = models.JSONField(_("years"))
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("figures summary")
        verbose_name_plural = _("figures summaries")

    def __str__(self):
        return f"{self.municipality} {self.reference_date}"
