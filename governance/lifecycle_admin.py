"""The admin side of a lifecycle step, shared by moties and toezeggingen: the form that
asks what the step needs, the view that checks the step before it shows the form, and
the view that publishes or withdraws a record."""

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from . import notifications, publication
from .cleaning import VisibleTextMixin
from .constants import NotificationKind
from .lifecycle import Lifecycle, Transition, TransitionError
from .viewsets import ScopedObjectMixin


class TransitionFormBase(VisibleTextMixin, forms.Form):
    """Base of a step's form: subclasses declare the fields (`reason`, `on`,
    `deadline`, `deadline_unknown_reason`); those the step does not ask are dropped."""

    def __init__(self, *args, transition: Transition, **kwargs):
        super().__init__(*args, **kwargs)
        unasked = []
        if not transition.asks_date:
            unasked.append("on")
        if not transition.asks_deadline:
            unasked += ["deadline", "deadline_unknown_reason"]
        for name in unasked:
            self.fields.pop(name, None)


class RecordFormView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView
):
    """A form about one record: the record comes from the user's scope (another
    municipality's record is a 404); when `check()` refuses, the user goes back to the
    record's page with the reason."""

    # The viewset's URL namespace, e.g. "motion": its index and inspect views.
    url_namespace: str
    index_label: str

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        self.object = self.get_object()
        try:
            self.check()
        except TransitionError as error:
            messages.error(request, str(error))
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    def check(self) -> None:
        """Raise TransitionError when the user may not use this form now."""

    @cached_property
    def inspect_url(self):
        return reverse(f"{self.url_namespace}:inspect", args=[self.object.pk])

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{self.url_namespace}:index"), "label": str(self.index_label)},
            {"url": self.inspect_url, "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.inspect_url, **kwargs)


class TransitionViewBase(RecordFormView):
    """Ask what one step needs, then take it (subclasses take it in `form_valid`)."""

    lifecycle: Lifecycle

    def check(self):
        self.transition = self.lifecycle.get_transition(self.kwargs["name"])
        self.lifecycle.check_transition(self.object, self.request.user, self.transition)

    def get_page_title(self):
        return str(self.transition.label)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "transition": self.transition}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            transition=self.transition, informed=self.informed(), **kwargs
        )

    def informed(self) -> str:
        """Who gets an e-mail when the step is taken, said before it is taken."""
        if not self.transition.notifies:
            return ""
        return notifications.informed(
            self.transition.notifies, self.object, actor=self.request.user
        )


class PublicationViewBase(ScopedObjectMixin, PermissionCheckedMixin, View):
    """Publish (POST publish=1) or withdraw (publish=0) a record, then back to its page.
    Subclasses set `model`, `url_namespace`, `set_published` (the app's function, so
    its refusal message is used) and the two success messages, which take the record's
    number under `number_key` (the apps' msgids name it differently)."""

    http_method_names = ["get", "post"]
    url_namespace: str
    published_message: str
    withdrawn_message: str
    number_key = "number"

    def set_published(self, record, user, publish):
        raise NotImplementedError

    @staticmethod
    def chosen(data) -> bool | None:
        """True to publish ("1"), False to withdraw ("0"), None for anything else: an
        unknown value must not withdraw a publication by default."""
        return {"1": True, "0": False}.get(data.get("publish"))

    def refuse_unknown(self, record):
        messages.error(
            self.request, _("Publish or withdraw? The request did not say; nothing was changed.")
        )
        return redirect(f"{self.url_namespace}:inspect", record.pk)

    def get(self, request, pk):
        """Publishing and withdrawing ask first, on a page that says what they do."""
        self.object = None
        record = self.get_object()
        if not publication.can_publish(record, request.user):
            messages.error(request, _("Only the griffie publishes and withdraws publications."))
            return redirect(f"{self.url_namespace}:inspect", record.pk)
        publish = self.chosen(request.GET)
        if publish is None:
            return self.refuse_unknown(record)
        kind = record._meta.verbose_name
        if publish:
            title = _("Publish %(record)s?") % {"record": record}
            consequence = _(
                "The %(kind)s and what may be known of it (its history and sent letters) "
                "appear on the municipality's public site, in its search and its feeds."
            ) % {"kind": kind}
        else:
            title = _("Withdraw the publication of %(record)s?") % {"record": record}
            consequence = _(
                "The %(kind)s disappears from the public site, its search and its feeds; it "
                "stays in Raadsvolg and can be published again."
            ) % {"kind": kind}
        consequences = [consequence]
        if publish:
            consequences.append(
                notifications.informed(NotificationKind.published, record, actor=request.user)
            )
        return TemplateResponse(
            request,
            "governance/admin/confirm.html",
            {
                "page_title": title,
                "header_title": title,
                "header_icon": "globe",
                "consequences": consequences,
                "hidden": [("publish", "1" if publish else "0")],
                "button": _("Publish") if publish else _("Withdraw publication"),
                "action": request.path,
                "cancel_url": reverse(f"{self.url_namespace}:inspect", args=[record.pk]),
            },
        )

    def post(self, request, pk):
        self.object = None
        record = self.get_object()
        publish = self.chosen(request.POST)
        if publish is None:
            return self.refuse_unknown(record)
        try:
            self.set_published(record, request.user, publish)
        except TransitionError as error:
            messages.error(request, str(error))
        else:
            message = self.published_message if publish else self.withdrawn_message
            messages.success(request, message % {self.number_key: record.number})
        return redirect(f"{self.url_namespace}:inspect", record.pk)
