"""Public search across what each app publishes: every app registers a `SearchSource`,
and only published records of one municipality, and their sent letters, are found.
On PostgreSQL one query finds every kind in the public search's own table
(`governance.public_index`), made from Wagtail's index (the `dutch` configuration, so
"adviezen" finds "advies"); on SQLite Wagtail's backend searches each kind.

One result per record (motie, toezegging, advies): a sent letter that matches makes its
record a result and is listed under it, so a record with several matching letters
appears once. Results are ordered by relevance, then newest first.

The hits of every kind become `Found` items: what orders them among all kinds (title,
date, relevance) and how to show them. Only the page's items become results, one batch
per source: the texts, statuses and indieners of the other matches (up to LIMIT per
kind) are never read or formatted."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote

from django.apps import apps
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from .letters import LetterStatus
from .public_site import municipality_or_404

MAX_QUERY = 200
# At most this many records of one kind, and letters of one kind, per search: the
# results are merged and paged in memory, and a query that matches more than this
# is too broad to read through anyway.
LIMIT = 100
PER_PAGE = 20
SCORE = "_search_score"


@dataclass(frozen=True)
class LetterHit:
    """A sent letter that matched the query, listed under its record."""

    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class SearchResult:
    """One published record that matched, itself or through its letters."""

    kind: str
    title: str
    url: str
    summary: str
    status: str = ""
    overdue: bool = False
    date: datetime.date | None = None
    relevance: float = 0.0
    details: str = ""
    letters: tuple[LetterHit, ...] = ()


@dataclass(frozen=True, eq=False)
class SearchSource:
    """What one app publishes to the public search: its records (`model`), which of
    them are published, their letters (pairs of the letter model and the name of its
    field with the record; only sent ones are found), the page model under which
    they are shown, what orders them among all kinds (`title(record)` and the name of
    the `date` field, read from `fields`), and `results(hits, base)`: the results of
    one page's hits, with their records and letters, under the index page at `base`."""

    model: type
    published: Callable
    letters: tuple
    index_page: type
    title: Callable
    date: str
    fields: tuple
    results: Callable

    def letter_sets(self, records) -> list:
        return [
            (
                letter_model.objects.filter(
                    status=LetterStatus.sent, **{f"{owner}__in": records}
                ).select_related(owner),
                owner,
            )
            for letter_model, owner in self.letters
        ]


SOURCES: list[SearchSource] = []


def register_search_source(source: SearchSource) -> None:
    SOURCES.append(source)


def live_index_page(page_model, municipality):
    """The live index page of `page_model` on the municipality's site, or None (then
    there is nowhere to link to, and the app's source finds nothing)."""
    if not municipality.site_id:
        return None
    return (
        page_model.objects.live().filter(path__startswith=municipality.site.root_page.path).first()
    )


def relevance(score, backend) -> float:
    """The backend's score as "higher is more relevant": SQLite's FTS5 ranks with bm25,
    where lower is better (the backend orders its results ascending), PostgreSQL's
    ts_rank the other way round. Only so can the kinds of record be merged."""
    if score is None:
        return 0.0
    return -score if "sqlite" in type(backend).__module__ else score


def search_records(query, records) -> list:
    """The first LIMIT of `records` that match `query`, best first, each with its
    relevance in `.relevance`: one query, whatever the number of hits."""
    from wagtail.search.backends import get_search_backend  # as plain_terms: not at import

    backend = get_search_backend()
    found = list(backend.search(query, records).annotate_score(SCORE)[:LIMIT])
    for record in found:
        record.relevance = relevance(getattr(record, SCORE), backend)
    return found


@dataclass
class Hit:
    """A record found by itself or by its letters, while the results are collected:
    its key, and the record and letters themselves once read (`letters` holds pairs of
    letter model and key until then)."""

    pk: int
    relevance: float
    title: str
    date: datetime.date | None
    record: object = None
    letters: list = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """A hit with what orders it among the hits of every kind (`ordered`), and `show`:
    the function that turns a page's hits of its source into results, in their order,
    with a fixed number of queries."""

    title: str
    date: datetime.date | None
    relevance: float
    hit: Hit
    show: Callable[[list[Hit]], list[SearchResult]]


def shown(found: list[Found]) -> list[SearchResult]:
    """The results of `found` (one page), in its order: each source shows its own hits
    in one batch. A hit whose record is no longer published is left out."""
    batches: dict = {}
    for item in found:
        batches.setdefault(item.show, []).append(item.hit)
    results = {}
    for show, hits in batches.items():
        for hit, result in show(hits):
            results[id(hit)] = result
    return [results[id(item.hit)] for item in found if id(item.hit) in results]


def hits_with_letters(query, source, records) -> list[Hit]:
    """The `records` of `source` that match `query`, themselves or through one of their
    sent letters, with Wagtail's search backend (one query per kind; SQLite). A record is as
    relevant as the best of itself and its matching letters."""

    def hit(record, relevance):
        date = getattr(record, source.date)
        return Hit(record.pk, relevance, source.title(record), date, record=record)

    hits = {record.pk: hit(record, record.relevance) for record in search_records(query, records)}
    for letters, owner in source.letter_sets(records):
        for letter in search_records(query, letters):
            record = getattr(letter, owner)
            found = hits.setdefault(record.pk, hit(record, letter.relevance))
            found.relevance = max(found.relevance, letter.relevance)
            found.letters.append(letter)
    return list(hits.values())


def hits_from_table(municipality, query, sources) -> dict:
    """The hits of each of `sources` from the public search's own table (PostgreSQL):
    one query for every kind, the best LIMIT of each kind of record and of letter, as
    the backend's search gives. Only hits whose record is still published count (one
    query of keys per kind: an entry can be behind its record until the index task
    ran); the records and letters themselves are read for the shown page only
    (`read_hits`)."""
    from .public_index import search

    by_model = {source.model: source for source in sources}
    hits: dict = {source: {} for source in sources}
    for model, pk, entry_model, entry_pk, title, date, score in search(
        municipality, query, list(by_model), LIMIT
    ):
        found = hits[by_model[model]].setdefault(pk, Hit(pk, score, title, date))
        found.relevance = max(found.relevance, score)
        if entry_model is not model:
            found.letters.append((entry_model, entry_pk))
    for source, found in hits.items():
        if found:
            published = source.published().filter(municipality_id=municipality.pk, pk__in=found)
            kept = set(published.values_list("pk", flat=True))
            hits[source] = {pk: hit for pk, hit in found.items() if pk in kept}
    return {source: list(found.values()) for source, found in hits.items()}


def read_hits(source, municipality, hits) -> list[Hit]:
    """`hits` with their records and letters read (those from the table have keys
    only), in one query per kind of record and of letter; the records are read again
    from the municipality's published ones and the letters from their sent ones, so a
    hit whose record was withdrawn since its entry was written is left out."""
    unread = [hit for hit in hits if hit.record is None]
    if unread:
        records = source.published().filter(municipality_id=municipality.pk)
        by_pk = records.in_bulk([hit.pk for hit in unread])
        letters = {}  # (letter model, key): (key of its record, letter)
        for letter_model, owner in source.letters:
            keys = [pk for hit in unread for model, pk in hit.letters if model is letter_model]
            sent = letter_model.objects.filter(
                status=LetterStatus.sent, pk__in=keys, **{f"{owner}_id__in": list(by_pk)}
            )
            for letter in sent if keys else ():
                letters[letter_model, letter.pk] = (getattr(letter, f"{owner}_id"), letter)
        for hit in unread:
            hit.record = by_pk.get(hit.pk)
            found = [letters.get(key, (None, None)) for key in hit.letters]
            hit.letters = [letter for owner, letter in found if owner == hit.pk]
    return [hit for hit in hits if hit.record is not None]


def find(municipality, query, request) -> list[Found]:
    """What every source found, unordered."""
    from .public_index import in_use

    pages = {source: live_index_page(source.index_page, municipality) for source in SOURCES}
    sources = [source for source in SOURCES if pages[source] is not None]
    if in_use():
        hits = hits_from_table(municipality, query, sources)
    else:
        hits = {
            source: hits_with_letters(
                query, source, source.published().filter(municipality_id=municipality.pk)
            )
            for source in sources
        }
    found = []
    for source in sources:
        show = partial(
            show_hits, source=source, municipality=municipality, base=pages[source].get_url(request)
        )
        found += [Found(hit.title, hit.date, hit.relevance, hit, show) for hit in hits[source]]
    return found


def show_hits(hits, source, municipality, base) -> list[tuple[Hit, SearchResult]]:
    read = read_hits(source, municipality, hits)
    return list(zip(read, source.results(read, base), strict=True))


def letter_hit(name, letter, *, pdf_url, page_url) -> LetterHit:
    """A matching letter under its record: `name` (its kind) and document number,
    linking to its PDF, or to the record's page while the letter has none."""
    from .letters import describe_letter

    title = f"{name} {letter.document_number}".strip()
    return LetterHit(
        title=f"{title} (PDF)" if letter.pdf else title,
        url=pdf_url if letter.pdf else page_url,
        summary=describe_letter(letter),
    )


def numbered_title(record) -> str:
    """What orders a motie or toezegging among the results: its number and title."""
    return f"{record.number} {record.title}"


def numbered_result(kind, base, hit: Hit, summary, **more) -> SearchResult:
    """The result for a record with a number (motie, toezegging), linking to its page
    under the index at `base`; `summary` is the text shown below the title."""
    record = hit.record
    return SearchResult(
        kind=kind,
        title=f"{record.number} {record.title}",
        url=f"{base}{quote(record.number, safe='')}/",
        summary=Truncator(summary).words(30),
        status=record.get_status_display(),
        overdue=record.is_overdue(),
        date=record.meeting_held_on,
        relevance=hit.relevance,
        **more,
    )


def ordered(results, words=()) -> list:
    """Results (or Found items) whose title (with its number) holds every word searched
    for first, then the most relevant; of equally relevant ones the newest, then by title.
    The title rule is ours because the backends weigh a title differently (PostgreSQL's
    rank can put a word in the text above the same word in the title). Relevance counts
    in tenths of the best result's: the scores are not exact enough to rank by their
    last digits (SQLite's differ for identical texts indexed at different moments)."""
    results = list(results)
    best = max((result.relevance for result in results), default=0) or 1

    def rank(result):
        title = result.title.lower()
        in_title = bool(words) and all(word in title for word in words)
        newest = -(result.date or datetime.date.min).toordinal()
        return (not in_title, -round(10 * result.relevance / best), newest, result.title)

    return sorted(results, key=rank)


def plain_terms(query: str):
    """The words of what the user typed, as a plain-text query: no operators, quotes or
    other syntax of a search engine reaches the backend."""
    from wagtail.search.query import PlainText

    words = re.sub(r"[^\w\s-]", " ", query.lower()).split()
    return PlainText(" ".join(words)) if words else None


def public_search(request):
    municipality = municipality_or_404(request)
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    terms = plain_terms(query)
    found = (
        ordered(
            find(municipality, terms, request),
            terms.query_string.split(),
        )
        if terms
        else []
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("pagina"))
    page.object_list = shown(page.object_list)
    return render(
        request,
        "governance/search.html",
        {
            "query": query,
            "searched": terms is not None,
            # Submitted without a word to search for (empty, or only punctuation).
            "empty_query": "q" in request.GET and terms is None,
            "page_obj": page,
            "municipality": municipality,
            "title": _("Search"),
        },
    )


@task()
def reindex_task(model: str, pks: list) -> int:
    """Bring the records `pks` of `model` ("app_label.Model") into the search index
    again: bulk creation, and changes of rows that a record indexes through related
    fields (a motie's indieners), send no signal the index listens to. Rows that are
    gone are skipped; running it twice does no harm. Returns how many were indexed."""
    from wagtail.search.backends import get_search_backends

    model_class = apps.get_model(model)
    records = list(model_class.objects.filter(pk__in=pks))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model_class, records)
    return len(records)
