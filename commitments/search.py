"""Public search in the published toezeggingen of a municipality."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from governance.search import SearchResult

from .models import Commitment
from .pages import CommitmentIndexPage


def search_commitments(municipality, query, request) -> list[SearchResult]:
    index_page = (
        CommitmentIndexPage.objects.live()
        .filter(path__startswith=municipality.site.root_page.path)
        .first()
        if municipality.site_id
        else None
    )
    if index_page is None:
        return []
    published = Commitment.objects.published().filter(municipality_id=municipality.pk)
    base = index_page.get_url(request)
    return [
        SearchResult(
            kind=_("Commitment"),
            title=f"{commitment.number} {commitment.title}",
            url=f"{base}{commitment.number}/",
            summary=Truncator(commitment.text).words(30),
        )
        for commitment in get_search_backend().search(query, published)[:50]
    ]
