"""A toezegging: what a portefeuillehouder promised the raad or a commissie."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.search import index

from governance.constants import PORTFOLIO_HOLDER_FUNCTIONS
from governance.models import (
    HeldAtMeeting,
    Meeting,
    Municipality,
    MunicipalityOwned,
    Person,
    Portfolio,
    search_key_index,
)
from governance.tracking import TrackedDeadline
from governance.validators import validate_plausible_date, validate_record_number

from .constants import OPEN_STATUSES, CommitmentStatus
from .query import CommitmentQuerySet

TEXT_LIMIT = 20_000


class Commitment(index.Indexed, MunicipalityOwned, HeldAtMeeting, TrackedDeadline):
    """A toezegging: a promise made in a meeting, and how far keeping it has come."""

    # The deadline rules (check_deadline, is_overdue, days_overdue) are governance.tracking's,
    # the same as a motie's.
    OPEN_STATUSES = OPEN_STATUSES
    deadline_before_start_message = _("The deadline cannot be before the meeting (%(date)s).")
    deadline_missing_message = _("A commitment needs a deadline, or a reason why it is unknown.")

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("number", boost=3),
        index.SearchField("text", boost=2),
        index.SearchField("progress"),
        index.FilterField("municipality_id"),
        index.FilterField("published_at"),
    ]

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    number = models.CharField(
        _("number"),
        max_length=30,
        validators=[validate_record_number],
        help_text=_("Unique within the municipality, e.g. T2026-03."),
    )
    title = models.CharField(
        _("title"), max_length=255, help_text=_("What was promised, in a few words.")
    )
    text = models.TextField(
        _("text of the commitment"),
        max_length=TEXT_LIMIT,
        help_text=_("The promise as the portfolio holder made it, e.g. from the minutes."),
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The meeting of the raad or of a committee in which it was promised."),
    )
    portfolio = models.ForeignKey(
        Portfolio,
        verbose_name=_("portfolio"),
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The portfolio that carries out the commitment."),
    )
    holder = models.ForeignKey(
        Person,
        verbose_name=_("promised by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        limit_choices_to={"function__in": PORTFOLIO_HOLDER_FUNCTIONS},
        help_text=_(
            "The alderman or mayor who made the promise; empty for the portfolio's holder."
        ),
    )
    deadline = models.DateField(
        _("deadline"),
        validators=[validate_plausible_date],
        null=True,
        blank=True,
        help_text=_("The date by which the promise is to be kept."),
    )
    deadline_unknown_reason = models.CharField(
        _("reason the deadline is unknown"),
        max_length=500,
        blank=True,
        help_text=_("Fill in instead of a deadline when no date has been set or promised."),
    )
    progress = models.TextField(
        _("progress"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Stand van zaken: where keeping the promise stands now, in a few sentences."),
    )
    # Status and completion date are set by commitments.lifecycle only: the admin form
    # leaves them out. They stay "editable" so that their history can be diffed.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.open,
    )
    completion_date = models.DateField(
        _("date of completion"),
        null=True,
        blank=True,
        help_text=_("The date on which the raad agreed that the commitment is completed."),
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("Set by the griffie; only published toezeggingen show on the public site."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["meeting_held_on"])  # a copy

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-meeting_held_on", "number"]
        # As the moties' (docs/scale.md): overdue by deadline; feed and gewijzigd_sinds;
        # the lists' default order.
        indexes = [
            search_key_index("commitment_search_key"),  # the public search
            models.Index(
                fields=["meeting"],
                name="commitment_published_meeting",
                condition=models.Q(published_at__isnull=False),
            ),
            models.Index(
                models.F("municipality"),
                models.F("meeting_held_on").desc(),
                models.F("number"),
                name="commitment_by_meeting",
            ),
            models.Index(
                fields=["municipality", "deadline"],
                name="commitment_open_deadline",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["portfolio", "deadline"],
                name="commitment_open_portfolio",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            # The overdue toezeggingen of every municipality (the functional
            # administrator's dashboard), soonest deadline first.
            models.Index(
                fields=["deadline"],
                name="commitment_open_by_deadline",
                condition=models.Q(status__in=OPEN_STATUSES),
            ),
            models.Index(
                fields=["municipality", "-updated_at"],
                name="commitment_published_updated",
                condition=models.Q(published_at__isnull=False),
            ),
            # The sitemap index: published toezeggingen in key order with their latest
            # change, from the index alone (as motion_published_key).
            models.Index(
                fields=["municipality", "id", "updated_at"],
                name="commitment_published_key",
                condition=models.Q(published_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"],
                name="commitment_number_unique_per_municipality",
                violation_error_message=_(
                    "This municipality already has a commitment with this number."
                ),
            )
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        self.check_same_municipality(
            meeting=self.meeting if self.meeting_id else None,
            portfolio=self.portfolio if self.portfolio_id else None,
            holder=self.holder,
        )
        if self.holder and self.holder.function not in PORTFOLIO_HOLDER_FUNCTIONS:
            raise ValidationError({"holder": _("A promise is made by an alderman or the mayor.")})
        self.check_dates()
        self.check_deadline()

    @property
    def meeting_date(self):
        return self.meeting.date if self.meeting_id else None

    @property
    def promised_by(self):
        """Who made the promise: the holder given, else the portfolio's holder."""
        if self.holder_id:
            return self.holder
        return self.portfolio.holder if self.portfolio_id else None

    def check_dates(self):
        """Completion is on or after the meeting, and not in the future."""
        if not self.completion_date:
            return
        if self.completion_date > timezone.localdate():
            raise ValidationError(_("The date of completion cannot be in the future."))
        if self.meeting_date and self.completion_date < self.meeting_date:
            raise ValidationError(
                _("The date of completion cannot be before the meeting (%(date)s).")
                % {"date": self.meeting_date.strftime("%d-%m-%Y")}
            )

    def deadline_start(self):
        """A toezegging's deadline may not be before the meeting in which it was made."""
        return self.meeting_date


def suggest_number(municipality, year: int) -> str:
    """The next free number of the year, T2026-01, T2026-02, …: one more than the
    highest that follows this pattern (numbers typed otherwise are left alone)."""
    prefix = f"T{year}-"
    numbers = Commitment.objects.filter(
        municipality=municipality, number__startswith=prefix
    ).values_list("number", flat=True)
    used = [int(m.group(1)) for n in numbers if (m := re.fullmatch(rf"{prefix}(\d+)", n))]
    return f"{prefix}{max(used, default=0) + 1:02d}"


from .pages import CommitmentIndexPage  # noqa: E402, F401  (Wagtail finds page models in models)
