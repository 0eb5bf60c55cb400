"""The public home page of a municipality's site (the public pages of moties and
adviezen come with the public site)."""

from urllib.parse import quote

from django import forms
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class OfMunicipality:
    """Mixin for public pages that show the records of their site's municipality."""

    @property
    def municipality(self):
        site = self.get_site()
        municipality = getattr(site, "municipality", None) if site else None
        if municipality is None:
            raise Http404
        return municipality


# The public lists of moties, toezeggingen and adviezen page alike (same size, same
# "pagina" parameter), so links and templates work the same on all three.
PER_PAGE = 25


def paginate(records, request):
    """The page of `records` the request asks for with ?pagina=."""
    return Paginator(records, PER_PAGE).get_page(request.GET.get("pagina"))


class TrackedFilterForm(forms.Form):
    """The filters of a public index of moties or toezeggingen (status, portfolio,
    year of the meeting, only overdue); values it does not know are ignored. Subclasses
    set `status_choices` and may add filters in `filter_more`."""

    status_choices = ()

    status = forms.ChoiceField(label=_("Status"), required=False)
    portfolio = forms.TypedChoiceField(label=_("Portfolio"), required=False, coerce=int)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, data, *, municipality, **kwargs):
        super().__init__(data, **kwargs)
        all_ = [("", _("All"))]
        self.fields["status"].choices = all_ + list(self.status_choices)
        self.fields["portfolio"].choices = all_ + list(
            municipality.portfolios.values_list("pk", "name")
        )
        years = municipality.meetings.dates("date", "year", order="DESC")
        self.fields["year"].choices = all_ + [(d.year, d.year) for d in years]

    def filter(self, records):
        if not self.is_valid():
            return records
        data = self.cleaned_data
        if data.get("status"):
            records = records.filter(status=data["status"])
        if data.get("portfolio"):
            records = records.filter(portfolio_id=data["portfolio"])
        records = self.filter_more(records, data)
        if data.get("year"):
            records = records.filter(meeting_held_on__year=data["year"])
        if data.get("overdue"):
            records = records.overdue()
        return records

    def filter_more(self, records, data):
        return records


def render_filtered_index(page, request, form_class):
    """The public index of moties or toezeggingen: the published records the filters
    of `form_class` leave, a page of them at a time."""
    form = form_class(request.GET or None, municipality=page.municipality)
    records = form.filter(page.published()).with_list_relations()
    return page.render(
        request,
        context_overrides={
            "form": form,
            "page_obj": paginate(records, request),
            "today": timezone.localdate(),
        },
    )


class PageFeed(Feed):
    """RSS of what a public index page publishes; links point into that page, so the
    feed keeps the page and the request it answers."""

    def __init__(self, page):
        super().__init__()
        self.page = page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.page.get_url(self.request)


class NumberedRecordFeed(PageFeed):
    """New and changed published records with a number and a status (moties,
    toezeggingen), newest change first. Subclasses give title, description and
    item_description."""

    def items(self):
        return self.page.published().order_by("-updated_at")[:50]

    def item_title(self, record):
        return f"{record.number} {record.title} — {record.get_status_display()}"

    def item_link(self, record):
        return f"{self.page.get_url(self.request)}{quote(record.number, safe='')}/"

    def item_updateddate(self, record):
        return record.updated_at

    def item_pubdate(self, record):
        return record.published_at


class HomePage(Page):
    """The root page of one municipality's public Raadsvolg site."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "motions.MotionIndexPage",
        "commitments.CommitmentIndexPage",
        "advice.AdviceIndexPage",
        "governance.ContentPage",
    ]
    # One per municipality, all under the root: no max_count_per_parent.
    template = "governance/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @property
    def municipality(self):
        site = self.get_site()
        return getattr(site, "municipality", None) if site else None


class ContentPage(Page):
    """A page of text, such as the toegankelijkheidsverklaring."""

    body = RichTextField(
        _("text"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["governance.HomePage"]
    subpage_types = []
    template = "governance/content_page.html"

    class Meta:
        verbose_name = _("content page")


@register_setting(icon="doc-full")
class PublicSiteSettings(BaseSiteSetting):
    """What the footer of one municipality's public site links to besides its lists."""

    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page with the toegankelijkheidsverklaring of this site; the footer of "
            "every public page links to it."
        ),
    )

    panels = [FieldPanel("accessibility_page")]

    class Meta:
        verbose_name = _("public site")

    def __str__(self):
        return str(self.site)

    def clean(self):
        page = self.accessibility_page
        if page is not None and not page.path.startswith(self.site.root_page.path):
            raise ValidationError(
                {"accessibility_page": _("Choose a page of this site, not of another one.")}
            )
