"""The Woo publication's URLs: per municipality (its site's host) the DiWoo sitemap
indexes and sitemaps, and the robots.txt that names them and the normal sitemap."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from governance.public_site import municipality_of_host

from . import diwoo, diwoo_sitemap

XML = "application/xml; charset=utf-8"


def _category_documents(request, code):
    municipality = municipality_of_host(request)
    category = diwoo.CATEGORIES.get(code)
    if municipality is None or category is None:
        raise Http404
    return diwoo.category_documents(municipality, category, request)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap_index(request, category):
    """The sitemap index of one informatiecategorie: a sitemap per page of documents,
    each with the latest change among its documents."""
    documents = _category_documents(request, category)
    pages = []
    for number in range(1, diwoo_sitemap.page_count(documents) + 1):
        url = request.build_absolute_uri(reverse("diwoo_sitemap", args=[category, number]))
        page = diwoo_sitemap.page_of(documents, number)
        pages.append((url, max((d.lastmod for d in page), default=None)))
    return HttpResponse(diwoo_sitemap.sitemap_index(pages), content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def sitemap(request, category, page):
    """One sitemap of a category: its documents with their DiWoo metadata."""
    page = int(page)
    documents = _category_documents(request, category)
    if not 1 <= page <= diwoo_sitemap.page_count(documents):
        raise Http404
    xml = diwoo_sitemap.sitemap(diwoo_sitemap.page_of(documents, page))
    return HttpResponse(xml, content_type=XML)


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """Crawlers may read the public site, not the admin; the sitemaps are named here,
    where search engines and the Woo-harvester look for them."""
    lines = ["User-agent: *", "Disallow: /admin/", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    if municipality_of_host(request) is not None:
        for code in diwoo.CATEGORIES:
            index = reverse("diwoo_sitemap_index", args=[code])
            lines.append(f"Sitemap: {request.build_absolute_uri(index)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
