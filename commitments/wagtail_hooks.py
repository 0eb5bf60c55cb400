"""The toezeggingen register in the Wagtail admin, beside the motievolglijst."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn

from governance.viewsets import ScopedModelViewSet, short_date

from .filters import CommitmentFilterSet
from .forms import CommitmentForm
from .models import Commitment
from .timeline import CommitmentTimeline
from .views import (
    CommitmentInspectView,
    CommitmentProgressView,
    CommitmentPublicationView,
    CommitmentTransitionView,
)


def deadline_display(commitment):
    if commitment.deadline:
        return short_date(commitment.deadline)
    return _("unknown") if commitment.deadline_unknown_reason else ""


def overdue_display(commitment):
    days = commitment.days_overdue()
    if not days:
        return ""
    return ngettext("%(days)s day overdue", "%(days)s days overdue", days) % {"days": days}


class CommitmentViewSet(ScopedModelViewSet):
    model = Commitment
    icon = "tick-inverse"
    menu_label = _("Commitments")
    menu_order = 105
    add_to_admin_menu = True
    form_base_class = CommitmentForm
    inspect_view_class = CommitmentInspectView
    timeline_class = CommitmentTimeline
    list_select_related = ("municipality", "meeting", "portfolio")
    filterset_class = CommitmentFilterSet
    search_fields = ["number", "title", "text", "progress"]
    search_backend_name = None
    ordering = ["-meeting__date", "number"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "number",
            label=_("Number"),
            sort_key="number",
            get_url=lambda commitment: reverse("commitment:inspect", args=[commitment.pk]),
        ),
        Column("title", label=_("Title"), sort_key="title"),
        StatusTagColumn(
            "status",
            label=_("Status"),
            sort_key="status",
            accessor=lambda commitment: commitment.get_status_display(),
            primary=lambda commitment: commitment.is_overdue(),
        ),
        Column("portfolio", label=_("Portfolio"), sort_key="portfolio__name"),
        Column(
            "meeting_date",
            label=_("Meeting"),
            sort_key="meeting__date",
            accessor=lambda commitment: short_date(commitment.meeting.date),
        ),
        Column("deadline", label=_("Deadline"), sort_key="deadline", accessor=deadline_display),
        Column("overdue", label=_("Overdue"), accessor=overdue_display),
    ]
    panels = [
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldPanel("meeting"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("portfolio"), FieldPanel("holder")]),
        MultiFieldPanel(
            [
                FieldPanel("deadline"),
                FieldPanel("deadline_unknown_reason"),
                FieldPanel("progress"),
            ],
            heading=_("Carrying out"),
        ),
        FieldPanel("change_reason"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/step/<str:name>/", CommitmentTransitionView.as_view(), name="transition"
            ),
            path("<int:pk>/progress/", CommitmentProgressView.as_view(), name="progress"),
            path("<int:pk>/publication/", CommitmentPublicationView.as_view(), name="publication"),
        ]


@hooks.register("register_admin_viewset")
def register_commitment_viewset():
    return CommitmentViewSet("commitment")
