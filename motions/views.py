"""Admin views of the motievolglijst beyond Wagtail's generic ones: the motie page
(data, allowed steps, timeline) and the form of one lifecycle step."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from governance.letters import LetterError
from governance.viewsets import ScopedInspectView, ScopedObjectMixin

from .deadlines import default_deadline
from .forms import TransitionForm
from .letters import can_send, new_version, send_completion_letter
from .lifecycle import (
    TransitionError,
    allowed_transitions,
    apply_transition,
    check_transition,
    get_transition,
)
from .models import CompletionLetter, Motion
from .publication import can_publish, set_published
from .tasks import render_completion_letter
from .timeline import motion_timeline


class MotionInspectView(ScopedInspectView):
    """The motie page: its data, the steps this user may take, and its timeline."""

    template_name = "motions/admin/inspect.html"

    def get_object(self, queryset=None):
        motion = super().get_object(queryset)
        return Motion.objects.with_list_relations().get(pk=motion.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["motion"] = self.object
        context["transitions"] = [
            (t, reverse("motion:transition", args=[self.object.pk, t.name]))
            for t in allowed_transitions(self.object, self.request.user)
        ]
        context["timeline"] = motion_timeline(self.object)
        context["can_publish"] = can_publish(self.object, self.request.user)
        return context


class MotionTransitionView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """Ask for the reason (and date or deadline) of one step, then take it."""

    model = Motion
    template_name = "motions/admin/transition.html"
    form_class = TransitionForm
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        self.object = self.get_object()
        try:
            self.transition = get_transition(kwargs["name"])
            check_transition(self.object, request.user, self.transition)
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def inspect_url(self):
        return reverse("motion:inspect", args=[self.object.pk])

    def get_page_title(self):
        return str(self.transition.label)

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("motion:index"), "label": _("Motions")},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "transition": self.transition}

    def get_initial(self):
        if self.transition.asks_deadline:
            return {"deadline": self.object.deadline or default_deadline(self.object)}
        return {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            motion=self.object,
            transition=self.transition,
            cancel_url=self.inspect_url,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            apply_transition(
                self.object, self.request.user, self.transition.name, **form.cleaned_data
            )
        except TransitionError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("'%(step)s' recorded for %(motion)s.")
            % {"step": self.transition.label, "motion": self.object.number},
        )
        return redirect(self.inspect_url)


class MotionPublicationView(ScopedObjectMixin, PermissionCheckedMixin, View):
    """Publish (POST publish=1) or withdraw (publish=0) a motie."""

    model = Motion
    http_method_names = ["post"]

    def post(self, request, pk):
        self.object = None
        motion = self.get_object()
        publish = request.POST.get("publish") == "1"
        try:
            set_published(motion, request.user, publish)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            message = (
                _("%(motion)s is published.")
                if publish
                else _("%(motion)s is no longer published.")
            )
            messages.success(request, message % {"motion": motion.number})
        return redirect("motion:inspect", motion.pk)


class LetterActionView(ScopedObjectMixin, PermissionCheckedMixin, View):
    """POST: render the draft, send it, or make a new version of a sent letter.
    GET preview: the letter as HTML; GET pdf: the PDF (stored once sent)."""

    model = CompletionLetter

    def get(self, request, pk, action):
        self.object = None
        letter = self.get_object()
        try:
            if action == "preview":
                html, _pdf = letter.render()
                return HttpResponse(html)
            if action == "pdf":
                return self.pdf_response(letter)
        except LetterError as error:
            messages.error(request, str(error))
            return redirect("completion_letter:inspect", letter.pk)
        raise Http404

    def pdf_response(self, letter):
        if letter.is_sent and letter.pdf:
            data = letter.pdf.open("rb").read()
        else:
            _html, data = letter.render()
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="{letter.file_stem()}-v{letter.version}.pdf"'
        )
        return response

    def post(self, request, pk, action):
        self.object = None
        letter = self.get_object()
        try:
            if action == "render":
                if not self.user_has_permission_for_instance("change", letter):
                    raise LetterError(_("A sent letter is not rendered again."))
                render_completion_letter.enqueue(letter.pk)
                messages.success(request, _("The PDF is being made."))
            elif action == "send":
                send_completion_letter(letter, request.user)
                messages.success(
                    request, _("The letter was sent; the motion is now completion proposed.")
                )
            elif action == "new_version":
                letter = new_version(letter, request.user)
                messages.success(
                    request, _("Version %(version)s was made.") % {"version": letter.version}
                )
            else:
                raise Http404
        except LetterError as error:
            messages.error(request, str(error))
        return redirect("completion_letter:inspect", letter.pk)


class CompletionLetterInspectView(ScopedInspectView):
    template_name = "motions/admin/letter_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.object
        can_change = self.user_has_permission_for_instance("change", letter)
        context.update(
            letter=letter,
            can_change=can_change,
            can_send=not letter.is_sent and can_send(letter, self.request.user),
            versions=type(letter).objects.filter(motion=letter.motion).order_by("-version"),
        )
        return context
