"""Letters: the one rendering entry point (Django template → WeasyPrint → tagged PDF/UA-1
in Dutch), case and document numbers that are never reused, and the abstract record
every generated letter shares (versions, immutability once sent, the SHA-256).

Each app defines its own letters on `BaseLetter` (motions: the raadsbrief that proposes
to close a motie; advice: the response letter and the raadsinformatiebrief)."""

import base64
import datetime
import hashlib
import io
import logging
import mimetypes

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import pdf_structure

logger = logging.getLogger(__name__)


class LetterError(Exception):
    """A letter that cannot be made; `str()` is the message for the user."""


def render_pdf(template_name: str, context: dict, attachments=()) -> tuple[str, bytes]:
    """Render `template_name` to HTML and to a tagged PDF/UA-1 document in Dutch, with
    `attachments` ((file name, bytes, description) tuples) embedded.

    Returns (html, pdf) so that tests can read what went in. WeasyPrint is imported
    here: it is heavy, and only letters need it."""
    from weasyprint import HTML, Attachment

    with translation.override("nl"):
        html = render_to_string(template_name, context)
    embedded = [
        Attachment(file_obj=io.BytesIO(data), name=name, description=description)
        for name, data, description in attachments
    ]
    pdf_structure.install()  # one structure element per HTML element across pages
    options = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}
    fetcher = data_only_fetcher()
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).render(
        **options
    )
    metadata = document.metadata
    document.metadata = pdf_structure.metadata_with_language(metadata, metadata.lang or "nl")
    pdf = document.write_pdf(attachments=embedded or None, **options)
    return html, pdf


def data_only_fetcher():
    """WeasyPrint's URL fetcher for letters: `data:` URLs only. A letter holds text that
    users typed; an <img> or stylesheet in it pointing at file://, http(s):// or any
    other scheme must not make the server read its own files or call another host.
    The logo and signatures are embedded as data: URIs (`data_uri`); fonts come from
    fontconfig, not through the fetcher. WeasyPrint logs a refused URL and leaves the
    resource out."""
    from weasyprint.urls import URLFetcher

    class DataOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not url.lower().startswith("data:"):
                logger.warning("Letter rendering refused to fetch %.100s", url)
                raise ValueError(f"Only data: URLs are allowed in a letter: {url[:100]}")
            return super().fetch(url, headers)

    return DataOnlyFetcher(allowed_protocols={"data"}, allow_redirects=False)


def data_uri(file) -> str:
    """An uploaded image as a data: URI, so rendering needs no storage URL."""
    file.open("rb")
    try:
        data = file.read()
    finally:
        file.close()
    mime = mimetypes.guess_type(file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email")


def contact_initial(user) -> dict:
    """A new letter's contact person: the user who drafts it."""
    if user is None:
        return {}
    return {"contact_name": user.get_full_name().strip(), "contact_email": user.email}


def contact_line(letter) -> str:
    """'Behandeld door': the name with telephone and e-mail; empty without a name."""
    name = letter.contact_name.strip()
    if not name:
        return ""
    return ", ".join(
        part for part in (name, letter.contact_phone.strip(), letter.contact_email) if part
    )


def reference_rows(
    letter,
    *,
    subject="",
    your_reference="",
    your_letter_date=None,
    enclosures=0,
    numbers=True,
    dated=True,
    subject_heading=False,
) -> list[tuple[str, str, bool]]:
    """The reference block of a municipal letter as (label, value) rows: Datum, Ons
    kenmerk, Uw kenmerk, Uw brief van, Behandeld door, Bijlage(n), Onderwerp; a row
    whose record is empty is left out. A draft's numbers say they come when sent. With
    `subject_heading` the subject is the letter's heading (its H1), printed only there."""
    pending = "" if letter.is_sent else _("(assigned when sent)")
    day = letter.letter_date or timezone.localdate()
    rows = [
        (_("Date"), date_format(day, "j F Y") if dated else ""),
        (_("Our reference"), (letter.case_number or pending) if numbers else ""),
        (_("Document number"), (letter.document_number or pending) if numbers else ""),
        (_("Your reference"), your_reference.strip()),
        (_("Your letter of"), date_format(your_letter_date, "j F Y") if your_letter_date else ""),
        (_("Handled by"), contact_line(letter)),
        (_("Enclosure(s)"), str(enclosures) if enclosures else ""),
        (_("Subject"), subject),
    ]
    return [
        (str(label), value, subject_heading and label == rows[-1][0])
        for label, value in rows
        if value
    ]


class LetterStatus(models.TextChoices):
    draft = "draft", gettext_lazy("Draft")
    sent = "sent", gettext_lazy("Sent")


def describe_letter(letter) -> str:
    """One line about a letter for a list of search results: its state and numbers."""
    if not letter.is_sent:
        return _("Draft, not sent")
    return _("Sent on %(date)s; case number %(case)s, document number %(document)s") % {
        "date": date_format(letter.letter_date, "j F Y") if letter.letter_date else "—",
        "case": letter.case_number or "—",
        "document": letter.document_number or "—",
    }


class BaseLetter(models.Model):
    """What every generated letter has: its numbers, its PDF with checksum, a status
    (a sent letter is immutable), and the version it corrects."""

    version = models.PositiveSmallIntegerField(gettext_lazy("version"), default=1)
    status = models.CharField(
        gettext_lazy("status"),
        max_length=10,
        choices=LetterStatus.choices,
        default=LetterStatus.draft,
    )
    case_number = models.CharField(gettext_lazy("case number"), max_length=60, blank=True)
    document_number = models.CharField(gettext_lazy("document number"), max_length=80, blank=True)
    letter_date = models.DateField(gettext_lazy("date of the letter"), null=True, blank=True)
    # "Behandeld door": who answers questions about the letter; a new draft gets the
    # name and e-mail of whoever makes it.
    contact_name = models.CharField(
        gettext_lazy("handled by"),
        max_length=150,
        blank=True,
        help_text=gettext_lazy(
            "The contact person named in the letter; empty leaves the line out."
        ),
    )
    contact_phone = models.CharField(
        gettext_lazy("telephone of the contact person"), max_length=50, blank=True
    )
    contact_email = models.EmailField(gettext_lazy("e-mail of the contact person"), blank=True)
    pdf = models.FileField(gettext_lazy("PDF"), upload_to="letters/%Y/", blank=True)
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(gettext_lazy("rendered"), null=True, blank=True)
    sent_at = models.DateTimeField(gettext_lazy("sent"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=gettext_lazy("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
    )

    template_name = ""
    # The field with the record the letter is about, and the fields a new version copies.
    subject_field = ""
    copied_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_allow_sent_change", False):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == LetterStatus.sent:
                raise ValidationError(_("A sent letter cannot be changed; make a new version."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_sent:
            raise ValidationError(_("A sent letter cannot be deleted."))
        return super().delete(*args, **kwargs)

    @property
    def is_sent(self) -> bool:
        return self.status == LetterStatus.sent

    def context(self) -> dict:
        raise NotImplementedError

    def check_renderable(self) -> None:
        """Raise LetterError before rendering when something the letter needs is missing."""

    def render(self) -> tuple[str, bytes]:
        """(html, pdf) of this letter, without storing anything."""
        self.check_renderable()
        return render_pdf(self.template_name, self.context())

    @transaction.atomic
    def regenerate(self, *, final: bool = False) -> None:
        """Render and store the PDF of a draft (or, with `final`, of the letter being
        sent). A sent letter keeps the PDF it was sent with; the row is locked, so a
        render cannot overwrite a send that overtook it."""
        if self.pk and not final:
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if locked.is_sent:
                return
        elif self.is_sent and not final:
            return
        _html, pdf = self.render()
        self.sha256 = sha256(pdf)
        self.rendered_at = timezone.now()
        self.pdf.save(f"{self.file_stem()}-v{self.version}.pdf", ContentFile(pdf), save=False)
        self.save()

    def file_stem(self) -> str:
        return type(self).__name__.lower()

    def versions(self):
        """Every version of this letter, newest first."""
        subject = getattr(self, f"{self.subject_field}_id")
        return (
            type(self)
            .objects.filter(**{f"{self.subject_field}_id": subject})
            .select_related(self.subject_field)
            .order_by("-version")
        )

    def stored_pdf(self) -> bytes:
        """The PDF as it was stored (for a sent letter: as it was sent)."""
        with self.pdf.open("rb") as file:
            return file.read()

    # What sending this kind of letter does besides numbering and freezing it, for the
    # page that asks to confirm it.
    send_effect = ""
    # The hand-over mail that sending makes (governance.notifications), and whether a
    # corrected version makes it again.
    notifies = ""
    notifies_on_correction = False

    def send_consequences(self, user=None) -> list[str]:
        """What sending will do, in the order it happens, for the confirmation page;
        with `user`, the sender, also who gets an e-mail about it."""
        consequences = [
            _(
                "It carries the date given below and gets its case number and document "
                "number, which are never used again."
            ),
            _(
                "Its PDF is made for good and stored with its checksum. After that nobody can "
                "change the letter; a correction is a new version."
            ),
        ]
        if self.send_effect:
            consequences.append(str(self.send_effect))
        if self.notifies and (self.replaces_id is None or self.notifies_on_correction):
            from .notifications import informed

            subject = getattr(self, self.subject_field)
            consequences.append(informed(self.notifies, subject, actor=user))
        return consequences

    def can_send(self, user) -> bool:
        raise NotImplementedError

    def send_refusal(self) -> str:
        """Why this letter cannot be sent now (the state of its motie or advies), or ""."""
        return ""

    def send(self, user, **choices):
        """Number, date and render the letter for good and mark it sent; `choices` are
        `mark_sent`'s (the letter date, typed numbers)."""
        raise NotImplementedError

    def new_version(self, user):
        """A correction of a sent letter: a draft copy with the same case number, which
        replaces this one once it is sent. This one stays as it was."""
        if not self.is_sent:
            raise LetterError(_("Only a sent letter gets a new version; edit the draft instead."))
        if type(self).objects.filter(replaces=self).exists():
            raise LetterError(_("This letter has a newer version already."))
        copy = type(self)(
            replaces=self,
            version=self.version + 1,
            case_number=self.case_number,
            **{self.subject_field: getattr(self, self.subject_field)},
            **{field: getattr(self, field) for field in self.copied_fields + CONTACT_FIELDS},
        )
        copy._history_user = user
        copy.save()
        return copy

    def earliest_date(self) -> tuple[datetime.date | None, str]:
        """The first day this letter may carry, and what happened then (the records it
        reports on): a letter cannot be dated before them."""
        return None, ""

    def check_letter_date(self, day: datetime.date) -> None:
        if day > timezone.localdate():
            raise LetterError(_("The date of the letter cannot be in the future."))
        earliest, event = self.earliest_date()
        if earliest is not None and day < earliest:
            raise LetterError(
                _("The date of the letter cannot be before %(event)s (%(date)s).")
                % {"event": event, "date": date_format(earliest, "j F Y")}
            )

    def mark_sent(self, user, municipality, *, letter_date=None, numbers=None) -> None:
        """The shared part of sending: numbers, date, the final PDF, the status. The
        date is the day of sending unless one is chosen (the date of the collegebesluit,
        say); `numbers` are the ones typed in where the document system gives them."""
        if not self.can_send(user):
            raise LetterError(_("You are not allowed to send this letter."))
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if self.is_sent or locked.is_sent:
            raise LetterError(_("This letter was sent already."))
        self.check_renderable()  # before any number is taken
        self.letter_date = letter_date or timezone.localdate()
        self.check_letter_date(self.letter_date)
        # Taken in the caller's transaction: a refusal after this gives them back.
        assign_numbers(self, municipality, self.letter_date.year, numbers)
        # Rendered as sent (no draft marker) and stored in one save.
        self.status = LetterStatus.sent
        self.sent_at = timezone.now()
        self._history_user = user
        self._change_reason = _("Sent")
        self.regenerate(final=True)
        from .audit import AuditKind, record  # governance.audit imports the models

        record(
            AuditKind.letter_sent,
            user=user,
            obj=self,
            municipality=municipality,
            document_number=self.document_number,
        )


# The year of the sequence of a count that never starts again.
CONTINUOUS = 0


def next_number(municipality, kind: str, year: int, *, at_least: int = 1) -> int:
    """The next running number of `kind` for the municipality in `year` (CONTINUOUS for
    a count that goes on), never below `at_least`; never reused."""
    from .models import NumberSequence

    with transaction.atomic():
        sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
            municipality=municipality, kind=kind, year=year
        )
        sequence.last = max(sequence.last + 1, at_least)
        sequence.save(update_fields=["last"])
        return sequence.last


def assign_numbers(letter, municipality, year: int, typed: dict | None = None) -> None:
    """Give a letter without numbers its case number and document number: counted by
    Raadsvolg (per year or going on) or, where the municipality's document system gives
    them, as typed in (`typed`: {"case": …, "document": …})."""
    from .models import NumberCounting

    letterhead = municipality.letterhead
    for kind, field in (("case", "case_number"), ("document", "document_number")):
        if getattr(letter, field):
            continue  # a new version keeps the case number of the letter it corrects
        counting = getattr(letterhead, f"{kind}_number_counting")
        if counting == NumberCounting.typed:
            number = (typed or {}).get(kind, "").strip()
            if not number:
                raise LetterError(needed_number_message(kind))
            setattr(letter, field, number)
            continue
        continuous = counting == NumberCounting.continuous
        seq = next_number(
            municipality,
            kind,
            CONTINUOUS if continuous else year,
            at_least=getattr(letterhead, f"{kind}_number_start") if continuous else 1,
        )
        scheme = getattr(letterhead, f"{kind}_number_format")
        setattr(letter, field, scheme.format(seq=seq, year=year, case=letter.case_number))
    check_numbers_unused(letter, municipality)


def needed_number_message(kind: str) -> str:
    if kind == "case":
        return _("Fill in the case number from the document system.")
    return _("Fill in the document number from the document system.")


def letter_models() -> list[type]:
    """Every kind of letter Raadsvolg makes."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseLetter) and not model._meta.abstract
    ]


def check_numbers_unused(letter, municipality) -> None:
    """A document number is never used twice in a municipality; a case number only by
    letters about the same motie or advies (the versions of a letter, the response
    and the raadsinformatiebrief of one advies), as one zaak holds them."""
    subject = (letter.subject_field, getattr(letter, f"{letter.subject_field}_id"))
    for model in letter_models():
        others = model.objects.filter(
            **{f"{model.subject_field}__municipality": municipality}
        ).exclude(status=LetterStatus.draft)
        if model is type(letter):
            others = others.exclude(pk=letter.pk)
        if others.filter(document_number=letter.document_number).exists():
            raise LetterError(
                _("Document number %(number)s is used already.")
                % {"number": letter.document_number}
            )
        elsewhere = others.filter(case_number=letter.case_number)
        if model.subject_field == subject[0]:
            elsewhere = elsewhere.exclude(**{f"{subject[0]}_id": subject[1]})
        if elsewhere.exists():
            raise LetterError(
                _("Case number %(number)s is used already for another matter.")
                % {"number": letter.case_number}
            )
