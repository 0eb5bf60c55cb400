"""/sitemap.xml: a sitemap index (sitemaps.org) of the public site the request is for,
naming per section (the Wagtail pages, moties, toezeggingen, adviezen, the figures) its
sitemaps of at most PAGE_SIZE URLs. Each sitemap fetches only its own rows, in the order
of the primary key (stable and indexed); the index computes the latest change of every
page of a section in one query (opendata.paging), so neither grows in queries or rows
read with the number of records. Only published records of the site's
municipality appear (the pages' rule of governance.public_site)."""

from functools import cached_property, partial
from urllib.parse import quote

from django.contrib.sitemaps.views import SitemapIndexItem
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.db.models import F, Max
from django.db.models.functions import Coalesce
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from governance.public_site import municipality_of, section_pages

from .paging import lastmod_per_page

XML = "application/xml"

# The protocol allows 50,000 URLs a sitemap; a page of 500 is about 45 KB and Django's
# sitemap template renders it in about 150 ms on the shared 2-core machine
# (docs/scale.md, docs/decisions.md).
PAGE_SIZE = 500


def page_lastmods(records, lastmod, size: int, key: str = "pk") -> list:
    """The latest `lastmod` (an expression) of each page of `size` records ordered by
    `key`, first page first, in one query that returns one row a page."""
    rows = records.order_by().annotate(sitemap_key=F(key), sitemap_lastmod=lastmod)
    rows = rows.values_list("sitemap_key", "sitemap_lastmod")
    return lastmod_per_page(rows, "sitemap_key", "sitemap_lastmod", size)


class PagedSitemap(WagtailSitemap):
    """Wagtail's sitemap with PAGE_SIZE URLs a page and one paginator per answer (the
    view asks for its count before Django's sitemap view pages it)."""

    limit = PAGE_SIZE

    @cached_property
    def paginator(self):
        return Paginator(self._items(), self.limit)


class SectionSitemap(PagedSitemap):
    """The sitemaps of one section of the public site. Subclasses give `records()`,
    `path(record)` and `lastmod_expression`; locations start at `base`, the absolute URL
    of the section's index page (the site's own host, as Wagtail links pages)."""

    lastmod_expression = "updated_at"
    fields = ("updated_at",)

    def __init__(self, request, base: str, municipality):
        super().__init__(request)
        self.base = base
        self.municipality = municipality

    def records(self):
        """The published records of the municipality (the rule of its public pages)."""
        raise NotImplementedError

    def items(self):
        return (
            self.records()
            .annotate(sitemap_lastmod=self.lastmod_expression_for_rows())
            .only("pk", *self.fields)
            .order_by("pk")
        )

    def lastmod_expression_for_rows(self):
        expression = self.lastmod_expression
        return F(expression) if isinstance(expression, str) else expression

    def location(self, record):
        return f"{self.base}{self.path(record)}"

    def lastmod(self, record):
        return record.sitemap_lastmod

    def _urls(self, page, protocol, domain):
        # Django's sitemap prefixes locations with the request's host; ours are absolute.
        urls = [
            {"item": record, "location": self.location(record), "lastmod": self.lastmod(record)}
            for record in self.paginator.page(page).object_list
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls

    def page_lastmods(self) -> list:
        return page_lastmods(self.records(), self.lastmod_expression_for_rows(), self.limit)


class NumberedSitemap(SectionSitemap):
    """Moties and toezeggingen: a page per record under its number."""

    fields = ("number", "updated_at")

    def __init__(self, request, base: str, municipality, model):
        super().__init__(request, base, municipality)
        self.model = model

    def records(self):
        return self.model.objects.published().filter(municipality=self.municipality)

    def path(self, record):
        return f"{quote(record.number, safe='')}/"


class AdviceSitemap(SectionSitemap):
    """Adviezen: a page per advies under its id; an advies changed when its history
    last did (the lastmod of the Woo sitemap, opendata.diwoo)."""

    fields = ()

    def records(self):
        from .figures import published_advices

        return published_advices(self.municipality)

    @property
    def lastmod_expression(self):
        return advice_lastmod()

    def path(self, record):
        return f"{record.pk}/"


def advice_lastmod():
    from .diwoo import advice_last_changed

    return Coalesce(advice_last_changed(), "created_at")


class PagesSitemap(PagedSitemap):
    """The live public Wagtail pages of the site (Wagtail's own sitemap, paged); the
    index pages name only themselves, their records have sections of their own."""

    def records(self):
        return super().items().order_by()

    def page_lastmods(self) -> list:
        # Wagtail's sitemap pages its pages in the order of their path (unique, indexed).
        lastmod = Coalesce("last_published_at", "latest_revision_created_at")
        return page_lastmods(self.records(), lastmod, self.limit, key="path")


class FiguresSitemap(SectionSitemap):
    """/cijfers/: one URL, changed when a published motie or advies last changed."""

    def items(self):
        return [self.municipality]

    def location(self, municipality):
        return self.base

    def lastmod(self, municipality):
        return self.latest_change()

    def latest_change(self):
        from motions.models import Motion

        from .figures import published_advices

        motions = Motion.objects.published().filter(municipality=self.municipality)
        advices = published_advices(self.municipality).annotate(sitemap_lastmod=advice_lastmod())
        moments = [
            motions.aggregate(latest=Max("updated_at"))["latest"],
            advices.aggregate(latest=Max("sitemap_lastmod"))["latest"],
        ]
        known = [moment for moment in moments if moment is not None]
        return max(known) if known else None

    def page_lastmods(self) -> list:
        return [self.latest_change()]


def section_sitemaps() -> dict:
    """Per section of governance.public_site: its name in the URL and its sitemap."""
    from commitments.models import Commitment
    from motions.models import Motion

    return {
        "motions": ("moties", partial(NumberedSitemap, model=Motion)),
        "commitments": ("toezeggingen", partial(NumberedSitemap, model=Commitment)),
        "advice": ("adviezen", AdviceSitemap),
    }


def site_sitemaps(request) -> dict:
    """The sections of the site the request is for, by the name in their URL."""
    municipality, site = municipality_of(request)
    if site is None:
        return {}
    sitemaps = {"paginas": PagesSitemap(request)}
    if municipality is None:
        return sitemaps
    kinds = section_sitemaps()
    for key, page in section_pages(site).items():
        name, sitemap_class = kinds[key]
        sitemaps[name] = sitemap_class(request, page.get_full_url(request), municipality)
    figures = request.build_absolute_uri(reverse("public_figures"))
    sitemaps["cijfers"] = FiguresSitemap(request, figures, municipality)
    return sitemaps


@require_GET
def sitemap_index(request):
    """/sitemap.xml: every page of every section's sitemap, with its latest change."""
    sitemaps = site_sitemaps(request)
    if not sitemaps:
        raise Http404
    entries = []
    for name, sitemap in sitemaps.items():
        url = request.build_absolute_uri(reverse("sitemap_section", args=[name]))
        for number, lastmod in enumerate(sitemap.page_lastmods(), start=1):
            entries.append(SitemapIndexItem(url if number == 1 else f"{url}?p={number}", lastmod))
    if not entries:  # the protocol wants at least one sitemap in an index
        raise Http404
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type=XML)


@require_GET
def sitemap_section(request, section):
    """One page (?p=, from 1) of one section's sitemap; a page beyond the last is a 404."""
    sitemaps = site_sitemaps(request)
    # A section without records has no sitemap (the protocol wants one URL at least).
    if section not in sitemaps or not sitemaps[section].paginator.count:
        raise Http404
    return django_sitemap(request, {section: sitemaps[section]}, section=section)
