"""Admin viewsets that show each user only what their roles reach.

Wagtail's generic views load objects by primary key from the whole table; these
subclasses load them from the policy's reachable queryset instead, so a record of
another municipality gives 404 by direct URL, and check the instance permission."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import (
    DeleteView,
    EditView,
    IndexView,
    InspectView,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from .concurrency import EditConflict, lock
from .forms import ScopedAdminForm


def short_date(value) -> str:
    """A date as list columns show it (24-11-2026); empty for none."""
    return value.strftime("%d-%m-%Y") if value else ""


def deadline_display(record) -> str:
    """The deadline of a motie or toezegging as the lists show it: the date, or
    "onbekend" when a reason is given instead."""
    if record.deadline:
        return short_date(record.deadline)
    return _("unknown") if record.deadline_unknown_reason else ""


def overdue_display(record) -> str:
    """How many days an open motie or toezegging is past its deadline; empty if not."""
    days = record.days_overdue()
    if not days:
        return ""
    return ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}


def tracked_list_display(url_name, meeting_label, number_classname=None):
    """The columns of the motievolglijst and of the toezeggingen register, which must
    read alike: number (to the inspect page), title, status (highlighted when overdue),
    portfolio, the meeting's date under `meeting_label`, deadline and days overdue."""
    return [
        TitleColumn(
            "number",
            label=gettext_lazy("Number"),
            sort_key="number",
            classname=number_classname,
            get_url=lambda record: reverse(url_name, args=[record.pk]),
        ),
        Column("title", label=gettext_lazy("Title"), sort_key="title"),
        StatusTagColumn(
            "status",
            label=gettext_lazy("Status"),
            sort_key="status",
            accessor=lambda record: record.get_status_display(),
            primary=lambda record: record.is_overdue(),
        ),
        Column("portfolio", label=gettext_lazy("Portfolio"), sort_key="portfolio__name"),
        Column(
            "meeting_date",
            label=meeting_label,
            sort_key="meeting_held_on",
            accessor=lambda record: short_date(record.meeting.date),
        ),
        Column(
            "deadline",
            label=gettext_lazy("Deadline"),
            sort_key="deadline",
            accessor=deadline_display,
        ),
        Column("overdue", label=gettext_lazy("Overdue"), accessor=overdue_display),
    ]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def not_a_formula(value):
    """The value, with a leading apostrophe where a spreadsheet would read a formula."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


class ScopedIndexView(IndexView):
    """A list of what the user may see; each row offers Edit and Delete only where they
    are allowed for that record (the policies decide from fields already fetched)."""

    list_select_related: tuple[str, ...] = ()

    def write_csv_row(self, writer, row_dict):
        """Text typed by anyone (a title, a username at a failed sign-in) must not become
        a formula in the spreadsheet that opens the CSV; Wagtail guards XLSX itself."""
        return super().write_csv_row(writer, {k: not_a_formula(v) for k, v in row_dict.items()})

    def get_edit_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", instance
        ):
            return super().get_delete_url(instance)
        return None

    def get_base_queryset(self):
        queryset = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        return queryset.select_related(*self.list_select_related)

    def search_queryset(self, queryset):
        """The list's search box without a search backend: the same `icontains` on
        each of `search_fields` as Wagtail's, written as one condition on the fields
        as one text (governance.admin_search.Haystack), which the table's trigram index
        serves on PostgreSQL where its fields are these, in this order (docs/scale.md)."""
        from .admin_search import HAYSTACK, Haystack

        fields = self.search_fields or []
        local = fields and all("__" not in name for name in fields)
        if not (self.is_searching and local) or self.search_backend_name:
            return super().search_queryset(queryset)
        haystack = Haystack(*fields)
        return queryset.alias(**{HAYSTACK: haystack}).filter(
            **{f"{HAYSTACK}__icontains": self.search_query}
        )


class ScopedObjectMixin:
    """Load the object from what the user may see; then require `object_permission`."""

    object_permission = "view"

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        visible = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        pk = unquote(str(self.kwargs[getattr(self, "pk_url_kwarg", "pk")]))
        obj = get_object_or_404(visible, pk=pk)
        if not self.user_has_permission_for_instance(self.object_permission, obj):
            raise PermissionDenied
        return obj


class ScopedEditView(ScopedObjectMixin, EditView):
    """Editing that does not save over what someone else saved after the form was
    opened: the record is locked and compared (governance.concurrency) before saving."""

    object_permission = "change"

    def save_instance(self):
        check = getattr(self.form, "check_version", None)
        if check is not None and not check(lock(self.object)):
            raise EditConflict
        return super().save_instance()

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditConflict:
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ScopedDeleteView(ScopedObjectMixin, DeleteView):
    """Deletion that explains, in Dutch, why a record others refer to stays."""

    object_permission = "delete"

    @property
    def confirmation_message(self):
        # Names the record itself: Wagtail's "this %(model_name)s" cannot agree with
        # de- and het-words in Dutch.
        return _("Are you sure you want to delete '%(object)s'?") % {"object": self.object}

    def form_valid(self, form):
        if self.usage and self.usage.is_protected:
            return self.refuse_protected()
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            return self.refuse_protected()

    def refuse_protected(self):
        messages.error(
            self.request,
            _("'%(object)s' cannot be deleted: other records refer to it.")
            % {"object": self.object},
        )
        return redirect(self.index_url_name)


class ScopedInspectView(ScopedObjectMixin, InspectView):
    """The record's page; it offers Edit and Delete only where they would be allowed
    for this record, so no offered button leads to a refusal."""

    object_permission = "view"

    def get_field_display_value(self, field_name, field):
        """Dutch words for what Wagtail would show as "None", "True" or nothing."""
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return _("not filled in")
        if value is True or value is False:
            return _("yes") if value else _("no")
        return value

    def get_edit_url(self):
        if self.user_has_permission_for_instance("change", self.object):
            return super().get_edit_url()
        return None

    def get_delete_url(self):
        if self.user_has_permission_for_instance("delete", self.object):
            return super().get_delete_url()
        return None


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    # Wagtail asks for add/change/delete here; whoever may see a record sees its log.
    any_permission_required = ["add", "change", "delete", "view"]
    object_permission = "view"


class TimelineHistoryView(
    ScopedObjectMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The History tab: the record's own timeline (governance.timeline), the same one
    its page shows, instead of Wagtail's log of saves."""

    template_name = "governance/admin/history.html"
    header_icon = "history"
    any_permission_required = ["add", "change", "delete", "view"]
    object_permission = "view"
    model = None
    timeline_class = None
    index_url_name = None
    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("History")

    def get_page_subtitle(self):
        return str(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.model._meta.verbose_name_plural},
            {
                "url": reverse(self.inspect_url_name, args=[self.object.pk]),
                "label": str(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            timeline=self.timeline_class(viewer=self.request.user).entries(self.object),
            **kwargs,
        )


class ScopedUsageView(ScopedObjectMixin, UsageView):
    object_permission = "view"


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet for records of a municipality, scoped by its permission policy."""

    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields_exclude = ["id"]  # a database number means nothing to users
    form_base_class = ScopedAdminForm
    list_select_related: tuple[str, ...] = ()
    panels: list = []

    # A governance.timeline.Timeline: when set, the History tab shows that timeline.
    timeline_class = None

    @property
    def history_view(self):
        if self.timeline_class is None:
            return super().history_view
        return TimelineHistoryView.as_view(
            model=self.model,
            timeline_class=self.timeline_class,
            index_url_name=self.get_url_name("index"),
            inspect_url_name=self.get_url_name("inspect"),
        )

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=self.form_base_class).bind_to_model(
            self.model
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=self.list_select_related, **kwargs)
