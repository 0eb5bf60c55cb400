"""The organisation: municipalities (tenants), their meetings, parties, people,
portfolios, the adviesraad, and the roles that scope what each user may do."""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .addressing import PersonName, Salutation, split_infix
from .constants import (
    PORTFOLIO_HOLDER_FUNCTIONS,
    MeetingKind,
    NotificationKind,
    PersonFunction,
    RoleKind,
    TermStart,
    TermUnit,
)
from .terms import Term
from .validators import (
    check_term,
    validate_plausible_date,
    validate_postcode,
    validate_term_length,
)
from .wording import PLACEHOLDERS, validate_wording

tooi_code_validator = RegexValidator(
    r"^gm\d{4}$", _("Enter a TOOI municipality code such as gm0153.")
)


def validate_motion_number_format(value: str) -> None:
    """A motie number scheme: {seq} and {year} (e.g. M{year}-{seq:02d}); no {case}."""
    validate_number_format(value)
    if "{case" in value or "{year" not in value:
        raise ValidationError(_("A motion number scheme uses {year} and {seq}, not {case}."))


class Municipality(models.Model):
    """A gemeente: the tenant every organisation record belongs to."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    tooi_code = models.CharField(
        _("TOOI code"),
        max_length=6,
        unique=True,
        validators=[tooi_code_validator],
        help_text=_("The municipality's code in the TOOI register, e.g. gm0153 for Enschede."),
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("site"),
        related_name="municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The public website of this municipality."),
    )
    default_deadline_month = models.PositiveSmallIntegerField(
        _("default deadline month"),
        null=True,
        blank=True,
        choices=[(m, m) for m in range(1, 13)],
        help_text=_(
            "Proposed completion deadline for an adopted motion that sets none itself: "
            "the end of this month (commonly 7 or 12)."
        ),
    )
    motion_number_format = models.CharField(
        _("motion number scheme"),
        max_length=60,
        default="M{year}-{seq:02d}",
        validators=[validate_motion_number_format],
        help_text=_(
            "How new motions are numbered: {year} is the year of the meeting, {seq} the "
            "running number in that year, e.g. M{year}-{seq:02d} gives M2026-07."
        ),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder days before a deadline"),
        default=7,
        help_text=_(
            "The responsible people are reminded this many days before a deadline, and on "
            "the day itself."
        ),
    )
    digest_weekday = models.PositiveSmallIntegerField(
        _("day of the weekly digest"),
        default=0,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
        ],
        help_text=_("The griffie receives the overview of overdue items on this day."),
    )
    # Set by governance.public_changes on every change a public answer shows: the
    # Last-Modified of the public site and the API, kept in the database so that it
    # survives an emptied cache (docs/scale.md).
    public_changed_at = models.DateTimeField(
        _("public answers last changed"),
        default=timezone.now,
        editable=False,
        help_text=_("When something the public site or the API shows last changed."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MunicipalityOwned(models.Model):
    """Abstract base for records that belong to one municipality (each subclass
    declares its own `municipality` key, with its own related name)."""

    class Meta:
        abstract = True

    def check_same_municipality(self, **related):
        """Raise a field error for every related record of another municipality."""
        errors = {
            field: _("This belongs to another municipality.")
            for field, obj in related.items()
            if obj is not None and obj.municipality_id != self.municipality_id
        }
        if errors:
            raise ValidationError(errors)


class HeldAtMeeting(models.Model):
    """Abstract base for records made at a meeting (moties, toezeggingen): each subclass
    declares its own `meeting` key; this keeps a copy of the meeting's date.

    Lists are ordered by the meeting's date. Sorting over the join reads every record
    of the municipality (at 100,000 moties some 160 ms for a page of 20); with the date
    on the record an index gives the order. The copy is set on every save and renewed
    by Meeting.save() when a meeting's date changes; bulk inserts set it themselves
    (the column is NOT NULL, so a missed one fails loudly). docs/scale.md."""

    meeting_held_on = models.DateField(_("date of the meeting"), editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.meeting_id:
            self.meeting_held_on = self.meeting.date
            fields = kwargs.get("update_fields")
            if fields is not None and "meeting_held_on" not in fields:
                kwargs["update_fields"] = {*fields, "meeting_held_on"}
        super().save(*args, **kwargs)


def search_key_index(name: str) -> models.Index:
    """An index on the record's key as text, as Wagtail's search index entries hold it
    (`object_id`, varchar(50)). Wagtail's PostgreSQL backend joins a searched model to
    its entries on `id::varchar(50) = object_id`: without this index the database reads
    every record of the municipality to make that join; with it, it takes the entries
    that match, best first, and looks up their records (docs/scale.md)."""
    return models.Index(Cast("id", models.CharField(max_length=50)), name=name)


def held_at_meeting_models():
    """The concrete models that keep their meeting's date."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, HeldAtMeeting) and not model._meta.proxy
    ]


class Meeting(MunicipalityOwned):
    """A meeting of the gemeenteraad (raadsvergadering, where moties are voted on) or of
    one of its committees (commissie, where toezeggingen are made too)."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    date = models.DateField(_("date"), validators=[validate_plausible_date])
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. 'Raadsvergadering'.")
    )
    kind = models.CharField(
        _("kind of meeting"),
        max_length=20,
        choices=MeetingKind.choices,
        default=MeetingKind.council,
        help_text=_("A meeting of the raad, or of one of its committees (commissie)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "date", "title"],
                name="meeting_unique_per_day",
                violation_error_message=_("This municipality already has this meeting."),
            )
        ]

    def __str__(self):
        from django.utils.formats import date_format

        label = self.title or self.get_kind_display()
        return f"{label} {date_format(self.date, 'j F Y')}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .public_index import refresh_keys

        # The records made at this meeting keep a copy of its date (HeldAtMeeting), and
        # so do their entries in the public search's table (which order by it).
        for model in held_at_meeting_models():
            moved = model.objects.filter(meeting=self).exclude(meeting_held_on=self.date)
            pks = list(moved.values_list("pk", flat=True))
            if pks:
                moved.update(meeting_held_on=self.date)
                refresh_keys(model, pks)


class Party(MunicipalityOwned):
    """A fractie in the gemeenteraad."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    name = models.CharField(_("name"), max_length=100)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="party_unique_name",
                violation_error_message=_("This municipality already has a party of this name."),
            )
        ]

    def __str__(self):
        return self.abbreviation or self.name


class Person(MunicipalityOwned):
    """A councillor, alderman, mayor or official of one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(
        _("function"),
        max_length=20,
        choices=PersonFunction.choices,
        default=PersonFunction.councillor,
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.party})" if self.party_id else self.name

    def clean(self):
        self.check_same_municipality(party=self.party)


class Portfolio(MunicipalityOwned):
    """A portefeuille of the college, held by a wethouder or the burgemeester."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="portfolios",
    )
    name = models.CharField(_("name"), max_length=150)
    holder = models.ForeignKey(
        Person,
        verbose_name=_("portfolio holder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portfolios",
        limit_choices_to={"function__in": PORTFOLIO_HOLDER_FUNCTIONS},
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="portfolio_unique_name",
                violation_error_message=_(
                    "This municipality already has a portfolio of this name."
                ),
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.check_same_municipality(holder=self.holder)
        if self.holder and self.holder.function not in PORTFOLIO_HOLDER_FUNCTIONS:
            raise ValidationError({"holder": _("A portfolio is held by an alderman or the mayor.")})


class AdvisoryCouncil(models.Model):
    """An adviesraad sociaal domein; a regional one serves several municipalities.

    Its terms come from its verordening and differ per adviesraad, so they are data."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), related_name="advisory_councils"
    )
    # The chair, to whom letters are addressed, in the parts a letter needs.
    chair_salutation = models.CharField(
        _("form of address of the chair"),
        max_length=8,
        choices=Salutation.choices,
        default=Salutation.neutral,
    )
    chair_title = models.CharField(
        _("title"), max_length=30, blank=True, help_text=_("E.g. 'drs.'; only on the address.")
    )
    chair_initials = models.CharField(_("initials"), max_length=20, blank=True)
    chair_infix = models.CharField(
        _("tussenvoegsel"), max_length=20, blank=True, help_text=_("E.g. 'van der'.")
    )
    chair_surname = models.CharField(_("surname of the chair"), max_length=150, blank=True)
    fixed_salutation = models.CharField(
        _("fixed salutation"),
        max_length=100,
        blank=True,
        help_text=_(
            "Instead of the chair's name, e.g. 'Geachte voorzitter,'. Empty: 'Geachte heer "
            "Rikhof,' from the chair's name, or 'Geachte leden van de adviesraad,' without one."
        ),
    )
    postal_address = models.CharField(
        _("postal address"),
        max_length=150,
        blank=True,
        help_text=_("Street and number, or PO box."),
    )
    postal_code = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    postal_place = models.CharField(_("place"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    advice_term_length = models.PositiveSmallIntegerField(
        _("advice term"),
        validators=[MinValueValidator(1), validate_term_length],
        default=6,
        help_text=_("Time the adviesraad has to give advice."),
    )
    advice_term_unit = models.CharField(
        _("unit of the advice term"),
        max_length=5,
        choices=TermUnit.choices,
        default=TermUnit.weeks,
    )
    advice_term_start = models.CharField(
        _("advice term runs from"),
        max_length=12,
        choices=TermStart.choices,
        default=TermStart.letter_date,
    )
    advice_term_atw = models.BooleanField(
        _("Algemene termijnenwet applies to the advice term"), default=True
    )
    response_term_length = models.PositiveSmallIntegerField(
        _("response term"),
        validators=[MinValueValidator(1), validate_term_length],
        default=6,
        help_text=_("Time the college has to respond."),
    )
    response_term_unit = models.CharField(
        _("unit of the response term"),
        max_length=5,
        choices=TermUnit.choices,
        default=TermUnit.weeks,
    )
    response_term_start = models.CharField(
        _("response term runs from"),
        max_length=12,
        choices=TermStart.choices,
        default=TermStart.receipt,
    )
    response_term_atw = models.BooleanField(
        _("Algemene termijnenwet applies to the response term"), default=True
    )
    history = HistoricalRecords(m2m_fields=[municipalities])

    class Meta:
        verbose_name = _("advisory council")
        verbose_name_plural = _("advisory councils")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        check_term("advice_term_length", self.advice_term_length, self.advice_term_unit)
        check_term("response_term_length", self.response_term_length, self.response_term_unit)
        if not self.chair_infix.strip():  # "de Boer" typed as the surname
            infix, surname = split_infix(self.chair_surname.strip())
            if infix and self.chair_surname.strip()[:1].islower():
                self.chair_infix, self.chair_surname = infix, surname
        try:
            self.chair.check()
        except ValidationError as error:
            raise ValidationError(
                {f"chair_{field}": messages for field, messages in error.message_dict.items()}
            ) from error
        if self.fixed_salutation.strip() and not self.fixed_salutation.strip().endswith(","):
            self.fixed_salutation = self.fixed_salutation.strip() + ","
        if self.postal_code:
            code = self.postal_code.replace(" ", "").upper()
            self.postal_code = f"{code[:4]} {code[4:]}" if len(code) == 6 else self.postal_code

    @property
    def chair(self) -> PersonName:
        """The chair's name, as letters address it."""
        return PersonName(
            self.chair_salutation,
            self.chair_title.strip(),
            self.chair_initials.strip(),
            self.chair_infix.strip(),
            self.chair_surname.strip(),
        )

    def salutation_line(self) -> str:
        """The aanhef of a letter to this adviesraad."""
        if self.fixed_salutation.strip():
            return self.fixed_salutation.strip()
        chair = self.chair
        # A genderneutral name is addressed by initials and surname; a name of before
        # without initials ("Voorzitter adviesraad") is not a name to address.
        if chair and (chair.salutation != Salutation.neutral or chair.initials):
            return chair.salutation_line()
        return str(_("Dear members of the advisory council,"))

    def address_lines(self) -> list[str]:
        """The address block: the adviesraad, for the attention of its chair, its address."""
        lines = [self.name]
        if self.chair:
            lines.append(
                str(_("attn. %(name)s")) % {"name": self.chair.address_line(opening=False)}
            )
        lines.append(self.postal_address.strip())
        lines.append(" ".join(part for part in (self.postal_code, self.postal_place) if part))
        return [line for line in lines if line.strip()]

    @property
    def advice_term(self) -> Term:
        """The term within which the adviesraad gives advice on a request."""
        return Term(
            self.advice_term_length,
            self.advice_term_unit,
            self.advice_term_start,
            self.advice_term_atw,
        )

    @property
    def response_term(self) -> Term:
        """The term within which the college responds to an advice."""
        return Term(
            self.response_term_length,
            self.response_term_unit,
            self.response_term_start,
            self.response_term_atw,
        )


class Role(models.Model):
    """One job of one user, with its scope: griffie of a municipality, member of an
    adviesraad, or college staff for some portfolios of a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="raadsvolg_roles",
    )
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("For the griffie and college staff."),
    )
    advisory_council = models.ForeignKey(
        AdvisoryCouncil,
        verbose_name=_("advisory council"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("For members of an advisory council."),
    )
    portfolios = models.ManyToManyField(
        Portfolio,
        verbose_name=_("portfolios"),
        blank=True,
        related_name="staff_roles",
        help_text=_("For college staff: the portfolios they work for."),
    )
    history = HistoricalRecords(m2m_fields=[portfolios])

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind=RoleKind.advisory_member,
                        advisory_council__isnull=False,
                        municipality__isnull=True,
                    )
                    | (
                        ~models.Q(kind=RoleKind.advisory_member)
                        & models.Q(municipality__isnull=False, advisory_council__isnull=True)
                    )
                ),
                name="role_scope_matches_kind",
                violation_error_message=_(
                    "A member of an advisory council needs an advisory council and no "
                    "municipality; the griffie and college staff need a municipality."
                ),
            )
        ]

    def __str__(self):
        scope = self.advisory_council or self.municipality
        return f"{self.user} — {self.get_kind_display()} ({scope})"


class EqualisedDay(models.Model):
    """A day made equal to an algemeen erkende feestdag by Koninklijk Besluit
    (art. 3 lid 3 Algemene termijnenwet): no Atw term ends on it."""

    date = models.DateField(_("date"), unique=True)
    description = models.CharField(
        _("description"), max_length=200, help_text=_("E.g. 'Friday after Ascension Day'.")
    )
    decree = models.CharField(
        _("decree"),
        max_length=200,
        blank=True,
        help_text=_("The Koninklijk Besluit and where it was published (Staatsblad)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("day equal to a public holiday")
        verbose_name_plural = _("days equal to a public holiday")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.description}"


class SentReminder(models.Model):
    """One reminder sent to one user, kept so that no reminder is ever sent twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="sent_reminders",
    )
    key = models.CharField(
        _("key"), max_length=200, help_text=_("What was reminded of, and for which date.")
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="reminder_sent_once")
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient}"


class Notification(models.Model):
    """One e-mail about a hand-over to one user: recorded when the step is taken, so
    that it goes exactly once and a failed send is retried (governance.notifications)."""

    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(
        _("key"),
        max_length=200,
        help_text=_("The hand-over it reports: kind, record and occasion; one per recipient."),
    )
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.URLField(
        _("link"), max_length=500, help_text=_("Where the record is in the admin.")
    )
    attachment = models.CharField(
        _("attachment"),
        max_length=255,
        blank=True,
        help_text=_("The stored file sent along (a sent letter's PDF), if any."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(
        _("last error"), blank=True, help_text=_("Why the last attempt to send it failed.")
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")
        ]
        indexes = [models.Index(fields=["sent_at"], name="notification_unsent")]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"


class NotificationOptOut(models.Model):
    """A kind of hand-over mail a user chose not to receive (all are on by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_opt_outs",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)

    class Meta:
        verbose_name = _("notification turned off")
        verbose_name_plural = _("notifications turned off")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_opt_out_once")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"


class CalendarToken(models.Model):
    """The secret in the address of a user's private calendar feeds; renewing it
    makes every old address answer 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self):
        return f"{self.user}"


NUMBER_FIELDS = {"seq", "year", "case"}
ZERO_PADDED = re.compile(r"^0[1-9]d?$")  # e.g. {seq:05d} or {seq:05}


def validate_number_format(value: str) -> None:
    """A numbering scheme uses only {seq}, {year} and {case} (with at most zero padding
    such as {seq:05d}); it needs {seq} and, as {seq} starts again every year, {year} or
    {case} too, so that no number comes back."""
    used = set()
    try:
        for _literal, name, spec, conversion in string.Formatter().parse(value):
            if name is None:
                continue
            if name not in NUMBER_FIELDS or conversion or (spec and not ZERO_PADDED.match(spec)):
                raise ValueError(name)
            used.add(name)
    except ValueError:
        raise ValidationError(
            _("Use only {year}, {seq} and {case} in the scheme, e.g. {seq}-{year}.")
        ) from None
    if "seq" not in used:
        raise ValidationError(_("The scheme needs {seq}, the running number."))
    if len(value.format(seq=99999, year=2026, case="9" * 20)) > 40:
        raise ValidationError(_("Numbers made with this scheme would be too long."))


MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 2000 * 2000


def validate_logo(file) -> None:
    """The logo must be an image a PDF can show: PNG or JPEG, and really one."""
    check_image(
        file,
        too_heavy=_("The logo is larger than 2 MB."),
        not_an_image=_("The logo is not an image; upload a PNG or JPEG."),
        wrong_kind=_("Upload the logo as PNG or JPEG."),
        too_large=_("The logo is too large; at most 2000 by 2000 pixels."),
    )


def validate_signature(file) -> None:
    """A signature image: checked as the logo is (PNG or JPEG, no decompression bomb)."""
    check_image(
        file,
        too_heavy=_("The signature image is larger than 2 MB."),
        not_an_image=_("The signature image is not an image; upload a PNG or JPEG."),
        wrong_kind=_("Upload the signature image as PNG or JPEG."),
        too_large=_("The signature image is too large; at most 2000 by 2000 pixels."),
    )


def check_image(file, *, too_heavy, not_an_image, wrong_kind, too_large) -> None:
    """Raise the matching message unless `file` is a real PNG or JPEG of modest size.
    Pillow refuses a decompression bomb before it decodes it; we verify, never load."""
    from PIL import Image, UnidentifiedImageError

    if file.size > MAX_LOGO_BYTES:
        raise ValidationError(too_heavy)
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(not_an_image) from None
    finally:
        file.seek(0)
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(wrong_kind)
    if width * height > MAX_LOGO_PIXELS:
        raise ValidationError(too_large)


def contrast_with_white(hex_color: str) -> float:
    """The WCAG contrast ratio of a colour against white."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


def validate_theme_color(value: str) -> None:
    """A house colour for links, headings and buttons: readable on white (WCAG AA)."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError(_("Enter a colour as #RRGGBB, e.g. #1f4e79."))
    if contrast_with_white(value) < 4.5:
        raise ValidationError(
            _("This colour is too light on white (contrast %(ratio)s:1; at least 4.5:1 needed).")
            % {"ratio": f"{contrast_with_white(value):.1f}"}
        )


class NumberCounting(models.TextChoices):
    """Where the numbers of sent letters come from."""

    yearly = "yearly", _("Raadsvolg counts, from 1 again every year")
    continuous = "continuous", _("Raadsvolg counts on, never from 1 again")
    typed = "typed", _("Typed in when sending, from the municipality's document system")


def scheme_repeats(scheme: str, counting: str) -> bool:
    """Whether numbers made by `scheme` would come back: a yearly count without the
    year (or the case number) in the number."""
    if counting != NumberCounting.yearly:
        return False
    names = {name for _l, name, _s, _c in string.Formatter().parse(scheme) if name}
    return not names & {"year", "case"}


WORDING_HELP = format_lazy(
    "{}{}",
    _("Empty for Raadsvolg's standard text. Placeholders: "),
    " ".join(f"{{{name}}}" for name in PLACEHOLDERS),
)


def wording_field(label, max_length: int) -> models.TextField:
    """A standard paragraph of the letters in the municipality's own words (empty:
    Raadsvolg's), with placeholders checked by `validate_wording`."""
    return models.TextField(
        label,
        max_length=max_length,
        blank=True,
        validators=[validate_wording],
        help_text=WORDING_HELP,
    )


class Letterhead(models.Model):
    """The briefhoofd of a municipality: what every generated letter shows and who signs."""

    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="letterhead",
    )
    name = models.CharField(
        _("name on letters"), max_length=150, help_text=_("E.g. 'Gemeente Dijkhoven'.")
    )
    logo = models.FileField(
        _("logo"),
        upload_to="letterheads/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG or JPEG."),
    )
    visiting_address = models.CharField(_("visiting address"), max_length=255, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=100, help_text=_("Where letters are signed."))
    secretary_name = models.CharField(_("municipal secretary"), max_length=150, blank=True)
    mayor_name = models.CharField(_("mayor"), max_length=150, blank=True)
    secretary_signature = models.FileField(
        _("signature of the secretary"),
        upload_to="letterheads/signatures/",
        blank=True,
        validators=[validate_signature],
        help_text=_(
            "PNG or JPEG, printed above the name on sent letters. Leave empty to sign by hand."
        ),
    )
    mayor_signature = models.FileField(
        _("signature of the mayor"),
        upload_to="letterheads/signatures/",
        blank=True,
        validators=[validate_signature],
        help_text=_(
            "PNG or JPEG, printed above the name on sent letters. Leave empty to sign by hand."
        ),
    )
    case_number_format = models.CharField(
        _("case number scheme"),
        max_length=60,
        default="{seq}-{year}",
        validators=[validate_number_format],
        help_text=_("{seq} is the running number per year, {year} the year."),
    )
    theme_color = models.CharField(
        _("house colour"),
        max_length=7,
        default="#1f4e79",
        validators=[validate_theme_color],
        help_text=_("Colour of links, headings and buttons on the public site (#RRGGBB)."),
    )
    document_number_format = models.CharField(
        _("document number scheme"),
        max_length=60,
        default="{case}:{seq}",
        validators=[validate_number_format],
        help_text=_("{case} is the case number, {seq} the running number per year."),
    )
    case_number_counting = models.CharField(
        _("case numbers"),
        max_length=10,
        choices=NumberCounting.choices,
        default=NumberCounting.yearly,
    )
    case_number_start = models.PositiveIntegerField(
        _("next case number"),
        default=1,
        help_text=_(
            "For a count that goes on: the number to hand out next, e.g. the next free "
            "number of the document system. Raadsvolg never hands out a lower one."
        ),
    )
    document_number_counting = models.CharField(
        _("document numbers"),
        max_length=10,
        choices=NumberCounting.choices,
        default=NumberCounting.yearly,
    )
    document_number_start = models.PositiveIntegerField(
        _("next document number"),
        default=1,
        help_text=_("For a count that goes on: the number to hand out next."),
    )
    # The standard paragraphs in the municipality's own words; empty: Raadsvolg's.
    wording_response_opening = wording_field(_("opening of the response letter"), 2000)
    wording_council_information = wording_field(_("text of the council information letter"), 2000)
    wording_closing = wording_field(_("closing sentence"), 1000)
    wording_case_number_notice = wording_field(_("case number notice"), 500)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        for kind in ("case", "document"):
            scheme = getattr(self, f"{kind}_number_format")
            if scheme_repeats(scheme, getattr(self, f"{kind}_number_counting")):
                errors[f"{kind}_number_format"] = _(
                    "The scheme needs {year} (or {case}) too: {seq} starts again every year."
                )
            if message := self.start_below_handed_out(kind):
                errors[f"{kind}_number_start"] = message
        if errors:
            raise ValidationError(errors)

    def signatories(self) -> list[dict]:
        """Who signs a letter of the college, in the order of the signature block, each
        with their signature as a data: URI when one was uploaded."""
        from .letters import data_uri

        return [
            {
                "role": role,
                "name": name,
                "signature": data_uri(signature) if signature else "",
            }
            for role, name, signature in (
                (_("the secretary,"), self.secretary_name, self.secretary_signature),
                (_("the mayor,"), self.mayor_name, self.mayor_signature),
            )
        ]

    def council_address_lines(self) -> list[str]:
        """The address block of a letter to the raad: the raad of this municipality at
        the municipality's postal address (the raad has no address of its own; the
        griffie receives its post there), a comma starting a new line."""
        lines = [str(_("To the municipal council of %(name)s")) % {"name": self.municipality.name}]
        lines += [part.strip() for part in re.split(r"[,\n]", self.postal_address)]
        return [line for line in lines if line]

    def start_below_handed_out(self, kind: str) -> str:
        """A start number lowered to one Raadsvolg already handed out would not be used
        (numbers never come back): say which number comes next instead of storing it."""
        if getattr(self, f"{kind}_number_counting") != NumberCounting.continuous:
            return ""
        stored = (
            type(self).objects.filter(pk=self.pk).values_list(f"{kind}_number_start", flat=True)
        )
        start = getattr(self, f"{kind}_number_start")
        if not self.pk or stored.first() == start:
            return ""  # unchanged: other fields of the letterhead may still be edited
        last = (
            NumberSequence.objects.filter(municipality_id=self.municipality_id, kind=kind, year=0)
            .values_list("last", flat=True)
            .first()
        ) or 0
        if start <= last:
            return _("Number %(last)s was handed out already; the next one is %(next)s.") % {
                "last": last,
                "next": last + 1,
            }
        return ""

    def missing_for_letters(self) -> list[str]:
        """What a letter signed by the college still needs."""
        missing = []
        if not self.secretary_name.strip():
            missing.append(str(_("the municipal secretary")))
        if not self.mayor_name.strip():
            missing.append(str(_("the mayor")))
        return missing


class NumberSequence(models.Model):
    """The last number handed out per municipality, kind and year; numbers are taken
    in a locked row, so none is ever given twice."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="number_sequences"
    )
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind", "year"], name="one_sequence")
        ]

    def __str__(self):
        return f"{self.municipality} {self.kind} {self.year}: {self.last}"


from .audit_models import AuditEvent  # noqa: E402, F401  (the audit log, governance.audit)
from .pages import ContentPage, HomePage, PublicSiteSettings  # noqa: E402, F401  (Wagtail finds page models in models)
from .search_models import PublicSearchEntry  # noqa: E402, F401  (governance.public_index)
