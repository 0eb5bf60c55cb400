"""The view that renders the lijst van moties en toezeggingen for the user's scope."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from governance.audit import AuditedViewMixin, AuditKind
from governance.forms import bound_choices, recent_meetings, settle_single_choice
from governance.models import Meeting, Municipality

from .agenda_list import (
    ListRequest,
    list_portfolios_for,
    listable_municipalities,
    render_agenda_list,
)
from .models import Motion


class AgendaListForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"), queryset=Municipality.objects.none()
    )
    meeting = forms.ModelChoiceField(
        label=gettext_lazy("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Leave empty for every open item; choose a meeting for what it adopted."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = listable_municipalities(user)
        self.fields["municipality"].queryset = municipalities
        settle_single_choice(self.fields["municipality"])
        meetings = Meeting.objects.filter(municipality__in=municipalities).select_related(
            "municipality"
        )
        self.fields["meeting"].queryset = meetings
        # The recent and upcoming meetings, as every meeting choice offers (a list for
        # the agenda is made for those); an older one still comes through a link with
        # its id, which the scope above checks.
        chosen = self.data.get("meeting", "") if self.is_bound else ""
        bound_choices(
            self.fields["meeting"],
            recent_meetings(meetings, timezone.localdate()),
            int(chosen) if chosen.isdigit() and len(chosen) < 16 else None,
        )

    def clean(self):
        cleaned = super().clean()
        municipality, meeting = cleaned.get("municipality"), cleaned.get("meeting")
        if municipality and meeting and meeting.municipality_id != municipality.pk:
            self.add_error("meeting", _("This meeting belongs to another municipality."))
        return cleaned


class AgendaListView(AuditedViewMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Choose the municipality (and a meeting); the PDF comes back as a download."""

    model = Motion
    permission_required = "view"
    template_name = "motions/admin/agenda_list.html"
    form_class = AgendaListForm
    header_icon = "doc-full"

    audit_kind = AuditKind.exported
    exported = None  # the municipality whose list was made, for the audit log

    def audit_facts(self):
        if self.exported is None:
            return None
        return {"municipality": self.exported, "list": "lijst moties en toezeggingen"}

    def get_page_title(self):
        return _("List of motions and commitments")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("motion:index"), "label": _("Motions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.request.GET.get("municipality"):
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound:
            return self.form_valid(form) if form.is_valid() else self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        municipality, meeting = form.cleaned_data["municipality"], form.cleaned_data["meeting"]
        portfolios = list_portfolios_for(self.request.user, municipality)
        _html, pdf = render_agenda_list(ListRequest(municipality, portfolios, meeting))
        self.exported = municipality
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"lijst-moties-en-toezeggingen-{slugify(municipality.name)}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def post(self, request, *args, **kwargs):
        raise PermissionDenied
