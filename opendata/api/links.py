"""The addresses an API answer links to: its own resources (in the same form as the
request: on the municipality's host, or under /gemeenten/<TOOI code>/), and the public
pages and letter downloads that exist already. The index pages are looked up once per
request; without one there is no page to link to and the link is null."""

from functools import cached_property
from urllib.parse import quote

from django.urls import reverse

from advice.pages import AdviceIndexPage
from commitments.pages import CommitmentIndexPage
from governance.search import live_index_page
from motions.pages import MotionIndexPage

# The public letter URLs of each kind of letter (motions/pages.py, advice/pages.py).
ADVICE_LETTER_PATHS = {"collegereactie": "reactie", "raadsinformatiebrief": "raad"}


class Links:
    def __init__(self, request, municipality, tooi_code: str | None):
        self.request = request
        self.municipality = municipality
        self.tooi_code = tooi_code

    def api(self, name: str, *args) -> str:
        """The absolute address of an API resource, in the request's form."""
        if self.tooi_code is not None:
            path = reverse(f"api-tooi-{name}", args=[self.tooi_code, *args])
        else:
            path = reverse(f"api-{name}", args=args)
        return self.request.build_absolute_uri(path)

    def _index(self, page_model) -> str | None:
        page = live_index_page(page_model, self.municipality)
        return page.get_full_url(self.request) if page is not None else None

    @cached_property
    def motion_index(self):
        return self._index(MotionIndexPage)

    @cached_property
    def commitment_index(self):
        return self._index(CommitmentIndexPage)

    @cached_property
    def advice_index(self):
        return self._index(AdviceIndexPage)

    def motion_page(self, motion) -> str | None:
        base = self.motion_index
        return f"{base}{quote(motion.number, safe='')}/" if base else None

    def commitment_page(self, commitment) -> str | None:
        base = self.commitment_index
        return f"{base}{quote(commitment.number, safe='')}/" if base else None

    def advice_page(self, advice) -> str | None:
        base = self.advice_index
        return f"{base}{advice.pk}/" if base else None

    def document_download(self, advice, document) -> str | None:
        page = self.advice_page(advice)
        return f"{page}document/{document.pk}/" if page else None

    def letter_download(self, kind: str, letter) -> str | None:
        if kind == "raadsbrief-afdoening":
            page = self.motion_page(letter.motion)
            return f"{page}brief/{letter.pk}/" if page else None
        page = self.advice_page(letter.advice)
        return f"{page}brief/{ADVICE_LETTER_PATHS[kind]}/{letter.pk}/" if page else None
