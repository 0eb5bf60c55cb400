"""Public search across what each app publishes: every app registers a source that
searches only its published records of one municipality (with Wagtail's search
backend: PostgreSQL's `dutch` configuration in production, so "adviezen" finds
"advies")."""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site

MAX_QUERY = 200


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    summary: str


SOURCES = []


def register_search_source(source) -> None:
    """`source(municipality, query, request) -> list[SearchResult]`."""
    SOURCES.append(source)


def live_index_page(page_model, municipality):
    """The live index page of `page_model` on the municipality's site, or None (then
    there is nowhere to link to, and the app's source finds nothing)."""
    if not municipality.site_id:
        return None
    return (
        page_model.objects.live().filter(path__startswith=municipality.site.root_page.path).first()
    )


def numbered_results(kind, base, query, published, summary) -> list[SearchResult]:
    """The first 50 of `published` records with a number (moties, toezeggingen) that
    match `query`, each linking to its page under the index at `base`; `summary(record)`
    gives the text shown below the title."""
    from wagtail.search.backends import get_search_backend  # as plain_terms: not at import

    return [
        SearchResult(
            kind=kind,
            title=f"{record.number} {record.title}",
            url=f"{base}{quote(record.number, safe='')}/",
            summary=Truncator(summary(record)).words(30),
        )
        for record in get_search_backend().search(query, published)[:50]
    ]


def plain_terms(query: str):
    """The words of what the user typed, as a plain-text query: no operators, quotes or
    other syntax of a search engine reaches the backend."""
    from wagtail.search.query import PlainText

    words = re.sub(r"[^\w\s-]", " ", query.lower()).split()
    return PlainText(" ".join(words)) if words else None


def public_search(request):
    site = Site.find_for_request(request)
    municipality = getattr(site, "municipality", None) if site else None
    if municipality is None:
        raise Http404
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    terms = plain_terms(query)
    results = (
        [result for source in SOURCES for result in source(municipality, terms, request)]
        if terms
        else []
    )
    page = Paginator(results, 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "governance/search.html",
        {"query": query, "page_obj": page, "municipality": municipality, "title": _("Search")},
    )
