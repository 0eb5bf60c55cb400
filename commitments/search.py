"""Public search in the published toezeggingen of a municipality (the same shape of
result as a motie's: governance.search.numbered_result). A toezegging has no letters of
its own: it is found by its own text only."""

from django.utils.translation import gettext as _

from governance.search import SearchResult, SearchSource, numbered_result, numbered_title

from .models import Commitment
from .pages import CommitmentIndexPage


def commitment_results(hits, base) -> list[SearchResult]:
    return [numbered_result(_("Commitment"), base, hit, hit.record.text) for hit in hits]


COMMITMENTS = SearchSource(
    model=Commitment,
    published=Commitment.objects.published,
    letters=(),
    index_page=CommitmentIndexPage,
    title=numbered_title,
    date="meeting_held_on",
    fields=("number", "title", "meeting_held_on"),
    results=commitment_results,
)
