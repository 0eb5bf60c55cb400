"""Public search in the published toezeggingen of a municipality (the same shape of
result as a motie's: governance.search.numbered_result)."""

from functools import partial

from django.utils.translation import gettext as _

from governance.search import (
    Found,
    SearchResult,
    hits_with_letters,
    live_index_page,
    numbered_found,
    numbered_result,
)

from .models import Commitment
from .pages import CommitmentIndexPage


def search_commitments(municipality, query, request) -> list[Found]:
    index_page = live_index_page(CommitmentIndexPage, municipality)
    if index_page is None:
        return []
    published = Commitment.objects.published().filter(municipality_id=municipality.pk)
    show = partial(commitment_results, base=index_page.get_url(request))
    # A toezegging has no letters of its own: it is found by its own text only.
    return [numbered_found(hit, show) for hit in hits_with_letters(query, published, [])]


def commitment_results(hits, base) -> list[SearchResult]:
    return [numbered_result(_("Commitment"), base, hit, hit.record.text) for hit in hits]
