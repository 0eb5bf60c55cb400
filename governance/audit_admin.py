"""The admin of the audit log: a list with filters and an export (XLSX, CSV) for the
functional administrator only. Nobody gets a view that adds, changes or deletes an event.

The functional administrator is the superuser and keeps the whole installation (no
municipality of their own), so they see the events of every municipality."""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .audit import AuditedViewMixin
from .audit_models import AuditEvent, AuditKind
from .dates import DateField
from .models import Municipality
from .viewsets import ScopedIndexView

TIME_FORMAT = "%d-%m-%Y %H:%M:%S"


class AuditLogPolicy(BasePermissionPolicy):
    """Only the functional administrator reads the log, and only reads it."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and self.user_has_permission(user, "view"):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class DutchDateFilter(django_filters.DateFilter):
    """A date typed the Dutch way (governance.dates), bounding a moment in local time."""

    field_class = DateField


def start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditEventFilterSet(WagtailFilterSet):
    date_from = DutchDateFilter(label=_("From"), method="filter_from")
    date_to = DutchDateFilter(label=_("Up to and including"), method="filter_to")
    kind = django_filters.ChoiceFilter(label=_("Event"), choices=AuditKind.choices)
    user = django_filters.ModelChoiceFilter(
        label=_("User"),
        queryset=lambda request: get_user_model().objects.order_by("username"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )

    class Meta:
        model = AuditEvent
        fields = ["date_from", "date_to", "kind", "user", "municipality"]

    def filter_from(self, queryset, name, value):
        return queryset.filter(at__gte=start_of(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(at__lt=start_of(value + datetime.timedelta(days=1)))


def moment(event) -> str:
    return timezone.localtime(event.at).strftime(TIME_FORMAT)


# The keys record() is given, as the functional administrator reads them.
DETAIL_LABELS = {
    "account": _("account"),
    "action": _("action"),
    "address": _("address"),
    "advisory_council": _("advisory council"),
    "changes": _("changes"),
    "document_number": _("document number"),
    "file": _("file"),
    "filters": _("filters"),
    "format": _("format"),
    "list": _("list"),
    "portfolios_added": _("portfolios added"),
    "portfolios_removed": _("portfolios removed"),
    "role": _("role"),
    "status": _("status"),
}


def detail_value(value) -> str:
    if isinstance(value, dict):  # changes: {field: [before, after]}
        return ", ".join(
            f"{DETAIL_LABELS.get(key, key)} {' → '.join(map(str, pair))}"
            if isinstance(pair, list)
            else f"{DETAIL_LABELS.get(key, key)} {pair}"
            for key, pair in value.items()
        )
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def details(event) -> str:
    """The JSON details as "label: value" pairs, one line."""
    return "; ".join(
        f"{DETAIL_LABELS.get(key, key)}: {detail_value(value)}"
        for key, value in event.detail.items()
        if value not in ("", None, [], {})
    )


# Column key → (heading, value of one event): the list and the export show the same.
COLUMNS = {
    "at": (_("When"), moment),
    "kind": (_("Event"), lambda e: e.get_kind_display()),
    "username": (_("User"), lambda e: e.username),
    "email": (_("E-mail address"), lambda e: e.email),
    "ip_address": (_("IP address"), lambda e: e.ip_address or ""),
    "user_agent": (_("Browser"), lambda e: e.user_agent),
    "municipality": (_("Municipality"), lambda e: e.municipality.name if e.municipality else ""),
    "record_kind": (
        _("Kind of record"),
        lambda e: (
            str(e.content_type.model_class()._meta.verbose_name)
            if e.content_type and e.content_type.model_class()
            else ""
        ),
    ),
    "object_id": (_("Record id"), lambda e: e.object_id),
    "object_repr": (_("Record"), lambda e: e.object_repr),
    "detail": (_("Details"), details),
}
LIST_COLUMNS = ("at", "kind", "username", "ip_address", "municipality", "object_repr", "detail")


class AuditEventIndexView(AuditedViewMixin, ScopedIndexView):
    """The log, newest first; exporting it is itself an event in the log."""

    audit_kind = AuditKind.exported
    paginate_by = 50
    default_ordering = "-at"
    list_select_related = ("user", "municipality", "content_type")

    def audit_facts(self):
        if not self.is_export:
            return None
        filters = {k: v for k, v in self.request.GET.lists() if k != "export"}
        return {"list": "auditlog", "format": self.request.GET["export"], "filters": filters}

    def to_row_dict(self, item):
        return {key: COLUMNS[key][1](item) for key in self.list_export}


class AuditEventViewSet(ModelViewSet):
    """List and export only: there is no add, edit, delete, copy or history view."""

    model = AuditEvent
    icon = "list-ul"
    menu_label = _("Audit log")
    menu_order = 950
    add_to_admin_menu = True
    index_view_class = AuditEventIndexView
    filterset_class = AuditEventFilterSet
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column(key, label=COLUMNS[key][0], accessor=COLUMNS[key][1]) for key in LIST_COLUMNS
    ]
    list_export = list(COLUMNS)
    export_headings = {key: heading for key, (heading, _value) in COLUMNS.items()}
    export_filename = "auditlog"
    form_fields = []  # no form is ever shown

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


register_permission_policy(AuditEvent, AuditLogPolicy(AuditEvent))


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditEventViewSet("audit_log")
