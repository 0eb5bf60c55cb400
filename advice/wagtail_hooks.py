"""Adviesaanvragen in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn

from governance.viewsets import ScopedModelViewSet

from .forms import AdviceRequestForm
from .models import AdviceRequest


def _date(value):
    return value.strftime("%d-%m-%Y") if value else ""


class AdviceRequestViewSet(ScopedModelViewSet):
    model = AdviceRequest
    icon = "help"
    menu_label = _("Advice requests")
    menu_order = 200
    add_to_admin_menu = True
    form_base_class = AdviceRequestForm
    list_select_related = ("municipality", "advisory_council", "portfolio")
    list_filter = ["status", "advisory_council", "portfolio"]
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
            accessor=lambda r: _date(r.letter_date),
        ),
        Column(
            "due_date",
            label=_("Advice due"),
            sort_key="due_date",
            accessor=lambda r: _date(r.due_date),
        ),
    ]
    panels = [
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("advisory_council")]),
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
        FieldPanel("status"),
    ]


@hooks.register("register_admin_viewset")
def register_advice_request_viewset():
    return AdviceRequestViewSet("advice_request")
