"""Admin views of the motievolglijst beyond Wagtail's generic ones: the motie page
(data, allowed steps, timeline) and the form of one lifecycle step."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from governance.lifecycle_admin import PublicationViewBase, TransitionViewBase
from governance.viewsets import ScopedInspectView

from .deadlines import default_deadline
from .forms import TransitionForm, VoteForm
from .lifecycle import (
    LIFECYCLE,
    VOTE_STEPS,
    TransitionError,
    allowed_transitions,
    apply_transition,
)
from .models import Motion
from .publication import can_publish, set_published
from .timeline import motion_timeline
from .votes import OUTCOME_OF_STEP, record_vote


class MotionInspectView(ScopedInspectView):
    """The motie page: its data, the steps this user may take, and its timeline."""

    template_name = "motions/admin/inspect.html"

    def get_object(self, queryset=None):
        motion = super().get_object(queryset)
        return Motion.objects.with_list_relations().with_votes().get(pk=motion.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["motion"] = self.object
        context["transitions"] = [
            (t, reverse("motion:transition", args=[self.object.pk, t.name]))
            for t in allowed_transitions(self.object, self.request.user)
        ]
        context["timeline"] = motion_timeline(self.object)
        context["can_publish"] = can_publish(self.object, self.request.user)
        context["letters"] = completion_letters(self.object)
        return context


def completion_letters(motion) -> list:
    """The motie's raadsbrieven, newest version first, for its page and its steps."""
    return list(motion.completion_letters.order_by("-version"))


class MotionTransitionView(TransitionViewBase):
    """Ask for the reason (and date or deadline) of one step, then take it."""

    model = Motion
    template_name = "motions/admin/transition.html"
    form_class = TransitionForm
    header_icon = "list-ul"
    lifecycle = LIFECYCLE
    url_namespace = "motion"
    index_label = gettext_lazy("Motions")

    def get_initial(self):
        """Prefill what the griffie would type: the vote on the meeting's date, the
        raad's decision today, the deadline the municipality's default."""
        initial = {}
        if self.transition.asks_date:
            votes = self.transition.name in VOTE_STEPS
            initial["on"] = self.object.meeting.date if votes else timezone.localdate()
        if self.transition.asks_deadline:
            initial["deadline"] = self.object.deadline or default_deadline(self.object)
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            motion=self.object,
            letters=completion_letters(self.object),
            vote_form=self.vote_form,
            **kwargs,
        )

    @cached_property
    def vote_form(self):
        """The stemming, for the steps that record one (adopt, reject)."""
        outcome = OUTCOME_OF_STEP.get(self.transition.name)
        if outcome is None:
            return None
        data = self.request.POST if self.request.method == "POST" else None
        parties = self.object.municipality.parties.all()
        return VoteForm(data, prefix="vote", motion=self.object, outcome=outcome, parties=parties)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        vote_ok = self.vote_form is None or self.vote_form.is_valid()
        if form.is_valid() and vote_ok:
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                motion = apply_transition(
                    self.object, self.request.user, self.transition.name, **form.cleaned_data
                )
                if self.vote_form is not None:
                    record_vote(
                        motion,
                        self.request.user,
                        reason=form.cleaned_data["reason"],
                        **self.vote_form.record_kwargs(),
                    )
        except (TransitionError, ValidationError) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            return self.form_invalid(form)
        messages.success(self.request, self.transition.done_message(self.object.number))
        return redirect(self.inspect_url)


class MotionPublicationView(PublicationViewBase):
    """Publish (POST publish=1) or withdraw (publish=0) a motie."""

    model = Motion
    url_namespace = "motion"
    published_message = gettext_lazy("%(motion)s is published.")
    withdrawn_message = gettext_lazy("%(motion)s is no longer published.")
    number_key = "motion"

    def set_published(self, motion, user, publish):
        return set_published(motion, user, publish)
