"""Public search in the published moties of a municipality and their sent raadsbrieven
(the moties themselves as toezeggingen: governance.search.numbered_results)."""

from urllib.parse import quote

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from governance.letters import LetterStatus
from governance.search import SearchResult, live_index_page, numbered_results

from .models import CompletionLetter, Motion
from .pages import MotionIndexPage


def search_motions(municipality, query, request) -> list[SearchResult]:
    index_page = live_index_page(MotionIndexPage, municipality)
    if index_page is None:
        return []
    published = Motion.objects.published().filter(municipality_id=municipality.pk)
    base = index_page.get_url(request)
    letters = CompletionLetter.objects.filter(status=LetterStatus.sent, motion__in=published)
    found_letters = [
        SearchResult(
            kind=_("Council letter"),
            title=f"{letter.motion.number} {letter.motion.title}",
            url=f"{base}{quote(letter.motion.number, safe='')}/",
            summary=Truncator(strip_tags(letter.core_message)).words(30),
        )
        for letter in get_search_backend().search(query, letters.select_related("motion"))[:20]
    ]
    return found_letters + numbered_results(
        _("Motion"), base, query, published, lambda motion: motion.operative_text
    )
