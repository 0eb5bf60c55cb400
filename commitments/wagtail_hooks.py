"""The toezeggingen register in the Wagtail admin, beside the motievolglijst."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from governance.panels import RoleFieldPanel
from governance.viewsets import ScopedModelViewSet, tracked_list_display

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
    ordering = ["-meeting_held_on", "number"]
    list_per_page = 50
    list_display = tracked_list_display("commitment:inspect", _("Meeting"))
    panels = [
        FieldRowPanel([RoleFieldPanel("municipality"), FieldPanel("number")]),
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
