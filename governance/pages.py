"""The public home page of a municipality's site (the public pages of moties and
adviezen come with the public site)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
    max_count_per_parent = 1
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
