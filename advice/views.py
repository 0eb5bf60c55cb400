"""Admin views of an advies beyond Wagtail's generic ones: its page (points with the
response beside each, progress, history), its steps, proposing points, the college's
responses, corrections, and downloading the letter."""

from django.db import transaction
from django.db.models import Case, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic import CreateView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permissions import policy_registry

from governance.audit import AuditedViewMixin, AuditKind
from governance.concurrency import lock
from governance.constants import NotificationKind
from governance.lifecycle_admin import RecordFormView, TransitionViewBase
from governance.notifications import notify
from governance.roles import scope_for
from governance.viewsets import ScopedIndexView, ScopedInspectView, ScopedObjectMixin

from .constants import RESPONDING_STATUSES, AdviceStatus
from .documents import read_text
from .extraction import ExtractionError, extract_points
from .forms import CorrectionForm, PointFormSet, PointResponseForm, ProposeForm, StepForm
from .history import point_histories
from .lifecycle import (
    LIFECYCLE,
    AdviceStepError,
    IncompletePointsError,
    allowed_steps,
    correct_text,
    incomplete_points,
    is_answered,
    is_college,
    is_member,
    take_step,
)
from .models import (
    ADVICE_TEXT_LIMIT,
    Advice,
    AdvicePoint,
    AdviceRequest,
    CouncilInformationLetter,
    PointResponse,
    ResponseLetter,
)
from .permissions import responses_visible, responses_visible_filter, works_on_response
from .responding import (
    GROUP_PARAMETER,
    choose_group,
    group_points,
    group_url,
    linked_incomplete_message,
    point_urls,
)


class AdviceIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # The progress column stays empty where the user may not see the responses yet.
        shown = responses_visible_filter(scope_for(self.request.user))
        flag = Case(When(shown, then=True), default=False) if shown else Value(True)
        return super().get_base_queryset().with_progress().annotate(responses_shown=flag)


class AdviceRequestCreateView(CreateView):
    """Registering an adviesaanvraag hands it to the adviesraad: its members get an
    e-mail (in the same transaction as the save, sent once it commits)."""

    def save_instance(self):
        advice_request = super().save_instance()
        notify(
            NotificationKind.advice_request, advice_request, actor=self.request.user, occasion=""
        )
        return advice_request


class AdviceRequestInspectView(ScopedInspectView):
    """An adviesaanvraag's page: without an own term it says whose term applies."""

    def get_term_length_display_value(self):
        """The own term in one row (its unit, start and Atw are not shown apart)."""
        if self.object.term_length is None:
            return _("None: the advisory council's advice term applies (%(term)s).") % {
                "term": self.object.advisory_council.advice_term.describe()
            }
        return self.object.advice_term.describe()


class AdviceInspectView(AuditedViewMixin, ScopedInspectView):
    template_name = "advice/admin/inspect.html"
    audit_kind = AuditKind.viewed

    def audit_facts(self):
        """Opening an advies before it is published is in the audit log."""
        if self.object.status == AdviceStatus.published:
            return None
        return {"obj": self.object, "status": self.object.get_status_display()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        advice = self.object
        scope = scope_for(self.request.user)
        points = list(advice.points.select_related("response").order_by("sort_order", "number"))
        answered = sum(1 for point in points if is_answered(point))
        show_responses = responses_visible(advice, scope)
        histories = point_histories(points, with_responses=show_responses)
        can_respond = advice.status in RESPONDING_STATUSES and is_college(scope, advice)
        urls = point_urls(advice.pk, group_points(points)) if can_respond else {}
        context.update(
            show_responses=show_responses,
            show_editors=works_on_response(advice, scope),
            advice=advice,
            rows=[
                (
                    point,
                    getattr(point, "response", None),
                    histories[point.pk],
                    is_answered(point),
                    urls.get(point.pk),
                )
                for point in points
            ],
            answered=answered,
            total=len(points),
            steps=[
                (s, reverse("advice:step", args=[advice.pk, s.name]))
                for s in allowed_steps(advice, self.request.user)
            ],
            can_propose=advice.is_draft and is_member(scope, advice),
            can_respond=can_respond,
            can_correct=not advice.is_draft and is_member(scope, advice),
            versions=advice.versions.select_related("created_by"),
            response=getattr(advice, "college_response", None),
            letters=self.letters(advice),
        )
        return context

    def letters(self, advice) -> list[tuple[str, object]]:
        """The letters about this advies that the user may open, with the namespace of
        their admin views: for the adviesraad, the addressee, only the sent ones."""
        letters = []
        for model, namespace in (
            (ResponseLetter, "response_letter"),
            (CouncilInformationLetter, "council_information_letter"),
        ):
            visible = policy_registry.get_by_type(model).instances_user_has_permission_for(
                self.request.user, "view"
            )
            letters += [
                (namespace, letter)
                for letter in visible.filter(advice=advice).select_related("advice")
            ]
        return letters

    def get_object(self, queryset=None):
        advice = super().get_object(queryset)
        related = ("municipality", "advisory_council", "portfolio", "request")
        return Advice.objects.select_related(*related).get(pk=advice.pk)


class AdviceObjectView(RecordFormView):
    """Base of the views below: the advies from the user's scope, a check, a form."""

    model = Advice
    header_icon = "doc-full"
    url_namespace = "advice"
    index_label = gettext_lazy("Advices")

    def check(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return super().get_context_data(advice=self.object, **kwargs)


class AdviceStepView(TransitionViewBase, AdviceObjectView):
    template_name = "advice/admin/step.html"
    form_class = StepForm
    lifecycle = LIFECYCLE

    def get_initial(self):
        return {"on": timezone.localdate()} if self.transition.asks_date else {}

    def get_context_data(self, **kwargs):
        """Before adoption is tried, the page already names the points still open."""
        context = super().get_context_data(**kwargs)
        if self.transition.name != "adopt_response" or context["form"].is_bound:
            return context
        if missing := incomplete_points(self.object):
            context["blocked"] = linked_incomplete_message(self.object, missing)
        return context

    def form_valid(self, form):
        try:
            take_step(self.object, self.request.user, self.transition.name, **form.cleaned_data)
        except IncompletePointsError as error:
            form.add_error(None, linked_incomplete_message(self.object, error.points))
            return self.form_invalid(form)
        except AdviceStepError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        # "Advies ASD-12 is ingediend …"; an advies without kenmerk by its subject.
        advice = self.object
        name = advice.reference or f"‘{advice.subject}’"
        messages.success(self.request, self.transition.done_message(name))
        return redirect(self.inspect_url)


def proposal_initial(point) -> dict:
    """The review form's initial values for a proposed point, its explanation included."""
    data = point.as_dict()
    return {
        "keep": True,
        "theme": data["theme"],
        "section": data.get("section", ""),
        "text": data["text"],
        "explanation": data.get("explanation", ""),
    }


class ProposePointsView(AdviceObjectView):
    """Upload or paste the advice; review, merge, split and edit the proposed points;
    then save them. Nothing of the draft changes until the reviewed points are saved."""

    template_name = "advice/admin/propose.html"
    form_class = ProposeForm

    def check(self):
        if not (self.object.is_draft and is_member(scope_for(self.request.user), self.object)):
            raise AdviceStepError(_("Only the adviesraad proposes the points of its draft."))

    def get_page_title(self):
        return _("Propose points")

    def post(self, request, *args, **kwargs):
        if "save_points" in request.POST:
            return self.save_points(PointFormSet(request.POST, prefix="points"))
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        """The advies as it was saved: its text, or the text of its letter."""
        return {"text": self.saved_text()}

    def saved_text(self) -> str:
        if self.object.text.strip():
            return self.object.text
        if self.object.letter:
            try:
                self.object.letter.open("rb")
                try:
                    return read_text(self.object.letter.name, self.object.letter.read())
                finally:
                    self.object.letter.close()
            except (ExtractionError, OSError):
                return ""  # the form asks for the text, as before
        return ""

    def form_valid(self, form):
        try:
            points = extract_points(form.cleaned_data["text"])
        except ExtractionError as error:
            # A scan, a short or a garbled text: the user sees why, and keeps the text.
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if not points:
            form.add_error(None, _("No advice points were found in this text. Add them by hand."))
            return self.form_invalid(form)
        request_text = form.cleaned_data["text"]
        formset = PointFormSet(prefix="points", initial=[proposal_initial(p) for p in points])
        return self.render_to_response(
            self.get_context_data(formset=formset, source_text=request_text)
        )

    def save_points(self, formset):
        source = self.request.POST.get("source_text", "").strip()
        if not formset.is_valid() or len(source) > ADVICE_TEXT_LIMIT:
            if len(source) > ADVICE_TEXT_LIMIT:
                formset._non_form_errors = formset.error_class(
                    [_("The text of the advice is too long.")]
                )
            context = self.get_context_data(formset=formset, source_text=source)
            return self.render_to_response(context)
        kept = formset.points
        with transaction.atomic():
            advice = Advice.objects.select_for_update().get(pk=self.object.pk)
            if not advice.is_draft:
                messages.error(
                    self.request, _("The advice was submitted meanwhile; nothing saved.")
                )
                return redirect(self.inspect_url)
            for point in advice.points.all():
                point._history_user = self.request.user
                point.delete()
            for order, data in enumerate(kept):
                point = AdvicePoint(
                    advice=advice,
                    number=data["number"],
                    theme=data["theme"],
                    section=data.get("section", ""),
                    text=data["text"],
                    explanation=data["explanation"],
                    sort_order=order,
                )
                point._history_user = self.request.user
                point.save()
            if source and not advice.text.strip():
                advice.text = source
                advice._history_user = self.request.user
                advice._change_reason = _("Text taken from the proposed points")
                advice.save(update_fields=["text"])
        messages.success(self.request, _("%(count)s points saved.") % {"count": len(kept)})
        return redirect(self.inspect_url)


class RespondView(AdviceObjectView):
    """The college's response per point, one group of points (a theme) at a time:
    saving a group saves only its points, and takes the start_response step."""

    template_name = "advice/admin/respond.html"

    def check(self):
        if not is_college(scope_for(self.request.user), self.object):
            raise AdviceStepError(_("Only college staff of its portfolio respond to this advice."))
        if self.object.status not in RESPONDING_STATUSES:
            raise AdviceStepError(_("The response can no longer be changed."))

    def get_page_title(self):
        return _("Respond per point")

    @cached_property
    def points(self):
        return list(self.object.points.select_related("response").order_by("sort_order", "number"))

    @cached_property
    def groups(self):
        return group_points(self.points)

    @cached_property
    def chosen(self):
        """The group asked for, and whether it exists."""
        return choose_group(self.groups, self.request.GET.get(GROUP_PARAMETER))

    @property
    def group(self):
        return self.chosen[0]

    def neighbour(self, step: int):
        number = self.group.number + step if self.group else 0
        return self.groups[number - 1] if 1 <= number <= len(self.groups) else None

    def get(self, request, *args, **kwargs):
        if not self.chosen[1]:
            messages.warning(request, _("That group does not exist; this is the first group."))
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        points = self.group.points if self.group else []
        return [
            PointResponseForm(
                data,
                prefix=f"point-{point.pk}",
                instance=getattr(point, "response", None) or PointResponse(point=point),
            )
            for point in points
        ]

    def get_context_data(self, **kwargs):
        forms = kwargs.pop("form", None) or self.get_form()
        rows = list(zip(self.group.points if self.group else [], forms, strict=True))
        answered = sum(group.answered for group in self.groups)
        return super().get_context_data(
            form=forms,
            rows=rows,
            groups=[(group, group_url(self.object.pk, group)) for group in self.groups],
            group=self.group,
            previous_group=self.neighbour(-1),
            next_group=self.neighbour(1),
            group_url=group_url(self.object.pk, self.group) if self.group else "",
            answered=answered,
            total=len(self.points),
            errors=[link for point, form in rows for link in form.error_links(point)],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.group is None:
            return redirect(self.inspect_url)  # an advies without points: nothing to save
        forms = self.get_form()
        if not self.chosen[1] or any(f"{f.prefix}-position" not in request.POST for f in forms):
            # A form of another group, or a broken one: saving it would empty this group.
            messages.error(request, _("The form did not match this group; nothing was saved."))
            return redirect(group_url(self.object.pk, self.group))
        if not all(form.is_valid() for form in forms):
            return self.render_to_response(self.get_context_data(form=forms))
        with transaction.atomic():
            if not self.settle_versions(forms):
                return self.render_to_response(self.get_context_data(form=forms))
            for form in forms:
                if form.has_changed():
                    form.instance._history_user = request.user
                    form.save()
            if self.object.status == "submitted":
                take_step(self.object, request.user, "start_response")
        messages.success(
            request, _("The responses to ‘%(group)s’ were saved.") % {"group": self.group}
        )
        return redirect(self.after_saving_url())

    def settle_versions(self, forms) -> bool:
        """With the advies locked (so two saves of its responses take turns): whether no
        response changed since the form was opened. A response someone else created in
        the meantime is updated, not created twice."""
        self.object.status = lock(self.object).status  # as it stands now, for the step
        stored = {
            response.point_id: response
            for response in PointResponse.objects.filter(
                point__in=[form.instance.point_id for form in forms]
            )
        }
        agreed = True
        for form in forms:
            current = stored.get(form.instance.point_id) or PointResponse(
                point_id=form.instance.point_id
            )
            if not form.check_version(current):
                agreed = False
            elif form.instance.pk is None and current.pk is not None:
                form.instance.pk, form.instance._state.adding = current.pk, False
        return agreed

    def after_saving_url(self) -> str:
        if "next" not in self.request.POST:
            return group_url(self.object.pk, self.group)
        following = self.neighbour(1)
        return group_url(self.object.pk, following) if following else self.inspect_url


class CorrectView(AdviceObjectView):
    template_name = "advice/admin/correct.html"
    form_class = CorrectionForm

    def check(self):
        scope = scope_for(self.request.user)
        if self.object.is_draft or not is_member(scope, self.object):
            raise AdviceStepError(_("Only the adviesraad corrects its submitted advice."))

    def get_page_title(self):
        return _("Correct the advice")

    def get_initial(self):
        return {"text": self.object.text}

    def form_valid(self, form):
        try:
            version = correct_text(self.object, self.request.user, **form.cleaned_data)
        except AdviceStepError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Version %(number)s saved.") % {"number": version.number})
        return redirect(self.inspect_url)


class LetterDownloadView(AuditedViewMixin, ScopedObjectMixin, PermissionCheckedMixin, View):
    """The uploaded letter, for those who may see the advies; never a public URL."""

    model = Advice

    def audit_facts(self):
        return {"obj": self.object, "file": self.object.letter.name.rsplit("/", 1)[-1]}

    def get(self, request, *args, **kwargs):
        self.object = None
        advice = self.object = self.get_object()
        if not advice.letter:
            raise Http404
        return FileResponse(
            advice.letter.open("rb"),
            as_attachment=True,
            filename=advice.letter.name.rsplit("/", 1)[-1],
        )


class RequestDocumentView(AuditedViewMixin, ScopedObjectMixin, PermissionCheckedMixin, View):
    """A policy document of an adviesaanvraag, for those who may see the request."""

    model = AdviceRequest

    def audit_facts(self):
        return {"obj": self.object, "file": self.document.file.name.rsplit("/", 1)[-1]}

    def get(self, request, pk, document_id):
        self.object = None
        advice_request = self.object = self.get_object()
        document = self.document = get_object_or_404(advice_request.documents.all(), pk=document_id)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.file.name.rsplit("/", 1)[-1],
        )
