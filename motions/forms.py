"""Forms of the motie admin: the motie itself and the form of a lifecycle step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.choosers import use_chooser
from governance.dates import DateField
from governance.forms import STAFF, ScopedAdminForm
from governance.letters import LetterStatus, contact_initial
from governance.lifecycle_admin import TransitionFormBase

from .choosers import letter_motion_chooser, motions_for_a_letter
from .constants import CompletionRoute, PartyChoice
from .lifecycle import VOTE_STEPS
from .models import TEXT_LIMIT, CompletionLetter, Vote
from .votes import check_party_votes, check_vote


class MotionForm(ScopedAdminForm):
    """The motie's data, with an optional reason that goes into its history."""

    change_reason = forms.CharField(
        label=_("Reason for this change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the motion's history."),
    )

    def is_valid(self):
        valid = super().is_valid()
        # Only now does the motie know its municipality (set from the cleaned form).
        return self.check_submitters_municipality() and valid

    def check_submitters_municipality(self) -> bool:
        municipality_id = self.instance.municipality_id
        ok = True
        for form in self.formsets["submitters"].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            for field in ("person", "party"):
                record = data.get(field)
                if record is not None and record.municipality_id != municipality_id:
                    form.add_error(field, _("This belongs to another municipality."))
                    ok = False
        return ok

    def save(self, commit=True):
        reason = self.cleaned_data.get("change_reason", "").strip()
        if reason:
            self.instance._change_reason = reason
        return super().save(commit=commit)


class TransitionForm(TransitionFormBase):
    """What a lifecycle step asks: always a reason; a date or deadline for some steps."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this step is taken; it is kept in the motion's history."),
    )
    on = DateField(
        label=_("Date"),
        required=False,
        help_text=_("The date of the vote or of the council's decision."),
    )
    deadline = DateField(label=_("Deadline"), required=False)
    deadline_unknown_reason = forms.CharField(
        label=_("Reason the deadline is unknown"), required=False, max_length=500
    )
    route = forms.ChoiceField(
        label=_("The raad was informed with"),
        choices=[
            (value, label)
            for value, label in CompletionRoute.choices
            if value != CompletionRoute.council_letter
        ],
        help_text=_("A completion letter from Raadsvolg proposes completion when it is sent."),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=255,
        help_text=_("The document number or title, e.g. 'Raadsvoorstel 2026-041'."),
    )

    def __init__(self, *args, transition, **kwargs):
        super().__init__(*args, transition=transition, **kwargs)
        if transition.name in VOTE_STEPS:
            self.fields["on"].label = _("Date of the vote")
            self.fields["on"].help_text = _("Filled in with the date of the meeting.")
        elif transition.name == "complete":
            self.fields["on"].label = _("Date of the council's decision")
            self.fields["on"].help_text = ""
        if transition.asks_route:
            self.fields["on"].label = _("Date of the document")
            self.fields["on"].help_text = _("The date of the proposal or letter to the raad.")
        else:
            del self.fields["route"]
            del self.fields["reference"]


class CompletionLetterForm(ScopedAdminForm):
    """A draft raadsbrief: for a motie in progress that the user works on."""

    scope_mode = STAFF

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            for name, value in contact_initial(self.for_user).items():
                self.initial.setdefault(name, value)
        motion = self.fields.get("motion")
        if motion is not None:
            if self.instance.pk:
                motion.disabled = True
            else:
                motion.queryset = motions_for_a_letter(self.for_user)
                use_chooser(motion, letter_motion_chooser)

    def clean_motion(self):
        motion = self.cleaned_data.get("motion")
        drafts = CompletionLetter.objects.filter(motion=motion, status=LetterStatus.draft)
        if motion is not None and not self.instance.pk and drafts.exists():
            raise forms.ValidationError(_("This motion has a draft letter already; edit that one."))
        return motion


class VoteForm(forms.Form):
    """The stemming at the adopt and reject steps: unanimous or the numbers, and
    optionally how each fractie of the municipality voted."""

    unanimous = forms.BooleanField(label=_("Unanimous (met algemene stemmen)"), required=False)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=999, required=False)
    votes_against = forms.IntegerField(
        label=_("Votes against"), min_value=0, max_value=999, required=False
    )

    def __init__(self, *args, motion, outcome, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.motion, self.outcome, self.parties = motion, outcome, list(parties)
        choices = [("", _("not recorded")), *PartyChoice.choices]
        for party in self.parties:
            self.fields[f"party_{party.pk}"] = forms.ChoiceField(
                label=party.name, choices=choices, required=False
            )

    def party_fields(self):
        return [self[f"party_{party.pk}"] for party in self.parties]

    def count_fields(self):
        return [self[name] for name in ("unanimous", "votes_for", "votes_against")]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        vote = Vote(motion=self.motion, outcome=self.outcome, **self.counts())
        try:
            check_vote(vote)
            check_party_votes(vote, self.party_votes())
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def counts(self) -> dict:
        data = self.cleaned_data
        return {
            "unanimous": data.get("unanimous", False),
            "votes_for": data.get("votes_for"),
            "votes_against": data.get("votes_against"),
        }

    def party_votes(self) -> dict:
        data = self.cleaned_data
        return {p: data[f"party_{p.pk}"] for p in self.parties if data.get(f"party_{p.pk}")}

    def record_kwargs(self) -> dict:
        """The arguments of motions.votes.record_vote."""
        return {"outcome": self.outcome, "party_votes": self.party_votes(), **self.counts()}
