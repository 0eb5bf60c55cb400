"""Public search in the published toezeggingen of a municipality (the same shape of
result as a motie's: governance.search.numbered_results)."""

from django.utils.translation import gettext as _

from governance.search import SearchResult, live_index_page, numbered_results

from .models import Commitment
from .pages import CommitmentIndexPage


def search_commitments(municipality, query, request) -> list[SearchResult]:
    index_page = live_index_page(CommitmentIndexPage, municipality)
    if index_page is None:
        return []
    published = Commitment.objects.published().filter(municipality_id=municipality.pk)
    base = index_page.get_url(request)
    return numbered_results(
        _("Commitment"), base, query, published, lambda commitment: commitment.text
    )
