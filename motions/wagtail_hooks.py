"""The motievolglijst in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn

from governance.letter_views import LetterViewSet
from governance.panels import RoleFieldPanel
from governance.viewsets import ScopedModelViewSet, tracked_list_display

from .agenda_list_views import AgendaListView
from .choosers import letter_motion_chooser
from .export import EXPORT_HEADINGS, LIST_EXPORT, MotionIndexView
from .filters import MotionFilterSet
from .forms import CompletionLetterForm, MotionForm
from .import_views import MotionImportPreviewView, MotionImportTemplateView, MotionImportView
from .models import CompletionLetter, Motion
from .registration_views import RegisterMeetingView
from .timeline import MotionTimeline
from .views import (
    MotionInspectView,
    MotionPublicationView,
    MotionTransitionView,
)


class MotionViewSet(ScopedModelViewSet):
    model = Motion
    icon = "list-ul"
    menu_label = _("Motion tracking list")
    menu_order = 100
    add_to_admin_menu = True
    form_base_class = MotionForm
    index_view_class = MotionIndexView
    inspect_view_class = MotionInspectView
    timeline_class = MotionTimeline
    list_export = LIST_EXPORT
    export_headings = EXPORT_HEADINGS
    export_filename = "motievolglijst"
    list_select_related = ("municipality", "meeting", "portfolio")
    filterset_class = MotionFilterSet
    search_fields = ["number", "title", "operative_text", "recitals"]
    search_backend_name = None
    ordering = ["-meeting_held_on", "number"]
    list_per_page = 50
    list_display = tracked_list_display(
        "motion:inspect", _("Vote"), number_classname="w-whitespace-nowrap"
    )
    panels = [
        FieldRowPanel([RoleFieldPanel("municipality"), FieldPanel("number")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("meeting"), FieldPanel("kind")]),
        FieldPanel("agenda_item"),
        InlinePanel(
            "submitters",
            label=_("Submitter"),
            heading=_("Submitters"),
            panels=[FieldPanel("person"), FieldPanel("party")],
            min_num=1,
        ),
        FieldPanel("recitals"),
        FieldPanel("operative_text"),
        MultiFieldPanel(
            [
                FieldPanel("portfolio"),
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
            path("<int:pk>/step/<str:name>/", MotionTransitionView.as_view(), name="transition"),
            path("<int:pk>/publication/", MotionPublicationView.as_view(), name="publication"),
            path(
                "meeting/<int:meeting_id>/register/",
                RegisterMeetingView.as_view(),
                name="register_meeting",
            ),
            path("import/", MotionImportView.as_view(), name="import"),
            path("import/<int:pk>/", MotionImportPreviewView.as_view(), name="import_preview"),
            path("import/template/", MotionImportTemplateView.as_view(), name="import_template"),
            path("agenda-list/", AgendaListView.as_view(), name="agenda_list"),
        ]


class CompletionLetterViewSet(LetterViewSet):
    model = CompletionLetter
    icon = "doc-full-inverse"
    menu_label = _("Completion letters")
    menu_order = 110
    add_to_admin_menu = True
    form_base_class = CompletionLetterForm
    list_select_related = ("motion",)
    list_display = [
        TitleColumn(
            "motion",
            label=_("Motion"),
            get_url=lambda letter: reverse("completion_letter:inspect", args=[letter.pk]),
        ),
        Column("version", label=_("Version")),
        StatusTagColumn(
            "status", label=_("Status"), accessor=lambda letter: letter.get_status_display()
        ),
        Column("document_number", label=_("Document number")),
    ]
    panels = [
        FieldPanel("motion"),
        FieldPanel("introduction"),
        FieldPanel("core_message"),
        FieldPanel("attachments"),
        FieldRowPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")]
        ),
    ]


@hooks.register("register_admin_viewset")
def register_letter_motion_chooser():
    return letter_motion_chooser


@hooks.register("register_admin_viewset")
def register_motion_viewset():
    return MotionViewSet("motion")


@hooks.register("register_admin_viewset")
def register_completion_letter_viewset():
    return CompletionLetterViewSet("completion_letter")
