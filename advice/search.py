"""Public search in the published adviezen (with their points and responses), found by
their own text or by their sent letters (listed under the advies)."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.search import Hit, SearchResult, SearchSource, letter_hit

from .constants import AdviceStatus
from .models import Advice, CouncilInformationLetter, ResponseLetter
from .pages import AdviceIndexPage


def advice_results(hits, base) -> list[SearchResult]:
    return [advice_result(hit, base) for hit in hits]


# Each kind of letter of an advies: its part of the public address of the letter
# (AdviceIndexPage.letter) and its name; listed in this order (the response first).
LETTER_KINDS = {
    ResponseLetter: ("reactie", gettext_lazy("College response")),
    CouncilInformationLetter: ("raad", gettext_lazy("Council information letter")),
}
ORDER = list(LETTER_KINDS)


def advice_result(hit: Hit, base) -> SearchResult:
    advice = hit.record
    page = f"{base}{advice.pk}/"
    # The response first, then the raadsinformatiebrief; each by version.
    letters = sorted(hit.letters, key=lambda letter: (ORDER.index(type(letter)), letter.version))
    return SearchResult(
        kind=_("Advice"),
        title=advice.subject,
        url=page,
        summary=Truncator(advice.text).words(30),
        status=advice.get_status_display(),
        date=advice.date,
        relevance=hit.relevance,
        letters=tuple(advice_letter_hit(letter, page) for letter in letters),
    )


def advice_letter_hit(letter, page):
    slug, name = LETTER_KINDS[type(letter)]
    return letter_hit(name, letter, pdf_url=f"{page}brief/{slug}/{letter.pk}/", page_url=page)


def published_advice():
    return Advice.objects.filter(status=AdviceStatus.published)


ADVICE = SearchSource(
    model=Advice,
    published=published_advice,
    letters=((ResponseLetter, "advice"), (CouncilInformationLetter, "advice")),
    index_page=AdviceIndexPage,
    title=lambda advice: advice.subject,
    date="date",
    fields=("subject", "date"),
    results=advice_results,
)
