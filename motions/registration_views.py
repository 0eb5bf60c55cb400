"""The besluitenlijst form: all moties of one meeting in one form, one row per motie.
The rules are in motions.registration; this module asks for the rows and shows each
row's errors beside it."""

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from governance.cleaning import VisibleTextMixin
from governance.dates import DateField
from governance.models import Meeting, Person, Portfolio
from governance.roles import scope_for
from governance.validators import validate_record_number

from .constants import MotionStatus, PartyChoice
from .models import TEXT_LIMIT
from .numbering import suggest_numbers
from .registration import MotionRow, RegistrationError, register_meeting_motions

DEFAULT_ROWS, MAX_ROWS = 10, 50
OUTCOMES = [
    (MotionStatus.adopted, gettext_lazy("Adopted")),
    (MotionStatus.rejected, gettext_lazy("Rejected")),
    (MotionStatus.withdrawn, gettext_lazy("Withdrawn")),
    (MotionStatus.held, gettext_lazy("Held over")),
    (MotionStatus.submitted, gettext_lazy("Submitted only (not yet decided)")),
]


class MotionRowForm(VisibleTextMixin, forms.Form):
    """One motie of the besluitenlijst; its choices are the meeting's municipality's."""

    number = forms.CharField(
        label=gettext_lazy("Number"), max_length=30, validators=[validate_record_number]
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    submitters = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Submitters"),
        queryset=Person.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    operative_text = forms.CharField(
        label=gettext_lazy("Operative text"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("The dictum: 'verzoekt het college …'."),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"), choices=OUTCOMES, initial=MotionStatus.adopted
    )
    unanimous = forms.BooleanField(
        label=gettext_lazy("Unanimous (met algemene stemmen)"), required=False
    )
    votes_for = forms.IntegerField(
        label=gettext_lazy("Votes for"), min_value=0, max_value=999, required=False
    )
    votes_against = forms.IntegerField(
        label=gettext_lazy("Votes against"), min_value=0, max_value=999, required=False
    )
    portfolio = forms.ModelChoiceField(
        label=gettext_lazy("Portfolio"),
        queryset=Portfolio.objects.none(),
        required=False,
        help_text=gettext_lazy("Needed for an adopted motion."),
    )
    deadline = DateField(
        label=gettext_lazy("Deadline"),
        required=False,
        help_text=gettext_lazy("Empty: the municipality's default deadline."),
    )

    def __init__(
        self, *args, people, portfolios, choices=None, parties=(), suggested_number="", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["submitters"].queryset = people
        self.fields["portfolio"].queryset = portfolios
        # The rows share their choices, read once (see `shared_choices`), so that drawing
        # fifty rows does not ask the database fifty times.
        for name, field_choices in (choices or {}).items():
            self.fields[name].widget.choices = field_choices
        self.fields["number"].initial = suggested_number
        self.parties = list(parties)
        choices = [("", _("not recorded")), *PartyChoice.choices]
        for party in self.parties:
            self.fields[f"party_{party.pk}"] = forms.ChoiceField(
                label=_("Vote of %(party)s") % {"party": party}, choices=choices, required=False
            )

    def has_changed(self):
        # A row whose number and outcome are only the suggestions is an empty row.
        return any(name not in ("number", "outcome") for name in self.changed_data)

    def row(self) -> MotionRow:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("party_")}
        party_votes = {
            party: self.cleaned_data[f"party_{party.pk}"]
            for party in self.parties
            if self.cleaned_data.get(f"party_{party.pk}")
        }
        return MotionRow(
            **{**data, "submitters": list(data["submitters"]), "party_votes": party_votes}
        )


def shared_choices(people, portfolios) -> dict:
    """The submitter and portfolio choices of every row, evaluated once."""
    return {
        "submitters": list(forms.ModelMultipleChoiceField(queryset=people).choices),
        "portfolio": list(forms.ModelChoiceField(queryset=portfolios).choices),
    }


class BaseMotionRowFormSet(forms.BaseFormSet):
    """The rows: empty ones are skipped, a number may be used once."""

    def __init__(self, *args, rows=DEFAULT_ROWS, suggestions=(), **kwargs):
        self.extra = rows
        self.suggestions = list(suggestions)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.suggestions):
            kwargs["suggested_number"] = self.suggestions[index]
        return kwargs

    def filled_forms(self):
        return [form for form in self.forms if form.has_changed()]

    def clean(self):
        if any(self.errors):
            return
        if not self.filled_forms():
            raise forms.ValidationError(_("Fill in at least one motion."))
        seen = set()
        for form in self.filled_forms():
            number = form.cleaned_data["number"].strip()
            if number in seen:
                form.add_error("number", _("This number is used in another row too."))
            seen.add(number)


MotionRowFormSet = forms.formset_factory(
    MotionRowForm,
    formset=BaseMotionRowFormSet,
    extra=0,
    max_num=MAX_ROWS,
    validate_max=True,
    absolute_max=MAX_ROWS,
)


class RegisterMeetingView(WagtailAdminTemplateMixin, TemplateView):
    """All moties of a meeting in one form; for the griffie of its municipality."""

    template_name = "motions/admin/register_meeting.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        meetings = Meeting.objects.select_related("municipality")
        if not scope.is_superuser:
            meetings = meetings.filter(municipality_id__in=scope.griffie_municipality_ids)
        self.meeting = get_object_or_404(meetings, pk=kwargs["meeting_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Register the besluitenlijst")

    def get_page_subtitle(self):
        return str(self.meeting)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("motion:index"), "label": _("Motions")},
            {"url": "", "label": f"{self.get_page_title()}: {self.meeting}"},
        ]

    @cached_property
    def row_count(self) -> int:
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        key = "form-TOTAL_FORMS" if self.request.method == "POST" else "rows"
        try:
            return max(1, min(int(source.get(key, DEFAULT_ROWS)), MAX_ROWS))
        except ValueError:
            return DEFAULT_ROWS

    def get_formset(self):
        municipality = self.meeting.municipality
        people = Person.objects.filter(municipality=municipality).select_related("party")
        portfolios = Portfolio.objects.filter(municipality=municipality)
        suggestions = suggest_numbers(municipality, self.meeting.date.year, self.row_count)
        data = self.request.POST if self.request.method == "POST" else None
        return MotionRowFormSet(
            data,
            rows=self.row_count,
            suggestions=suggestions,
            form_kwargs={
                "people": people,
                "portfolios": portfolios,
                "choices": shared_choices(people, portfolios),
                "parties": list(municipality.parties.all()),
            },
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("formset", self.get_formset())
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def post(self, request, *args, **kwargs):
        formset = self.get_formset()
        if formset.is_valid():
            forms_ = formset.filled_forms()
            try:
                motions = register_meeting_motions(
                    self.meeting, request.user, [form.row() for form in forms_]
                )
            except RegistrationError as error:
                for index, messages_ in error.errors.items():
                    for message in messages_:
                        forms_[index].add_error(None, message)
            else:
                return self.registered(motions)
        return self.render_to_response(self.get_context_data(formset=formset))

    def registered(self, motions):
        count = len(motions)
        messages.success(
            self.request,
            ngettext(
                "%(count)s motion registered for %(meeting)s.",
                "%(count)s motions registered for %(meeting)s.",
                count,
            )
            % {"count": count, "meeting": self.meeting},
        )
        return redirect(f"{reverse('motion:index')}?meeting={self.meeting.pk}")
