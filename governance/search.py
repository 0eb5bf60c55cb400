"""Public search across what each app publishes: every app registers a source that
searches only its published records of one municipality (with Wagtail's search
backend: PostgreSQL's `dutch` configuration in production, so "adviezen" finds
"advies")."""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
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
