"""Adviesaanvragen, adviezen in points, and the college's response to every point."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from simple_history.models import HistoricalRecords
from wagtail.models import Orderable
from wagtail.search import index

from governance.constants import NotificationKind, TermStart, TermUnit
from governance.history import ChildHistoricalRecords
from governance.letters import BaseLetter
from governance.models import (
    AdvisoryCouncil,
    Municipality,
    MunicipalityOwned,
    Portfolio,
    search_key_index,
)
from governance.terms import Term
from governance.validators import check_term, validate_plausible_date, validate_term_length

from .constants import AdviceStatus, Position, RequestStatus
from .query import AdviceQuerySet, AdviceRequestQuerySet

TEXT_LIMIT = 20_000
ADVICE_TEXT_LIMIT = 200_000


class AdviceRequest(MunicipalityOwned, ClusterableModel):
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
    letter_date = models.DateField(_("date of the letter"), validators=[validate_plausible_date])
    received_date = models.DateField(
        _("date of receipt"),
        validators=[validate_plausible_date],
        null=True,
        blank=True,
        help_text=_("The date on which the adviesraad received the request."),
    )
    term_length = models.PositiveSmallIntegerField(
        _("own term"),
        validators=[MinValueValidator(1), validate_term_length],
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
        default_unit = self.advisory_council.advice_term_unit if self.advisory_council_id else ""
        check_term("term_length", self.term_length, self.term_unit or default_unit)
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


def validate_document(file) -> None:
    """A policy document must be what its name says (PDF, DOCX or text) and not too large."""
    from governance.uploads import check_size

    from .documents import check_upload
    from .extraction import ExtractionError

    check_size(file)  # by the size the upload states: a file too large is never read
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        check_upload(file.name, data)
    except ExtractionError as error:
        raise ValidationError(str(error)) from error


class RequestDocument(Orderable):
    """A policy document an adviesaanvraag is about (beleidsnota, verordening, …)."""

    request = ParentalKey(AdviceRequest, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to="advice/requests/%Y/",
        validators=[validate_document],
        help_text=_("PDF, Word document (.docx) or text file."),
    )
    history = ChildHistoricalRecords()

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class Advice(index.Indexed, MunicipalityOwned, ClusterableModel):
    """An advies of the adviesraad: a letter in points, solicited (answering an
    adviesaanvraag) or not. After submission its text is frozen: a correction is a
    new `AdviceVersion` with a reason."""

    search_fields = [
        index.SearchField("subject", boost=3),
        index.SearchField("text"),
        index.RelatedFields(
            "points",
            [
                index.SearchField("text"),
                index.SearchField("theme"),
                index.SearchField("explanation"),
                index.RelatedFields("response", [index.SearchField("text")]),
            ],
        ),
        index.FilterField("municipality_id"),
        index.FilterField("status"),
    ]

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="advices",
        help_text=_("The municipality whose college receives the advice."),
    )
    advisory_council = models.ForeignKey(
        AdvisoryCouncil,
        verbose_name=_("advisory council"),
        on_delete=models.PROTECT,
        related_name="advices",
    )
    request = models.ForeignKey(
        AdviceRequest,
        verbose_name=_("advice request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
        help_text=_("The adviesaanvraag this advice answers; empty for unsolicited advice."),
    )
    solicited = models.BooleanField(
        _("solicited"), default=True, help_text=_("Asked for by the college (gevraagd advies).")
    )
    reference = models.CharField(
        _("reference"), max_length=50, blank=True, help_text=_("The adviesraad's kenmerk.")
    )
    date = models.DateField(_("date of the letter"), validators=[validate_plausible_date])
    subject = models.CharField(_("subject"), max_length=255)
    portfolio = models.ForeignKey(
        Portfolio,
        verbose_name=_("portfolio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="advices",
        help_text=_("The portfolio whose staff prepare the response."),
    )
    text = models.TextField(
        _("text of the advice"),
        max_length=ADVICE_TEXT_LIMIT,
        blank=True,
        help_text=_("The whole letter as text; frozen once submitted."),
    )
    letter = models.FileField(
        _("letter"),
        upload_to="advice/letters/%Y/",
        blank=True,
        help_text=_("The signed letter (PDF, DOCX or text)."),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=AdviceStatus.choices, default=AdviceStatus.draft
    )
    received_date = models.DateField(
        _("date of receipt"),
        null=True,
        blank=True,
        help_text=_("Set on submission; the college's response term runs from it."),
    )
    response_due_date = models.DateField(_("response due"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the griffie publishes the advice, cleared when it withdraws the "
            "publication; only published adviezen show on the public site."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = AdviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advices")
        ordering = ["-date", "subject"]
        # The public list of adviezen (and the API's): a municipality's published ones,
        # newest letter first (docs/scale.md).
        indexes = [
            models.Index(
                fields=["municipality", "-date", "subject"],
                name="advice_published_date",
                condition=models.Q(status=AdviceStatus.published),
            ),
            # The DiWoo sitemaps and the sitemap: a municipality's published adviezen,
            # oldest publication first.
            models.Index(
                fields=["municipality", "published_at"],
                name="advice_published_at",
                condition=models.Q(status=AdviceStatus.published),
            ),
            search_key_index("advice_search_key"),  # the public search
            # A municipality's published adviezen as keys alone (as motion_published_key):
            # the API's brieven join the letters of an advies to them.
            models.Index(
                fields=["municipality", "id"],
                name="advice_published_key",
                condition=models.Q(status=AdviceStatus.published),
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}".strip()

    def clean(self):
        self.check_same_municipality(portfolio=self.portfolio)
        if self.request_id:
            self.solicited = True
            self.check_same_municipality(request=self.request)
        if (
            self.advisory_council_id
            and self.municipality_id
            and not self.advisory_council.municipalities.filter(pk=self.municipality_id).exists()
        ):
            raise ValidationError(
                {"advisory_council": _("This advisory council does not serve this municipality.")}
            )

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        touches_status = update_fields is None or "status" in update_fields
        if touches_status and self.sync_published_at() and update_fields is not None:
            kwargs["update_fields"] = [*update_fields, "published_at"]
        super().save(*args, **kwargs)

    def sync_published_at(self) -> bool:
        """Keep `published_at` set exactly while the advies is published, whatever saves
        it (the publish step, the admin, a test): the moment its present published
        stretch began (what the history shows as the save that published it). True when
        it changed."""
        published = self.status == AdviceStatus.published
        if published == (self.published_at is not None):
            return False
        self.published_at = timezone.now() if published else None
        return True

    @property
    def is_draft(self) -> bool:
        return self.status == AdviceStatus.draft

    def compute_response_due_date(self):
        return self.advisory_council.response_term.due_date(
            receipt=self.received_date, letter_date=self.date
        )


class AdvicePoint(Orderable):
    """One point of an advies: what the adviesraad advises, under its theme."""

    advice = ParentalKey(Advice, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(999)]
    )
    theme = models.CharField(
        _("theme"), max_length=255, blank=True, help_text=_("The heading the point stands under.")
    )
    section = models.CharField(
        _("section"),
        max_length=255,
        blank=True,
        help_text=_(
            "The advice's section above the theme (e.g. 'General remarks'); the response "
            "letter groups the themes under it. Empty when the theme is the section."
        ),
    )
    text = models.TextField(_("text"), max_length=TEXT_LIMIT)
    explanation = models.TextField(
        _("explanation"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_(
            "The adviesraad's explanation of the point (its toelichting); not part of the "
            "point itself."
        ),
    )
    history = ChildHistoricalRecords()

    class Meta(Orderable.Meta):
        verbose_name = _("advice point")
        verbose_name_plural = _("advice points")

    def __str__(self):
        return _("Point %(number)s") % {"number": self.number}


class PointResponse(models.Model):
    """The college's response to one advice point: its position, the response, and
    the reasons (required unless the point is adopted)."""

    point = models.OneToOneField(
        AdvicePoint,
        verbose_name=_("advice point"),
        on_delete=models.CASCADE,
        related_name="response",
    )
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True)
    text = models.TextField(_("response"), max_length=TEXT_LIMIT, blank=True)
    reasons = models.TextField(
        _("reasons"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Why the college does not (fully) adopt the point."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("response to a point")
        verbose_name_plural = _("responses to points")

    def __str__(self):
        return _("Response to point %(number)s") % {"number": self.point.number}

    @property
    def is_complete(self) -> bool:
        return bool(
            self.position
            and self.text.strip()
            and (self.position == Position.adopted or self.reasons.strip())
        )

    def clean(self):
        if self.position and self.position != Position.adopted and not self.reasons.strip():
            raise ValidationError({"reasons": _("Give the reasons, as the point is not adopted.")})


class AdviceResponse(models.Model):
    """The college's response letter to an advies: when adopted and sent."""

    advice = models.OneToOneField(
        Advice, verbose_name=_("advice"), on_delete=models.CASCADE, related_name="college_response"
    )
    adopted_on = models.DateField(_("adopted by the college on"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    case_number = models.CharField(_("case number"), max_length=50, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("college response")
        verbose_name_plural = _("college responses")

    def __str__(self):
        return _("Response to %(advice)s") % {"advice": self.advice}


class AdviceVersion(models.Model):
    """The text of an advies as submitted (version 1) and every correction after."""

    advice = models.ForeignKey(
        Advice, verbose_name=_("advice"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("version of an advice")
        verbose_name_plural = _("versions of an advice")
        ordering = ["advice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "number"], name="advice_version_unique")
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}


class ResponseLetter(index.Indexed, BaseLetter):
    """The college's letter to the adviesraad: each advice point quoted under its theme,
    the response below it (the Hengelo letter). Sending it sends the response."""

    # Public search finds an advies through its sent letters (advice.search); the
    # points and responses the letter quotes are indexed with the advies itself.
    search_fields = [
        index.SearchField("opening"),
        index.SearchField("closing"),
        index.SearchField("document_number"),
        index.SearchField("case_number"),
        index.FilterField("advice"),
        index.FilterField("status"),
    ]

    send_effect = _(
        "The college's response to the advies is recorded as sent, on the date of the letter."
    )
    notifies = NotificationKind.response_sent
    notifies_on_correction = True

    advice = models.ForeignKey(
        Advice, verbose_name=_("advice"), on_delete=models.PROTECT, related_name="response_letters"
    )
    opening = models.TextField(
        _("opening"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("The paragraph before the points; empty for the usual opening."),
    )
    closing = models.TextField(_("closing"), max_length=TEXT_LIMIT, blank=True)
    history = HistoricalRecords()

    template_name = "letters/collegereactie.html"
    subject_field = "advice"
    copied_fields = ("opening", "closing")

    class Meta:
        verbose_name = _("response letter")
        verbose_name_plural = _("response letters")
        ordering = ["advice", "-version"]
        indexes = [models.Index(fields=["-created_at"], name="responseletter_newest")]

    def __str__(self):
        return _("Response letter to %(advice)s, version %(version)s") % {
            "advice": self.advice,
            "version": self.version,
        }

    def file_stem(self):
        return "collegereactie"

    def can_send(self, user):
        from .letters import can_send

        return can_send(self, user)

    def send_refusal(self):
        from .letters import response_send_refusal

        return response_send_refusal(self)

    def earliest_date(self):
        response = getattr(self.advice, "college_response", None)
        if response is not None and response.adopted_on:
            return response.adopted_on, _("the college adopted the response")
        return self.advice.received_date, _("the advice was received")

    def send(self, user, **choices):
        from .letters import send_response_letter

        return send_response_letter(self, user, **choices)

    def check_renderable(self):
        from .letters import check_advice_letter

        check_advice_letter(self)

    def context(self):
        from .letters import response_letter_context

        return response_letter_context(self)


class CouncilInformationLetter(index.Indexed, BaseLetter):
    """The raadsinformatiebrief that sends the advies and the college's response to the
    raad (the Hengelo cover letter), with both as attachments."""

    search_fields = [
        index.SearchField("body"),
        index.SearchField("document_number"),
        index.SearchField("case_number"),
        index.FilterField("advice"),
        index.FilterField("status"),
    ]

    send_effect = _("The advies and the sent response are attached to it for the raad.")

    advice = models.ForeignKey(
        Advice,
        verbose_name=_("advice"),
        on_delete=models.PROTECT,
        related_name="council_information_letters",
    )
    body = models.TextField(
        _("text"),
        max_length=TEXT_LIMIT,
        blank=True,
        help_text=_("Empty for the usual text that sends the advice and the response."),
    )
    history = HistoricalRecords()

    template_name = "letters/raadsinformatiebrief.html"
    subject_field = "advice"
    copied_fields = ("body",)

    class Meta:
        verbose_name = _("council information letter")
        verbose_name_plural = _("council information letters")
        ordering = ["advice", "-version"]
        indexes = [models.Index(fields=["-created_at"], name="councilinfoletter_newest")]

    def __str__(self):
        return _("Council information letter on %(advice)s, version %(version)s") % {
            "advice": self.advice,
            "version": self.version,
        }

    def file_stem(self):
        return "raadsinformatiebrief"

    def can_send(self, user):
        from .letters import can_send

        return can_send(self, user)

    def send_refusal(self):
        from .letters import council_information_send_refusal

        return council_information_send_refusal(self)

    def earliest_date(self):
        from .letters import latest_sent_response

        response = latest_sent_response(self.advice)
        if response is None:
            return None, ""
        return response.letter_date, _("the response letter was sent")

    def send(self, user, **choices):
        from .letters import send_council_information_letter

        return send_council_information_letter(self, user, **choices)

    def check_renderable(self):
        from .letters import check_advice_letter

        check_advice_letter(self)

    def context(self):
        from .letters import council_information_context

        return council_information_context(self)

    def render(self):
        from .letters import render_with_attachments

        self.check_renderable()
        return render_with_attachments(self)


from .pages import AdviceIndexPage  # noqa: E402, F401  (Wagtail finds page models in models)
