"""Public search in the published adviezen (with their points and responses)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from governance.search import SearchResult, live_index_page

from .constants import AdviceStatus
from .models import Advice
from .pages import AdviceIndexPage


def search_advice(municipality, query, request) -> list[SearchResult]:
    index_page = live_index_page(AdviceIndexPage, municipality)
    if index_page is None:
        return []
    published = Advice.objects.filter(
        municipality_id=municipality.pk, status=AdviceStatus.published
    )
    base = index_page.get_url(request)
    return [
        SearchResult(
            kind=_("Advice"),
            title=advice.subject,
            url=f"{base}{advice.pk}/",
            summary=Truncator(advice.text).words(30),
        )
        for advice in get_search_backend().search(query, published)[:50]
    ]
