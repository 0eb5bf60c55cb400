"""Admin forms of the advice app."""

from django import forms
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from governance.choosers import use_chooser
from governance.cleaning import VisibleTextMixin
from governance.concurrency import VersionedFormMixin
from governance.dates import DateField
from governance.forms import ADVISORY, STAFF, ScopedAdminForm, bound_choices
from governance.letters import contact_initial
from governance.lifecycle_admin import TransitionFormBase
from governance.roles import scope_for
from governance.uploads import check_size

from .choosers import LETTER_ADVICE_CHOOSERS, advice_for_a_letter
from .constants import RequestStatus
from .documents import max_upload_bytes, read_text
from .extraction import ExtractionError
from .models import ADVICE_TEXT_LIMIT, TEXT_LIMIT, PointResponse


class AdviceRequestForm(ScopedAdminForm):
    """An adviesaanvraag, registered by the griffie or by college staff."""

    scope_mode = STAFF

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and not self.instance.pk:
            # A new request is open: advised and withdrawn come later, not at the start.
            status.initial = self.initial["status"] = RequestStatus.open
            status.disabled = True
            status.widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        scope = scope_for(self.for_user)
        if (
            municipality is not None
            and not cleaned.get("portfolio")
            and not scope.is_griffie_of(municipality.pk)
        ):
            # College staff see requests through their portfolio: without one, the
            # request would vanish from their view the moment it is saved.
            self.add_error("portfolio", _("Choose the portfolio this request belongs to."))
        return cleaned


class AdviceForm(ScopedAdminForm):
    """An advies with its points, written by the adviesraad while it is a draft."""

    scope_mode = ADVISORY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.fields.get("request")
        if request is not None and not request.disabled:
            # An advies answers a request that is still open; the ones answered long
            # ago (thousands over the years) are not offered, except the stored one.
            open_requests = request.queryset.filter(status=RequestStatus.open)
            bound_choices(request, open_requests, self.instance.request_id)

    def clean(self):
        cleaned = super().clean()
        # Gevraagd follows from the adviesaanvraag it answers; nobody ticks it.
        self.instance.solicited = cleaned.get("request") is not None
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        return self.check_point_numbers() and valid

    def check_point_numbers(self) -> bool:
        """The numbers of the points that stay must differ from each other."""
        seen = {}
        ok = True
        for form in self.formsets["points"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            number = data.get("number")
            if data.get("DELETE") or number is None:
                continue
            if number in seen:
                form.add_error("number", _("Two points have the same number."))
                ok = False
            seen[number] = form
        return ok

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if letter and hasattr(letter, "read") and not isinstance(letter, FieldFile):
            try:
                read_text(letter.name, _read(letter))  # reads it whole: damaged files fail
            except ExtractionError as error:
                raise forms.ValidationError(str(error)) from error
        return letter


def _read(upload) -> bytes:
    """The bytes of an upload, once its size (known without reading) is under the limit."""
    check_size(upload)
    upload.seek(0)
    data = upload.read(max_upload_bytes() + 1)
    upload.seek(0)
    return data


class ProposeForm(forms.Form):
    """The advice as a file or as pasted text, to propose its points from."""

    file = forms.FileField(
        label=_("Letter"),
        required=False,
        help_text=_("A PDF with a text layer, a Word document (.docx) or a text file."),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        max_length=ADVICE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self):
        cleaned = super().clean()
        # The text field starts with the advies's saved text; a letter uploaded now wins.
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if not upload and not text:
            raise forms.ValidationError(_("Upload the letter or paste its text."))
        try:
            cleaned["text"] = read_text(upload.name, _read(upload)) if upload else text
        except ExtractionError as error:
            raise forms.ValidationError(str(error)) from error
        return cleaned


class PointForm(VisibleTextMixin, forms.Form):
    """One proposed point, as the user reviews it."""

    keep = forms.BooleanField(label=_("Keep"), required=False, initial=True)
    merge_up = forms.BooleanField(
        label=_("Merge with the point above"),
        required=False,
        help_text=_("Its text and explanation are added to the kept point above it."),
    )
    theme = forms.CharField(label=_("Theme"), max_length=255, required=False)
    # The advies's section above the theme, as the extraction found it; kept as is.
    section = forms.CharField(max_length=255, required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    split_off = forms.CharField(
        label=_("Split off into a new point after this one"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Move part of the text here: it becomes a point of its own, right after this "
            "one, under the same theme."
        ),
    )
    explanation = forms.CharField(
        label=_("Explanation"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The adviesraad's toelichting under the point; optional."),
    )


def merge_points(rows: list[dict]) -> list[dict]:
    """The kept points in the order of the form, each point marked 'merge with the point
    above' joined to the kept point before it (texts one after the other, explanations
    as paragraphs of one explanation), each split-off text a point of its own right
    after the point it was split from, all numbered in the order on screen."""
    merged: list[dict] = []
    for data in rows:
        if not data.get("keep"):
            continue
        if data.get("merge_up") and merged:
            above = merged[-1]
            above["text"] = " ".join(t for t in (above["text"], data["text"]) if t)
            explanations = (above.get("explanation", ""), data.get("explanation", ""))
            above["explanation"] = "\n\n".join(e for e in explanations if e)
        else:
            merged.append(dict(data))
        if split := (data.get("split_off") or "").strip():
            merged.append(
                {
                    "theme": data.get("theme", ""),
                    "section": data.get("section", ""),
                    "text": split,
                    "explanation": "",
                }
            )
    for number, data in enumerate(merged, start=1):
        data["number"] = number
    return merged


class BasePointFormSet(forms.BaseFormSet):
    def clean(self):
        self.points = []
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data]
        kept = [data for data in rows if data.get("keep")]
        if not kept:
            raise forms.ValidationError(_("Keep at least one point."))
        if kept[0].get("merge_up"):
            raise forms.ValidationError(_("The first kept point has no point above to merge with."))
        points = merge_points(rows)
        for data in points:
            if max(len(data["text"]), len(data["explanation"])) > TEXT_LIMIT:
                raise forms.ValidationError(
                    _("Point %(number)s is too long after merging.") % {"number": data["number"]}
                )
        self.points = points


PointFormSet = forms.formset_factory(
    PointForm, formset=BasePointFormSet, extra=1, max_num=500, validate_max=True
)


class PointResponseForm(VisibleTextMixin, VersionedFormMixin, forms.ModelForm):
    """The college's response to one point; it carries the version it was opened on."""

    class Meta:
        model = PointResponse
        fields = ["position", "text", "reasons"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "reasons": forms.Textarea(attrs={"rows": 2}),
        }

    def full_clean(self):
        super().full_clean()
        self.describe_errors()

    def describe_errors(self):
        """Tie each field in error to its message and help text for screen readers: the
        template gives the message's container the id `<field id>-error`, Wagtail gives
        the help text `<field id>-helptext` (Django's own ids differ from both)."""
        for name in self.errors:
            if name in self.fields:
                field = self[name]
                ids = [f"{field.auto_id}-error"]
                if field.help_text:
                    ids.append(f"{field.auto_id}-helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def error_links(self, point) -> list[tuple[str, str]]:
        """(anchor, text) for each error of this form, for the summary above the form."""
        links = []
        for name, errors in self.errors.items():
            anchor = f"#{self[name].auto_id}" if name in self.fields else f"#point-{point.pk}"
            label = self.fields[name].label if name in self.fields else ""
            for error in errors:
                text = (
                    _("Point %(number)s, %(field)s: %(error)s")
                    if label
                    else _("Point %(number)s: %(error)s")
                )
                links.append(
                    (anchor, text % {"number": point.number, "field": label, "error": error})
                )
        return links


class CorrectionForm(VisibleTextMixin, forms.Form):
    text = forms.CharField(
        label=_("Corrected text"),
        max_length=ADVICE_TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StepForm(TransitionFormBase):
    """What a step of an advies asks: an optional note, and a date for some steps."""

    reason = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the advice's history."),
    )
    on = DateField(
        label=_("Date"),
        required=False,
        help_text=_("The date on which it happened; empty for today."),
    )


class AdviceLetterForm(ScopedAdminForm):
    """A draft letter about an advies that the college has answered (or is answering)."""

    scope_mode = STAFF

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            for name, value in contact_initial(self.for_user).items():
                self.initial.setdefault(name, value)
        advice = self.fields.get("advice")
        if advice is not None:
            if self.instance.pk:
                advice.disabled = True
            else:
                advice.queryset = self.advice_choices()
                use_chooser(advice, LETTER_ADVICE_CHOOSERS[self._meta.model])

    def advice_choices(self):
        """The adviezen that can get this kind of letter now (advice.choosers)."""
        return advice_for_a_letter(self._meta.model, self.for_user)
