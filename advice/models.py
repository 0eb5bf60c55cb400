"""Adviesaanvragen: the college asks the adviesraad for advice within its term.

(Adviezen, their points and the college's responses come with the advice issue.)"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.constants import TermStart, TermUnit
from governance.models import AdvisoryCouncil, Municipality, MunicipalityOwned, Portfolio
from governance.terms import Term

from .constants import RequestStatus
from .query import AdviceRequestQuerySet

TEXT_LIMIT = 20_000


class AdviceRequest(MunicipalityOwned):
    """An adviesaanvraag of the college to the adviesraad, with the date by which the
    adviesraad is to advise: the adviesraad's advice term, unless this request sets
    its own."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )
    advisory_council = models.ForeignKey(
        AdvisoryCouncil,
        verbose_name=_("advisory council"),
        on_delete=models.PROTECT,
        related_name="advice_requests",
    )
    portfolio = models.ForeignKey(
        Portfolio,
        verbose_name=_("portfolio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advice_requests",
    )
    subject = models.CharField(_("subject"), max_length=255)
    description = models.TextField(
        _("description"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("What the college asks advice on."),
    )
    letter_date = models.DateField(_("date of the letter"))
    received_date = models.DateField(
        _("date of receipt"),
        null=True,
        blank=True,
        help_text=_("The date on which the adviesraad received the request."),
    )
    term_length = models.PositiveSmallIntegerField(
        _("own term"),
        null=True,
        blank=True,
        help_text=_("Only when this request deviates from the adviesraad's advice term."),
    )
    term_unit = models.CharField(
        _("unit of the own term"), max_length=5, choices=TermUnit.choices, blank=True
    )
    term_start = models.CharField(
        _("own term runs from"), max_length=12, choices=TermStart.choices, blank=True
    )
    term_atw = models.BooleanField(
        _("Algemene termijnenwet applies to the own term"), null=True, blank=True
    )
    due_date = models.DateField(
        _("advice due"),
        null=True,
        blank=True,
        help_text=_("Computed from the term; empty while the term has not started."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.open
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AdviceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("advice request")
        verbose_name_plural = _("advice requests")
        ordering = ["-letter_date", "subject"]

    def __str__(self):
        return self.subject

    @property
    def advice_term(self) -> Term:
        """This request's own term where it sets one, else the adviesraad's."""
        default = self.advisory_council.advice_term
        if self.term_length is None:
            return default
        return Term(
            self.term_length,
            self.term_unit or default.unit,
            self.term_start or default.start_event,
            default.atw if self.term_atw is None else self.term_atw,
        )

    def clean(self):
        self.check_same_municipality(portfolio=self.portfolio)
        if (
            self.advisory_council_id
            and self.municipality_id
            and not self.advisory_council.municipalities.filter(pk=self.municipality_id).exists()
        ):
            raise ValidationError(
                {"advisory_council": _("This advisory council does not serve this municipality.")}
            )
        if self.received_date and self.letter_date and self.received_date < self.letter_date:
            raise ValidationError(
                {"received_date": _("The date of receipt cannot be before the date of the letter.")}
            )

    def save(self, *args, **kwargs):
        self.due_date = self.advice_term.due_date(
            receipt=self.received_date, letter_date=self.letter_date
        )
        super().save(*args, **kwargs)
