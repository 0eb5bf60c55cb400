"""The admin of the organisation: what the griffie keeps per municipality, and what
the functional administrator (superuser) keeps for the whole installation."""

from urllib.parse import urlparse

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import libraries
from .forms import RoleForm
from .models import (
    AdvisoryCouncil,
    EqualisedDay,
    Letterhead,
    Meeting,
    Municipality,
    Party,
    Person,
    Portfolio,
    Role,
)
from .panels import RoleFieldPanel
from .roles import scope_for
from .viewsets import ScopedModelViewSet

libraries.switch_off()


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    icon = "date"
    list_display = [
        "__str__",
        "date",
        "municipality",
        # The besluitenlijst form of motions.registration_views.
        TitleColumn(
            "register",
            label=_("Besluitenlijst"),
            accessor=lambda meeting: _("Register the motions"),
            get_url=lambda meeting: reverse("motion:register_meeting", args=[meeting.pk]),
        ),
    ]
    list_select_related = ("municipality",)
    panels = [
        RoleFieldPanel("municipality"),
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("kind"),
    ]


class PartyViewSet(ScopedModelViewSet):
    model = Party
    icon = "group"
    list_display = ["name", "abbreviation", "municipality"]
    list_select_related = ("municipality",)
    search_fields = ["name", "abbreviation"]
    search_backend_name = None
    panels = [RoleFieldPanel("municipality"), FieldPanel("name"), FieldPanel("abbreviation")]


class PersonViewSet(ScopedModelViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "function", "party", "municipality"]
    list_filter = ["function"]
    list_select_related = ("municipality", "party")
    search_fields = ["name"]
    search_backend_name = None
    panels = [
        RoleFieldPanel("municipality"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("function"), FieldPanel("party")]),
        FieldPanel("email"),
    ]


class PortfolioViewSet(ScopedModelViewSet):
    model = Portfolio
    icon = "folder-open-inverse"
    list_display = ["name", "holder", "municipality"]
    list_select_related = ("municipality", "holder", "holder__party")
    search_fields = ["name"]
    search_backend_name = None
    panels = [RoleFieldPanel("municipality"), FieldPanel("name"), FieldPanel("holder")]


class LetterheadViewSet(ScopedModelViewSet):
    model = Letterhead
    icon = "doc-full"
    list_display = ["name", "municipality", "place"]
    list_select_related = ("municipality",)
    panels = [
        FieldRowPanel([RoleFieldPanel("municipality"), FieldPanel("name")]),
        FieldPanel("logo"),
        FieldRowPanel([FieldPanel("visiting_address"), FieldPanel("postal_address")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("theme_color")]),
        FieldRowPanel([FieldPanel("secretary_name"), FieldPanel("mayor_name")]),
        FieldRowPanel([FieldPanel("secretary_signature"), FieldPanel("mayor_signature")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("case_number_counting"),
                        FieldPanel("case_number_format"),
                        FieldPanel("case_number_start"),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("document_number_counting"),
                        FieldPanel("document_number_format"),
                        FieldPanel("document_number_start"),
                    ]
                ),
            ],
            heading=_("Numbers of sent letters"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("wording_response_opening"),
                FieldPanel("wording_council_information"),
                FieldPanel("wording_closing"),
                FieldPanel("wording_case_number_notice"),
            ],
            heading=_("Standard wording of letters"),
        ),
    ]


class EqualisedDayViewSet(ScopedModelViewSet):
    model = EqualisedDay
    icon = "date"
    list_display = ["date", "description", "decree"]
    panels = [FieldPanel("date"), FieldPanel("description"), FieldPanel("decree")]


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    icon = "home"
    list_display = ["name", "tooi_code", "site"]
    form_fields = [
        "name",
        "tooi_code",
        "site",
        "default_deadline_month",
        "motion_number_format",
        "reminder_days_before",
        "digest_weekday",
    ]
    copy_view_enabled = False


def term_panel(prefix, heading):
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel(f"{prefix}_length"), FieldPanel(f"{prefix}_unit")]),
            FieldRowPanel([FieldPanel(f"{prefix}_start"), FieldPanel(f"{prefix}_atw")]),
        ],
        heading=heading,
    )


class AdvisoryCouncilViewSet(ModelViewSet):
    model = AdvisoryCouncil
    icon = "group"
    list_display = ["name", "chair"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("municipalities"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("chair_salutation"), FieldPanel("chair_title")]),
                FieldRowPanel(
                    [
                        FieldPanel("chair_initials"),
                        FieldPanel("chair_infix"),
                        FieldPanel("chair_surname"),
                    ]
                ),
                FieldPanel("fixed_salutation"),
            ],
            heading=_("Chair"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("postal_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("postal_place")]),
                FieldPanel("email"),
            ],
            heading=_("Address"),
        ),
        term_panel("advice_term", _("Advice term")),
        term_panel("response_term", _("Response term")),
    ]


class RoleViewSet(ModelViewSet):
    model = Role
    icon = "key"
    list_display = ["user", "kind", "municipality", "advisory_council"]
    list_filter = ["kind", "municipality", "advisory_council"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("kind"),
            FieldPanel("municipality"),
            FieldPanel("advisory_council"),
            FieldPanel("portfolios"),
        ],
        base_form_class=RoleForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        queryset = Role.objects.select_related("user", "municipality", "advisory_council")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 300
    items = (
        MeetingViewSet("meeting"),
        PartyViewSet("party"),
        PersonViewSet("person"),
        PortfolioViewSet("portfolio"),
        LetterheadViewSet("letterhead"),
        EqualisedDayViewSet("equalised_day"),
        MunicipalityViewSet("municipality"),
        AdvisoryCouncilViewSet("advisory_council"),
        RoleViewSet("role"),
    )


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register("construct_homepage_panels")
def add_deadline_panel(request, panels):
    from .dashboard import DeadlinePanel

    panels.append(DeadlinePanel(request.user))


@hooks.register("register_admin_urls")
def register_calendar_feeds_url():
    from .admin_search import AdminSearchView
    from .views import CalendarFeedsView

    return [
        path("agenda-feeds/", CalendarFeedsView.as_view(), name="raadsvolg_calendar_feeds"),
        path("zoeken/", AdminSearchView.as_view(), name="raadsvolg_search"),
    ]


@hooks.register("register_admin_search_area")
def register_search_area():
    from .admin_search import RaadsvolgSearchArea

    return RaadsvolgSearchArea()


class RoleMenuItem(MenuItem):
    """Shown to everyone with a Raadsvolg role."""

    def is_shown(self, request):
        return scope_for(request.user).has_role or request.user.is_superuser


@hooks.register("register_admin_menu_item")
def register_calendar_feeds_menu_item():
    return RoleMenuItem(
        _("Calendar feeds"), reverse("raadsvolg_calendar_feeds"), icon_name="date", order=900
    )


@hooks.register("construct_help_menu")
def keep_help_inside_the_site(request, menu_items):
    """Drop the help items that lead off-site (Wagtail's "What's new" and editor guide
    on guide.wagtail.org, in English and about Wagtail, not Raadsvolg)."""
    menu_items[:] = [item for item in menu_items if not urlparse(item.url or "").netloc]


@hooks.register("register_account_settings_panel")
def register_notification_preferences(request, user, profile):
    from .notification_settings import NotificationPreferencesPanel

    return NotificationPreferencesPanel(request, user, profile)


# Registered for the functional administrator: the audit log and the unsent e-mails.
from . import audit_admin, notification_admin  # noqa: E402, F401
