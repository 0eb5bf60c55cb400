"""Letters: the one rendering entry point (Django template → WeasyPrint → tagged PDF/UA-1
in Dutch), case and document numbers that are never reused, and the abstract record
every generated letter shares (versions, immutability once sent, the SHA-256).

Each app defines its own letters on `BaseLetter` (motions: the raadsbrief that proposes
to close a motie; advice: the response letter and the raadsinformatiebrief)."""

import base64
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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=True, attachments=embedded or None
    )
    return html, pdf


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


class LetterStatus(models.TextChoices):
    draft = "draft", gettext_lazy("Draft")
    sent = "sent", gettext_lazy("Sent")


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
                "It is dated today and gets a case number and a document number, which are "
                "never used again."
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

    def send(self, user):
        """Number, date and render the letter for good and mark it sent."""
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
            **{field: getattr(self, field) for field in self.copied_fields},
        )
        copy._history_user = user
        copy.save()
        return copy

    def mark_sent(self, user, municipality) -> None:
        """The shared part of sending: numbers, date, the final PDF, the status."""
        if not self.can_send(user):
            raise LetterError(_("You are not allowed to send this letter."))
        locked = type(self).objects.select_for_update().get(pk=self.pk)
        if self.is_sent or locked.is_sent:
            raise LetterError(_("This letter was sent already."))
        self.check_renderable()  # before any number is taken
        today = timezone.localdate()
        self.letter_date = today
        assign_numbers(self, municipality, today.year)
        # Rendered as sent (no draft marker) and stored in one save.
        self.status = LetterStatus.sent
        self.sent_at = timezone.now()
        self._history_user = user
        self._change_reason = _("Sent")
        self.regenerate(final=True)


def next_number(municipality, kind: str, year: int) -> int:
    """The next running number of `kind` for the municipality in `year`; never reused."""
    from .models import NumberSequence

    with transaction.atomic():
        sequence, _created = NumberSequence.objects.select_for_update().get_or_create(
            municipality=municipality, kind=kind, year=year
        )
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return sequence.last


def assign_numbers(letter, municipality, year: int) -> None:
    """Give a letter without numbers a new case number and document number."""
    letterhead = municipality.letterhead
    if not letter.case_number:
        letter.case_number = letterhead.case_number_format.format(
            seq=next_number(municipality, "case", year), year=year, case=""
        )
    if not letter.document_number:
        letter.document_number = letterhead.document_number_format.format(
            seq=next_number(municipality, "document", year), year=year, case=letter.case_number
        )
