"""The Woo publication's URLs: per municipality (its site's host) the DiWoo sitemap
indexes and sitemaps, and the robots.txt that names them and the normal sitemap."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from governance.public_site import municipality_of_host

from . import diwoo, diwoo_sitemap

XML = "application/xml; charset=utf-8"


def _category(request, code):
    """The municipality of the host and the informatiecategorie, or a 404."""
    municipality = municipality_of_host(request)
    category = diwoo.CATEGORIES.get(code)
    if municipality is None or category is None:
        raise Http404
    return municipality, category


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_index(request, category):
    """The sitemap index of one informatiecategorie: a sitemap per page of documents,
    each with the latest change among its documents (computed in the database). An
    empty category still has its one (empty) sitemap."""
    municipality, kind = _category(request, category)
    rows = diwoo.category_rows(municipality, kind, request)
    lastmods = diwoo_sitemap.page_lastmods(rows) if rows is not None else []
    pages = [
        (request.build_absolute_uri(reverse("diwoo_sitemap", args=[category, number])), lastmod)
        for number, lastmod in enumerate(lastmods or [None], start=1)
    ]
    return HttpResponse(diwoo_sitemap.sitemap_index(pages), content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request, category, page):
    """One sitemap of a category: its documents with their DiWoo metadata; only the
    page's own rows are read."""
    page = int(page)
    municipality, kind = _category(request, category)
    rows = diwoo.category_rows(municipality, kind, request)
    keys = diwoo_sitemap.page_keys(rows, page) if rows is not None else []
    if page > 1 and not keys:
        raise Http404
    documents = diwoo.category_documents(municipality, kind, request, keys)
    return HttpResponse(diwoo_sitemap.sitemap(documents), content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Crawlers may read the public site, not the admin; the sitemaps are named here,
    where search engines and the Woo-harvester look for them."""
    lines = ["User-agent: *", "Disallow: /admin/", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    if municipality_of_host(request) is not None:
        for code in diwoo.CATEGORIES:
            index = reverse("diwoo_sitemap_index", args=[code])
            lines.append(f"Sitemap: {request.build_absolute_uri(index)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
