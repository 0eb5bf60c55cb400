"""Forms of the toezeggingen admin: the toezegging, a lifecycle step, its progress."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.cleaning import VisibleTextMixin
from governance.dates import DateField
from governance.forms import ScopedAdminForm
from governance.lifecycle_admin import TransitionFormBase
from governance.models import Municipality

from .models import TEXT_LIMIT, suggest_number


class CommitmentForm(ScopedAdminForm):
    """The toezegging's data, with an optional reason that goes into its history. A new
    one gets the next free number of the year as a suggestion."""

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the commitment's history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        municipality = self.fields.get("municipality")
        number = self.fields.get("number")
        if self.instance.pk or municipality is None or number is None:
            return
        if municipality.initial:
            owner = Municipality.objects.get(pk=municipality.initial)
            number.initial = suggest_number(owner, timezone.localdate().year)

    def save(self, commit=True):
        reason = self.cleaned_data.get("change_reason", "").strip()
        if reason:
            self.instance._change_reason = reason
        return super().save(commit=commit)


class CommitmentStepForm(TransitionFormBase):
    """What a step asks: always a reason; the date of the raad's decision to complete."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this step is taken; it is kept in the commitment's history."),
    )
    on = DateField(
        label=_("Date"),
        required=False,
        help_text=_("The date of the council's decision; empty for today."),
    )


class ProgressForm(VisibleTextMixin, forms.Form):
    """A new stand van zaken."""

    progress = forms.CharField(
        label=_("Progress"),
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Where keeping the promise stands now, in a few sentences."),
    )
    reason = forms.CharField(
        label=_("Note"),
        max_length=500,
        required=False,
        help_text=_("Kept in the commitment's history."),
    )
