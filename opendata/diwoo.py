"""Woo publication: the DiWoo metadata of every published advies and every sent letter
of a published record, for the national Woo-index (its harvester reads the sitemaps in
opendata.diwoo_sitemap) and for the API.

What is published under the Wet open overheid is decided by the same rules as the
public pages: an advies once it is *published*; a letter once it is *sent*, has its
PDF, and the motie or advies it belongs to is published. Nothing of another
municipality, nothing unpublished, withdrawn, draft or unsent.

The element names, URIs and labels below are those of DiWoo metadata 0.9.8 (KOOP,
standaarden.overheid.nl/diwoo/metadata) and its TOOI value lists (diwoo-metadata-
lijsten.xsd, vendored under tests/schemas/diwoo); docs/woo.md says what was chosen and
why. The labels are the value lists' own (Dutch) labels, data rather than UI text.

For the API, `advice_metadata(advice, request)` and `letter_metadata(letter, request)`
give one record's metadata as JSON-ready values. Given a record from
`publishable_advices()` / `publishable_letters()` they run no query (the base URL of
the municipality's public pages is remembered on the request)."""

import datetime
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote

from django.db.models import CharField, DateTimeField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from advice.constants import AdviceStatus
from advice.models import Advice, CouncilInformationLetter, ResponseLetter
from advice.pages import AdviceIndexPage
from governance.letters import LetterStatus
from motions.models import CompletionLetter, Motion
from motions.pages import MotionIndexPage

SCHEMA_VERSION = "0.9.8"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
TOOI_ORGANISATION = "https://identifier.overheid.nl/tooi/id/gemeente/"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class Term:
    """A value of a TOOI (or EU) value list: its URI and its label."""

    resource: str
    label: str

    def as_json(self) -> dict:
        return {"resource": self.resource, "label": self.label}


@dataclass(frozen=True)
class Category:
    """A Woo informatiecategorie; `code` names its sitemap index (sitemapindex-diwoo-
    infocat008.xml), numbered in the order of art. 3.3 lid 2 Woo."""

    code: str
    term: Term


# scw_woo_informatiecategorieen
MEETING_DOCUMENTS = Category(
    "infocat008", Term(f"{KERN}c_db4862c3", "vergaderstukken decentrale overheden")
)
ADVICE = Category("infocat010", Term(f"{KERN}c_99a836c7", "adviezen"))
CATEGORIES = {category.code: category for category in (MEETING_DOCUMENTS, ADVICE)}

# ccw_plooi_documentsoorten
KIND_ADVICE = Term(f"{KERN}c_d506b718", "advies")
KIND_LETTER = Term(f"{KERN}c_7652d853", "brief")
# scw_talen, ccw_plooi_filetypes
DUTCH = Term(f"{EU_LANGUAGE}NLD", "Nederlands")
PDF = Term(f"{EU_FILE_TYPE}PDF", "PDF")
HTML = Term(f"{EU_FILE_TYPE}HTML", "HTML")
# ccw_plooi_documenthandelingen
ADOPTION = Term(f"{KERN}c_641ecd76", "vaststelling")
RECEIPT = Term(f"{KERN}c_dfcee535", "ontvangst")
# scw_documentrelatie
RESPONDS_TO = Term(f"{KERN}c_07748060", "is reactie op")
REFERS_TO = Term(f"{KERN}c_75fac459", "verwijst naar")


def organisation(municipality) -> Term:
    """The municipality as TOOI organisation: publisher, responsible and author."""
    return Term(f"{TOOI_ORGANISATION}{municipality.tooi_code}", f"gemeente {municipality.name}")


@dataclass(frozen=True)
class Handling:
    """A documenthandeling: what was done with the document, and when."""

    kind: Term
    at: datetime.datetime


@dataclass(frozen=True)
class Relation:
    """A documentrelatie: the role of another public document towards this one."""

    role: Term
    url: str
    title: str


@dataclass
class WooDocument:
    """One published document as the Woo-index sees it: where it is and its metadata."""

    url: str
    lastmod: datetime.datetime
    published_at: datetime.datetime | None
    title: str
    category: Category
    kind: Term
    format: Term
    created: datetime.date
    municipality_term: Term
    identifiers: list[str] = field(default_factory=list)
    author: Term | None = None
    author_name: str = ""
    handlings: list[Handling] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def as_json(self) -> dict:
        """The metadata as JSON-ready values, under DiWoo's element names."""
        organisation = self.municipality_term.as_json()
        return {
            "loc": self.url,
            "lastmod": w3c_datetime(self.lastmod),
            "publicatiedatum": w3c_datetime(self.published_at) if self.published_at else None,
            "identifiers": self.identifiers,
            "publisher": organisation,
            "verantwoordelijke": organisation,
            "opsteller": self.author.as_json() if self.author else None,
            "naamOpsteller": self.author_name or None,
            "officieleTitel": self.title,
            "informatiecategorie": self.category.term.as_json(),
            "documentsoort": self.kind.as_json(),
            "creatiedatum": self.created.isoformat(),
            "language": DUTCH.as_json(),
            "format": self.format.as_json(),
            "documenthandelingen": [
                {"soortHandeling": h.kind.as_json(), "atTime": w3c_datetime(h.at)}
                for h in self.handlings
            ],
            "documentrelaties": [
                {"role": r.role.as_json(), "relation": {"resource": r.url, "label": r.title}}
                for r in self.relations
            ],
        }


def w3c_datetime(moment: datetime.datetime) -> str:
    """A moment in Dutch time to the second, as sitemaps and xs:dateTime want it."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def start_of_day(day: datetime.date) -> datetime.datetime:
    """A date as the first moment of that day in Dutch time (atTime is an xs:dateTime)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def latest(*moments):
    """The latest of the moments that are known."""
    known = [moment for moment in moments if moment is not None]
    return max(known) if known else None


# ---------------------------------------------------------------------------------------
# What is published, fetched up front (one query per kind)
# ---------------------------------------------------------------------------------------


def advice_last_changed(outer="pk"):
    """When the advies (named by `outer`) last changed, from its history."""
    history = Advice.history.model.objects.filter(id=OuterRef(outer))
    return Subquery(history.order_by("-history_date").values("history_date")[:1])


def publishable_advices(municipality):
    """The municipality's published adviezen (the rule of its public advice pages), with
    when each was published (its `published_at`, set by the publish step) and last
    changed (its history)."""
    return (
        Advice.objects.filter(municipality=municipality, status=AdviceStatus.published)
        .select_related("municipality", "advisory_council")
        .annotate(
            woo_lastmod=Coalesce(advice_last_changed(), "created_at"),
            woo_published_at=F("published_at"),
        )
    )


def publishable_completion_letters(municipality):
    """The sent raadsbrieven, with their PDF, of the municipality's published moties."""
    return (
        CompletionLetter.objects.filter(
            status=LetterStatus.sent,
            motion__in=Motion.objects.published().filter(municipality=municipality),
        )
        .exclude(pdf="")
        .select_related("motion", "motion__municipality")
        .annotate(woo_record_published_at=F("motion__published_at"))
    )


def publishable_advice_letters(model, municipality):
    """The sent letters of `model` (ResponseLetter or CouncilInformationLetter), with
    their PDF, of the municipality's published adviezen."""
    return (
        model.objects.filter(
            status=LetterStatus.sent,
            advice__municipality=municipality,
            advice__status=AdviceStatus.published,
        )
        .exclude(pdf="")
        .select_related("advice", "advice__municipality")
        .annotate(woo_record_published_at=F("advice__published_at"))
    )


def publishable_letters(municipality) -> dict:
    """Every kind of publishable letter of the municipality, by model."""
    return {
        CompletionLetter: publishable_completion_letters(municipality),
        ResponseLetter: publishable_advice_letters(ResponseLetter, municipality),
        CouncilInformationLetter: publishable_advice_letters(
            CouncilInformationLetter, municipality
        ),
    }


# ---------------------------------------------------------------------------------------
# Where they are
# ---------------------------------------------------------------------------------------


def public_base(municipality, page_model, request) -> str | None:
    """The absolute URL (ending in /) of the municipality's live `page_model` index,
    or None when its site has none. On the site's own host the request's scheme and
    port are kept; the answer is remembered on the request."""
    memo = request.__dict__.setdefault("_diwoo_bases", {}) if request is not None else {}
    key = (municipality.pk, page_model)
    if key not in memo:
        memo[key] = _public_base(municipality, page_model, request)
    return memo[key]


def _public_base(municipality, page_model, request):
    site = Site.objects.select_related("root_page").filter(municipality=municipality).first()
    if site is None:
        return None
    root = site.root_page
    page = page_model.objects.live().filter(path__startswith=root.path, depth__gt=root.depth)
    page = page.only("url_path").first()
    if page is None:
        return None
    path = "/" + page.url_path[len(root.url_path) :].lstrip("/")
    if request is not None and request.get_host().split(":")[0].lower() == site.hostname.lower():
        return request.build_absolute_uri(path)
    return site.root_url + path


# ---------------------------------------------------------------------------------------
# Each kind as a WooDocument
# ---------------------------------------------------------------------------------------


def advice_document(advice, base: str) -> WooDocument:
    """A published advies: its public page (HTML: the advies with the college's response
    beside each point). Its author, the adviesraad, has no TOOI identifier: named only."""
    handlings = [Handling(ADOPTION, start_of_day(advice.date))]
    if advice.received_date:
        handlings.append(Handling(RECEIPT, start_of_day(advice.received_date)))
    return WooDocument(
        url=f"{base}{advice.pk}/",
        lastmod=advice.woo_lastmod,
        published_at=advice.woo_published_at or advice.woo_lastmod,
        title=advice.subject,
        category=ADVICE,
        kind=KIND_ADVICE,
        format=HTML,
        created=advice.date,
        municipality_term=organisation(advice.municipality),
        identifiers=[advice.reference] if advice.reference else [],
        author_name=advice.advisory_council.name,
        handlings=handlings,
    )


def letter_document(letter, municipality, record_url: str, relation: Relation) -> WooDocument:
    """A sent letter of the college: its PDF. A sent letter never changes, so it last
    changed when it became public."""
    # Letters sent before sent_at was kept fall back to when they were made.
    published = latest(letter.sent_at, letter.woo_record_published_at) or letter.created_at
    created = letter.letter_date or timezone.localdate(published)
    return WooDocument(
        url=f"{record_url}brief/{_letter_path(letter)}{letter.pk}/",
        lastmod=published,
        published_at=published,
        title=letter_title(letter),
        category=ADVICE if isinstance(letter, ResponseLetter) else MEETING_DOCUMENTS,
        kind=KIND_LETTER,
        format=PDF,
        created=created,
        municipality_term=organisation(municipality),
        identifiers=[n for n in (letter.case_number, letter.document_number) if n],
        author=organisation(municipality),
        handlings=[Handling(ADOPTION, start_of_day(created))],
        relations=[relation],
    )


def _letter_path(letter) -> str:
    """The part of a letter's public URL that names its kind (see advice.pages)."""
    return {ResponseLetter: "reactie/", CouncilInformationLetter: "raad/"}.get(type(letter), "")


def letter_title(letter) -> str:
    """The letter's official title, in Dutch; a correction says its version."""
    with translation.override("nl"):
        if isinstance(letter, CompletionLetter):
            title = _("Council letter on completing motion %(number)s '%(title)s'") % {
                "number": letter.motion.number,
                "title": letter.motion.title,
            }
        elif isinstance(letter, ResponseLetter):
            title = _("College response to the advice '%(subject)s'") % {
                "subject": letter.advice.subject
            }
        else:
            title = _("Council information letter on the advice '%(subject)s'") % {
                "subject": letter.advice.subject
            }
        if letter.version > 1:
            title += " " + _("(version %(version)s)") % {"version": letter.version}
    return title


def completion_letter_document(letter, motion_base: str) -> WooDocument:
    motion = letter.motion
    url = f"{motion_base}{quote(motion.number, safe='')}/"
    relation = Relation(RESPONDS_TO, url, motion.title)
    return letter_document(letter, motion.municipality, url, relation)


def advice_letter_document(letter, advice_base: str) -> WooDocument:
    url = f"{advice_base}{letter.advice_id}/"
    role = RESPONDS_TO if isinstance(letter, ResponseLetter) else REFERS_TO
    relation = Relation(role, url, letter.advice.subject)
    return letter_document(letter, letter.advice.municipality, url, relation)


# ---------------------------------------------------------------------------------------
# Per category (the sitemaps) and per record (the API)
# ---------------------------------------------------------------------------------------


# The kinds of document, in the order they take among documents published at the same
# moment: a one-letter code each (the key a sitemap page fetches them by).
ADVICE_CODE, RESPONSE_CODE, COMPLETION_CODE, INFORMATION_CODE = "a", "c", "m", "r"


def category_rows(municipality, category: Category, request):
    """The municipality's published documents of one informatiecategorie as rows of
    (published, kind code, id, lastmod) — a union of one query per kind, not yet run —
    or None when the category has none at all. Ordered by `DOCUMENT_ORDER`: oldest
    publication first (new ones land on the last sitemap page)."""
    parts = []
    for code, records, published, lastmod in _category_kinds(municipality, category, request):
        parts.append(
            records.order_by()
            .annotate(
                woo_sort=published,
                woo_kind=Value(code, output_field=CharField()),
                woo_id=F("pk"),
                woo_mod=lastmod,
            )
            .values_list("woo_sort", "woo_kind", "woo_id", "woo_mod")
        )
    if not parts:
        return None
    return parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]


DOCUMENT_ORDER = ("woo_sort", "woo_kind", "woo_id")


def _category_kinds(municipality, category, request):
    """Per kind of document in the category whose index page the site has: its code,
    its publishable records, and when each was published and last changed (SQL)."""
    motion_base = public_base(municipality, MotionIndexPage, request)
    advice_base = public_base(municipality, AdviceIndexPage, request)
    if advice_base and category == ADVICE:
        lastmod = Coalesce(advice_last_changed(), "created_at")
        published = Coalesce("published_at", lastmod)
        yield ADVICE_CODE, publishable_advices(municipality), published, lastmod
    if motion_base and category == MEETING_DOCUMENTS:
        published = letter_published()
        yield COMPLETION_CODE, publishable_completion_letters(municipality), published, published
    if advice_base:
        model, code = (
            (ResponseLetter, RESPONSE_CODE)
            if category == ADVICE
            else (CouncilInformationLetter, INFORMATION_CODE)
        )
        letters = publishable_advice_letters(model, municipality)
        yield code, letters, letter_published(), letter_published()


def letter_published():
    """`letter_document`'s moment of publication in SQL: the later of when the letter
    was sent and when its record was published, else when the letter was made."""
    sent, record = F("sent_at"), F("woo_record_published_at")
    later = Greatest(Coalesce(sent, record), Coalesce(record, sent))
    return Coalesce(later, "created_at", output_field=DateTimeField())


def category_documents(municipality, category: Category, request, keys) -> list[WooDocument]:
    """The documents named by `keys` ((kind code, id) pairs from `category_rows`), in
    that order: one query per kind among them."""
    motion_base = public_base(municipality, MotionIndexPage, request)
    advice_base = public_base(municipality, AdviceIndexPage, request)
    wanted: dict[str, list] = {}
    for code, pk in keys:
        wanted.setdefault(code, []).append(pk)
    build = {
        ADVICE_CODE: (publishable_advices, lambda a: advice_document(a, advice_base)),
        COMPLETION_CODE: (
            publishable_completion_letters,
            lambda letter: completion_letter_document(letter, motion_base),
        ),
        RESPONSE_CODE: (
            partial(publishable_advice_letters, ResponseLetter),
            lambda letter: advice_letter_document(letter, advice_base),
        ),
        INFORMATION_CODE: (
            partial(publishable_advice_letters, CouncilInformationLetter),
            lambda letter: advice_letter_document(letter, advice_base),
        ),
    }
    found = {}
    for code, pks in wanted.items():
        records, document = build[code]
        for record in records(municipality).filter(pk__in=pks):
            found[code, record.pk] = document(record)
    return [found[key] for key in keys if key in found]


def advice_metadata(advice, request) -> dict | None:
    """The DiWoo metadata of an advies as JSON-ready values, or None when it is not
    published (or its site shows no adviezen). Runs no query for an advies from
    `publishable_advices()`."""
    if not hasattr(advice, "woo_lastmod"):
        advice = publishable_advices(advice.municipality).filter(pk=advice.pk).first()
        if advice is None:
            return None
    base = public_base(advice.municipality, AdviceIndexPage, request)
    return advice_document(advice, base).as_json() if base else None


def letter_metadata(letter, request) -> dict | None:
    """The DiWoo metadata of a sent letter (raadsbrief, collegereactie or
    raadsinformatiebrief) of a published record, or None when it is not public. Runs
    no query for a letter from `publishable_letters()`."""
    is_motion_letter = isinstance(letter, CompletionLetter)
    record = letter.motion if is_motion_letter else letter.advice
    if not hasattr(letter, "woo_record_published_at"):
        letter = publishable_letters(record.municipality)[type(letter)].filter(pk=letter.pk).first()
        if letter is None:
            return None
    page_model = MotionIndexPage if is_motion_letter else AdviceIndexPage
    base = public_base(record.municipality, page_model, request)
    if base is None:
        return None
    build = completion_letter_document if is_motion_letter else advice_letter_document
    return build(letter, base).as_json()
