"""Adviesaanvragen in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSetGroup

from governance.letter_views import LetterViewSet
from governance.panels import RoleFieldPanel
from governance.viewsets import ScopedModelViewSet, short_date

from .choosers import information_letter_advice_chooser, response_letter_advice_chooser
from .filters import AdviceFilterSet, AdviceRequestFilterSet
from .forms import AdviceForm, AdviceLetterForm, AdviceRequestForm
from .models import Advice, AdviceRequest, CouncilInformationLetter, ResponseLetter
from .timeline import AdviceTimeline
from .views import (
    AdviceIndexView,
    AdviceInspectView,
    AdviceRequestCreateView,
    AdviceRequestInspectView,
    AdviceStepView,
    CorrectView,
    LetterDownloadView,
    ProposePointsView,
    RequestDocumentView,
    RespondView,
)


class AdviceRequestViewSet(ScopedModelViewSet):
    model = AdviceRequest
    icon = "help"
    menu_label = _("Advice requests")
    form_base_class = AdviceRequestForm
    add_view_class = AdviceRequestCreateView
    inspect_view_class = AdviceRequestInspectView
    # The own term shows as one row (see AdviceRequestInspectView).
    inspect_view_fields_exclude = ["id", "term_unit", "term_start", "term_atw"]
    list_select_related = ("municipality", "advisory_council", "portfolio")
    filterset_class = AdviceRequestFilterSet
    search_fields = ["subject", "description"]
    search_backend_name = None
    list_display = [
        "subject",
        StatusTagColumn(
            "status",
            label=_("Status"),
            sort_key="status",
            accessor=lambda request: request.get_status_display(),
        ),
        Column("advisory_council", label=_("Advisory council")),
        Column("portfolio", label=_("Portfolio")),
        Column(
            "letter_date",
            label=_("Letter"),
            sort_key="letter_date",
            accessor=lambda r: short_date(r.letter_date),
        ),
        Column(
            "due_date",
            label=_("Advice due"),
            sort_key="due_date",
            accessor=lambda r: short_date(r.due_date),
        ),
    ]
    panels = [
        FieldRowPanel([RoleFieldPanel("municipality"), RoleFieldPanel("advisory_council")]),
        FieldPanel("portfolio"),
        FieldPanel("subject"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("letter_date"), FieldPanel("received_date")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("term_length"), FieldPanel("term_unit")]),
                FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_atw")]),
            ],
            heading=_("Own term (instead of the advisory council's)"),
        ),
        InlinePanel(
            "documents",
            label=_("Document"),
            heading=_("Policy documents"),
            panels=[FieldPanel("title"), FieldPanel("file")],
        ),
        RoleFieldPanel("status"),  # hidden on a new request, which is open
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/document/<int:document_id>/",
                RequestDocumentView.as_view(),
                name="document",
            ),
        ]


def progress(advice):
    if not getattr(advice, "responses_shown", True):
        return ""  # the adviesraad, before the response is sent (AdviceIndexView)
    return _("%(answered)s of %(total)s") % {
        "answered": advice.answered_count,
        "total": advice.point_count,
    }


class AdviceViewSet(ScopedModelViewSet):
    timeline_class = AdviceTimeline
    model = Advice
    icon = "doc-full"
    menu_label = _("Advices")
    menu_order = 210
    form_base_class = AdviceForm
    index_view_class = AdviceIndexView
    inspect_view_class = AdviceInspectView
    list_select_related = ("advisory_council", "portfolio")
    filterset_class = AdviceFilterSet
    search_fields = ["reference", "subject", "text"]  # as its trigram index
    search_backend_name = None
    list_display = [
        TitleColumn(
            "subject",
            label=_("Subject"),
            sort_key="subject",
            get_url=lambda advice: reverse("advice:inspect", args=[advice.pk]),
        ),
        Column("reference", label=_("Reference")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            sort_key="status",
            accessor=lambda advice: advice.get_status_display(),
        ),
        Column("advisory_council", label=_("Advisory council")),
        Column("portfolio", label=_("Portfolio")),
        Column(
            "received_date",
            label=_("Received"),
            sort_key="received_date",
            accessor=lambda a: short_date(a.received_date),
        ),
        Column(
            "response_due_date",
            label=_("Response due"),
            sort_key="response_due_date",
            accessor=lambda a: short_date(a.response_due_date),
        ),
        Column("progress", label=_("Answered"), accessor=progress),
    ]
    panels = [
        FieldRowPanel([RoleFieldPanel("municipality"), RoleFieldPanel("advisory_council")]),
        FieldPanel("request"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("date")]),
        FieldPanel("subject"),
        FieldPanel("portfolio"),
        FieldPanel("letter"),
        FieldPanel("text"),
        InlinePanel(
            "points",
            label=_("Point"),
            heading=_("Points"),
            panels=[
                FieldPanel("number"),
                FieldPanel("section"),
                FieldPanel("theme"),
                FieldPanel("text"),
                FieldPanel("explanation"),
            ],
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/step/<str:name>/", AdviceStepView.as_view(), name="step"),
            path("<int:pk>/points/", ProposePointsView.as_view(), name="propose"),
            path("<int:pk>/respond/", RespondView.as_view(), name="respond"),
            path("<int:pk>/correct/", CorrectView.as_view(), name="correct"),
            path("<int:pk>/letter/", LetterDownloadView.as_view(), name="letter"),
        ]


def letter_columns(namespace):
    return [
        TitleColumn(
            "advice",
            label=_("Advice"),
            get_url=lambda letter: reverse(f"{namespace}:inspect", args=[letter.pk]),
        ),
        Column("version", label=_("Version")),
        StatusTagColumn(
            "status", label=_("Status"), accessor=lambda letter: letter.get_status_display()
        ),
        Column("document_number", label=_("Document number")),
    ]


class ResponseLetterViewSet(LetterViewSet):
    model = ResponseLetter
    icon = "mail"
    menu_label = _("Response letters")
    form_base_class = AdviceLetterForm
    list_select_related = ("advice",)
    list_display = letter_columns("response_letter")
    panels = [
        FieldPanel("advice"),
        FieldPanel("opening"),
        FieldPanel("closing"),
        FieldRowPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")]
        ),
    ]


class CouncilInformationLetterViewSet(LetterViewSet):
    model = CouncilInformationLetter
    icon = "mail"
    menu_label = _("Council information letters")
    form_base_class = AdviceLetterForm
    list_select_related = ("advice",)
    list_display = letter_columns("council_information_letter")
    panels = [
        FieldPanel("advice"),
        FieldPanel("body"),
        FieldRowPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")]
        ),
    ]


class AdviceGroup(ModelViewSetGroup):
    menu_label = _("Advice")
    menu_icon = "doc-full"
    menu_order = 200
    items = (
        AdviceViewSet("advice"),
        AdviceRequestViewSet("advice_request"),
        ResponseLetterViewSet("response_letter"),
        CouncilInformationLetterViewSet("council_information_letter"),
    )


@hooks.register("register_admin_viewset")
def register_advice_viewsets():
    return AdviceGroup()


@hooks.register("register_admin_viewset")
def register_response_letter_advice_chooser():
    return response_letter_advice_chooser


@hooks.register("register_admin_viewset")
def register_information_letter_advice_chooser():
    return information_letter_advice_chooser
