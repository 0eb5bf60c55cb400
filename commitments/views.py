"""Admin views of the toezeggingen beyond Wagtail's generic ones: the toezegging's page
(data, allowed steps, timeline), a lifecycle step, its progress and its publication."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from governance.lifecycle import TransitionError
from governance.lifecycle_admin import PublicationViewBase, RecordFormView, TransitionViewBase
from governance.viewsets import ScopedInspectView

from .forms import CommitmentStepForm, ProgressForm
from .lifecycle import (
    LIFECYCLE,
    PROGRESS_REFUSED,
    apply_transition,
    can_update_progress,
    update_progress,
)
from .models import Commitment
from .publication import can_publish, set_published
from .timeline import commitment_timeline


class CommitmentInspectView(ScopedInspectView):
    """The toezegging's page: its data, the steps this user may take, and its history."""

    template_name = "commitments/admin/inspect.html"

    def get_object(self, queryset=None):
        commitment = super().get_object(queryset)
        return Commitment.objects.with_list_relations().get(pk=commitment.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        commitment, user = self.object, self.request.user
        context.update(
            commitment=commitment,
            transitions=[
                (t, reverse("commitment:transition", args=[commitment.pk, t.name]))
                for t in LIFECYCLE.allowed_transitions(commitment, user)
            ],
            can_update_progress=can_update_progress(commitment, user),
            can_publish=can_publish(commitment, user),
            timeline=commitment_timeline(commitment),
        )
        return context


class CommitmentTransitionView(TransitionViewBase):
    """Ask for the reason (and the date of the raad's decision) of one step, then take it."""

    model = Commitment
    template_name = "commitments/admin/transition.html"
    form_class = CommitmentStepForm
    header_icon = "tick-inverse"
    lifecycle = LIFECYCLE
    url_namespace = "commitment"
    index_label = gettext_lazy("Commitments")

    def get_initial(self):
        """Prefill what the griffie would type: the raad's decision today."""
        return {"on": timezone.localdate()} if self.transition.asks_date else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(commitment=self.object, **kwargs)

    def form_valid(self, form):
        try:
            apply_transition(
                self.object, self.request.user, self.transition.name, **form.cleaned_data
            )
        except TransitionError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, self.transition.done_message(self.object.number))
        return redirect(self.inspect_url)


class CommitmentProgressView(RecordFormView):
    """The stand van zaken, for the griffie and college staff of the portfolio."""

    model = Commitment
    template_name = "commitments/admin/transition.html"
    form_class = ProgressForm
    header_icon = "tick-inverse"
    url_namespace = "commitment"
    index_label = gettext_lazy("Commitments")

    def check(self):
        if not can_update_progress(self.object, self.request.user):
            raise TransitionError(str(PROGRESS_REFUSED))

    def get_page_title(self):
        return _("Update progress")

    def get_initial(self):
        return {"progress": self.object.progress}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            commitment=self.object, submit_label=self.get_page_title(), **kwargs
        )

    def form_valid(self, form):
        try:
            update_progress(self.object, self.request.user, **form.cleaned_data)
        except TransitionError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The progress was saved."))
        return redirect(self.inspect_url)


class CommitmentPublicationView(PublicationViewBase):
    """Publish (POST publish=1) or withdraw (publish=0) a toezegging."""

    model = Commitment
    url_namespace = "commitment"
    published_message = gettext_lazy("%(number)s is published.")
    withdrawn_message = gettext_lazy("%(number)s is no longer published.")

    def set_published(self, commitment, user, publish):
        return set_published(commitment, user, publish)
