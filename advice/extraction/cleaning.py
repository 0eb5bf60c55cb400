"""Text as a person reads it: repaired characters, no page furniture, no line-end
hyphenation; and the guard that refuses text no person could read (a scan without a
text layer, a broken font map).

Page furniture is told apart from content by where a line stands, not only by how
often it occurs: a running header or footer stands at the edge of a page (next to a
page break or a page number) on most pages, while a sentence that an advies repeats in
three sections stands in the middle of the text and is kept."""

import bisect
import re
import unicodedata
from collections import Counter, defaultdict

import ftfy
from django.utils.translation import gettext as _

PAGE_BREAK = "\f"
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
PAGE_NUMBER = re.compile(
    r"^\s*(?:pagina|blz\.?|page)?\s*-?\s*\d{1,3}\s*(?:(?:van|/|of)\s*\d{1,3})?\s*-?\s*$", re.I
)
MIN_USABLE_LETTERS = 200
# A few garbled words (a font without a proper character map) are noise; more than
# this share of unreadable characters means the text cannot be trusted.
MAX_ODD_SHARE = 0.10
# How close to a page edge (in non-empty lines) a running header or footer stands.
EDGE = 2


class ExtractionError(Exception):
    """The text cannot give advice points; `str()` is the message for the user."""


def clean_text(raw: str) -> str:
    """Text as a person would read it: repaired, without page furniture or line-end
    hyphenation, paragraphs kept apart by blank lines."""
    text = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"), uncurl_quotes=False)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\u200b", "")
    text = re.sub(r"(?<=[a-zà-ÿ])-\n[ \t]*(?:\f\n?)?(?=[a-zà-ÿ])", "", text)
    # "… te voorkomen.Tevens vraagt …": sentences glued together by a web page
    text = re.sub(r"(?<=[a-zà-ÿ)]{2}[.!?])(?=[A-Z][a-zà-ÿ]{2})", " ", text)
    lines = _drop_footnotes(text.split("\n"))
    furniture = _furniture(lines)
    kept = []
    for line in lines:
        stripped = line.strip()
        if (
            PAGE_BREAK in line
            or URL_LINE.match(line)
            or PAGE_NUMBER.match(line)
            or stripped in furniture
        ):
            kept.append("")
        else:
            kept.append(line.rstrip())
    return "\n".join(kept)


FOOTNOTE = re.compile(r"^\s*\d{1,2}\s+[A-Z]")


def _drop_footnotes(lines: list[str]) -> list[str]:
    """A footnote that a page break put inside a sentence ("… lokale groepen een" /
    "1 Onderzoek naar …" / "rol hebben …"): dropped up to the blank line after it, so
    that the sentence can be joined again."""
    kept: list[str] = []
    skipping = False
    previous = ""
    for line in lines:
        if skipping:
            if not line.strip() or URL_LINE.match(line):
                skipping = False
                kept.append("")
            continue
        if FOOTNOTE.match(line) and len(previous) >= 40 and re.search(r"[a-zà-ÿ,]$", previous):
            skipping = True
            continue
        kept.append(line)
        if line.strip():
            previous = line.strip()
    return kept


def _furniture(lines: list[str]) -> set[str]:
    """Short lines that stand at a page edge on at least three pages."""
    edges = _page_edges(lines)
    counts = Counter(line.strip() for line in lines if line.strip())
    at_edge: defaultdict[str, int] = defaultdict(int)
    for index in edges:
        at_edge[lines[index].strip()] += 1
    return {
        line
        for line, count in counts.items()
        if count >= 3 and len(line) < 100 and at_edge[line] >= max(3, count * 0.6)
    }


def _page_edges(lines: list[str]) -> set[int]:
    """Indexes of the non-empty lines within EDGE lines of a page break, a page number,
    or the start or end of the text."""
    content = [
        i
        for i, line in enumerate(lines)
        if line.strip() and PAGE_BREAK not in line and not PAGE_NUMBER.match(line)
    ]
    if not content:
        return set()
    boundaries = [
        i for i, line in enumerate(lines) if PAGE_BREAK in line or PAGE_NUMBER.match(line)
    ]
    edges: set[int] = set(content[:EDGE]) | set(content[-EDGE:])
    for boundary in boundaries:
        at = bisect.bisect_left(content, boundary)
        edges.update(content[max(at - EDGE, 0) : at + EDGE])
    return edges


LETTER = re.compile(r"[^\W\d_]")
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _letters(text: str) -> int:
    return len(LETTER.findall(text))


def check_usable(text: str) -> None:
    """Refuse text without enough readable words, e.g. a scan or a broken font."""
    letters = _letters(text)
    if letters < MIN_USABLE_LETTERS:
        raise ExtractionError(
            _("This document contains no usable text (is it a scan?). Type or paste the advice.")
        )
    if odd_share(text) > MAX_ODD_SHARE:
        raise ExtractionError(
            _(
                "The text of this document is garbled (its characters are not readable). "
                "Type or paste the advice."
            )
        )


def _is_odd(ch: str) -> bool:
    """A character a Dutch letter does not contain: private use, symbols, replacement
    characters, and letters of non-Latin scripts (as a broken font map produces)."""
    if ch.isascii():
        return False
    if ch.isalpha():
        return not unicodedata.name(ch, "").startswith(("LATIN", "GREEK"))
    return unicodedata.category(ch) in ("Co", "So", "Cn") or ch == "\ufffd"


def odd_share(text: str) -> float:
    """The share of unreadable characters among the letters of the text."""
    # Only characters outside ASCII can be odd; looking at those alone keeps a long
    # text fast.
    return sum(_is_odd(ch) for ch in NON_ASCII.findall(text)) / max(_letters(text), 1)
