"""Proposing advice points from the text of an advies.

The adviesraad types, pastes or uploads its letter; Raadsvolg proposes the points:
the paragraphs and list items that advise ("we adviseren …", "de adviesraad
adviseert …", "wij raden u aan …", "is het aan te raden …", the items of an advice
list), each with the heading it stands under as its theme. A closing summary that
repeats the points adds nothing: a point that repeats an earlier one is dropped.
The user reviews the proposal before anything is saved.

Text from PDFs is messy, so it is cleaned first: hyphenation at line ends is undone,
URL-only lines, page numbers and lines repeated on every page (headers and
footers) are dropped, and mojibake is repaired. Text that is not usable (a scan
without a text layer, a broken font encoding) raises `ExtractionError` rather than
inventing points."""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import ftfy
from django.utils.translation import gettext as _

# What makes a sentence advice. In a list item the phrase may stand anywhere in its
# first sentence; in running text the sentence must open with it.
ADVICE_PHRASES = [
    r"(?:we|wij) (?:adviseren|raden|bevelen)\b",
    r"(?:adviseren|raden|bevelen) (?:we|wij)\b",
    # "de adviesraad", or its full name: "de Adviesraad Sociaal Domein Westerveen"
    r"de adviesraad(?: [A-Z\w][\w-]*){0,4} (?:adviseert|raadt|beveelt)\b",
    r"(?:adviseert|raadt|beveelt) de adviesraad\b",
    r"(?:is|lijkt) het (?:ons )?(?:aan te raden|raadzaam)\b",
    r"het is (?:\w+ )?(?:ons )?(?:aan te raden|raadzaam)\b",
    r"(?:we|wij) geven (?:u|het college) in overweging\b",
]
ADVICE = re.compile("|".join(ADVICE_PHRASES), re.IGNORECASE)
# Words that may precede the advice phrase at the start of a sentence in running text.
CONNECTIVES = (
    r"(?:(?:daarom|ook|verder|tevens|tot slot|ten slotte|tenslotte|bovendien|derhalve|"
    r"dan ook|kortom|concreet|daarnaast|voorts|vervolgens|samenvattend|als laatste|"
    r"allereerst|eerst|tot besluit),?\s+)*"
)
OPENS_WITH_ADVICE = re.compile(rf"^\W*{CONNECTIVES}(?:{'|'.join(ADVICE_PHRASES)})", re.IGNORECASE)

BULLET = r"[•\-\*–·▪●◦\uf0b7\uf0a7\uf076\uf0d8]"
LIST_MARKER = re.compile(rf"^\s*(?:{BULLET}|(?P<num>\d{{1,2}})[.)]|(?P<letter>[a-z])[.)])\s+")
# "Advies 1: Zorg dat …" is an advice point by its label.
ADVICE_ITEM = re.compile(r"^\s*advies\s+\d{1,3}\s*[:.)]\s+", re.IGNORECASE)
# Some PDF extractions lose the bullet glyph but keep the space before the text.
INDENTED = re.compile(r"^\s+\S")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-ZÀ-Ý])")
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
PAGE_NUMBER = re.compile(
    r"^\s*(?:pagina\s*)?-?\s*\d{1,3}\s*(?:(?:van|/)\s*\d{1,3})?\s*-?\s*$", re.I
)
NOT_A_HEADING = re.compile(
    r"^(?:geacht|beste|met vriendelijke|hoogachtend|namens|ons kenmerk|uw kenmerk|betreft|"
    r"datum|onderwerp|bijlage)",
    re.IGNORECASE,
)
MIN_USABLE_LETTERS = 200
# A few garbled words (a font without a proper character map) are noise; more than
# this share of unreadable characters means the text cannot be trusted.
MAX_ODD_SHARE = 0.10


class ExtractionError(Exception):
    """The text cannot give advice points; `str()` is the message for the user."""


@dataclass
class ProposedPoint:
    number: int
    theme: str
    text: str

    def as_dict(self) -> dict:
        return {"number": self.number, "theme": self.theme, "text": self.text}


@dataclass
class Block:
    """A paragraph or list item of the cleaned text."""

    lines: list[str] = field(default_factory=list)
    marker: str = ""  # "", "bullet", "number", "letter" or "advice" ("Advies 1:")
    heading_line: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines).strip()


def clean_text(raw: str) -> str:
    """Text as a person would read it: repaired, without page furniture or line-end
    hyphenation, paragraphs kept apart by blank lines."""
    text = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"), uncurl_quotes=False)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u00ad", "")
    text = re.sub(r"(?<=[a-zà-ÿ])-\n\s*(?=[a-zà-ÿ])", "", text)
    lines = text.split("\n")
    counts = Counter(line.strip() for line in lines if line.strip())
    furniture = {
        line
        for line, count in counts.items()
        if count >= 3 and len(line) < 80 and not line.endswith(":") and not ADVICE.search(line)
    }
    kept = [
        ""
        if URL_LINE.match(line) or PAGE_NUMBER.match(line) or line.strip() in furniture
        else line.rstrip()
        for line in lines
    ]
    return "\n".join(kept)


def check_usable(text: str) -> None:
    """Refuse text without enough readable words, e.g. a scan or a broken font."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < MIN_USABLE_LETTERS:
        raise ExtractionError(
            _("This document contains no usable text (is it a scan?). Type or paste the advice.")
        )
    odd = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "So", "Cn") or ch == "\ufffd")
    if odd / max(letters, 1) > MAX_ODD_SHARE:
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
    letters = sum(ch.isalpha() for ch in text)
    return sum(_is_odd(ch) for ch in text) / max(letters, 1)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs and list items; a paragraph broken by a page break is joined again,
    and a heading line directly followed by its text stands on its own."""
    blocks: list[Block] = []
    current: Block | None = None
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            current = None
            continue
        marker = LIST_MARKER.match(line)
        heading_line = _is_heading_line(lines, index)
        if (
            marker
            or ADVICE_ITEM.match(line)
            or INDENTED.match(line)
            or heading_line
            or current is None
            or _ends_heading_line(current, line)
            or current.heading_line
        ):
            kind = ""
            if ADVICE_ITEM.match(line):
                kind = "advice"
            elif marker:
                kind = "number" if marker["num"] else "letter" if marker["letter"] else "bullet"
            elif INDENTED.match(line):
                kind = "bullet"
            current = Block([line], kind, heading_line=heading_line)
            blocks.append(current)
        else:
            current.lines.append(line)
    return _join_broken(blocks)


def _is_heading_line(lines: list[str], index: int) -> bool:
    """A short line of its own that reads as a heading: no closing punctuation, after a
    finished sentence (or a blank line), followed by a line that starts a sentence."""
    line = lines[index].strip()
    if (
        not line
        or len(line) > 60
        or not line[:1].isupper()
        or re.search(r"[.!?,;:]$", line)
        or ADVICE.search(line)
        or NOT_A_HEADING.match(line)
        or LIST_MARKER.match(lines[index])
    ):
        return False
    before = lines[index - 1].strip() if index else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return (not before or bool(re.search(r"[.!?:]$", before))) and bool(after[:1].isupper())


def _ends_heading_line(block: Block, next_line: str) -> bool:
    """'a. Maatwerk' on a line of its own, with the text starting on the next line."""
    first = block.lines[0].strip()
    return (
        len(block.lines) == 1
        and block.marker in ("number", "letter")
        and len(first) <= 100
        and ":" not in first
        and not re.search(r"[.!?;,]$", first)
        and next_line.strip()[:1].isupper()
    )


def _join_broken(blocks: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not block.marker
            and block.text[:1].islower()
            and not re.search(r"[.!?:;]$", previous.text)
        ):
            previous.lines.extend(block.lines)
        else:
            joined.append(block)
    return joined


def _strip_marker(text: str) -> str:
    text = ADVICE_ITEM.sub("", text, count=1)
    return LIST_MARKER.sub("", text, count=1).strip()


def _first_sentence(text: str) -> str:
    return SENTENCE_END.split(text, maxsplit=1)[0]


def heading_of(block: Block) -> tuple[int, str] | None:
    """(level, title) when the block is a heading: a short numbered or lettered line,
    or a short line of its own without closing punctuation."""
    text = _strip_marker(block.text) if block.marker in ("number", "letter") else block.text
    if (
        not text
        or ADVICE.search(text)
        or len(block.lines) > 2
        or re.search(r"www\.|https?:|\?", text)
    ):
        return None
    if block.marker == "number" and len(text) <= 160:
        return 1, text.rstrip(". ")
    if (
        block.marker == "letter"
        and len(text) <= 120
        and ":" not in text
        and not re.search(r"[.!?]$", text)
    ):
        return 2, text
    if (
        len(text) <= 100
        and text[:1].isupper()
        and not re.search(r"[.!?,;:]$", text)
        and ":" not in text
        and not NOT_A_HEADING.match(text)
    ):
        return 2, text
    return None


def _inline_heading(block: Block) -> str | None:
    """'c. Maatwerk: Het uitgangspunt …' carries the heading 'Maatwerk'."""
    if block.marker not in ("number", "letter"):
        return None
    match = re.match(r"^([^:.!?]{2,80}):\s", _strip_marker(block.text))
    return match[1].strip() if match else None


def _points_in(block: Block, in_advice_list: bool) -> list[str]:
    text = block.text
    if block.marker:
        body = _strip_marker(text) if block.marker != "bullet" else text.lstrip("•-*–·▪●◦ ")
        if block.marker == "advice" or in_advice_list or ADVICE.search(_first_sentence(body)):
            return [body.rstrip(";")]
        return []
    points: list[list[str]] = []
    for sentence in SENTENCE_END.split(text):
        if OPENS_WITH_ADVICE.match(sentence) and not sentence.endswith(":"):
            points.append([sentence])
        elif points:
            points[-1].append(sentence)
    return [" ".join(sentences) for sentences in points]


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


STOP = {
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "te",
    "om",
    "dat",
    "die",
    "voor",
    "met",
    "als",
    "aan",
    "is",
    "zijn",
    "we",
    "wij",
    "u",
    "ons",
    "onze",
    "uw",
    "niet",
    "ook",
    "bij",
    "door",
    "naar",
    "of",
    "tot",
    "dit",
    "deze",
    "er",
    "worden",
    "wordt",
    "college",
    "adviesraad",
    "adviseren",
    "adviseert",
    "raden",
}


def _stems(text: str) -> set[str]:
    """Crude stems (the first five letters) of the significant words."""
    return {w[:5] for w in re.findall(r"\w+", text.lower()) if len(w) > 3 and w not in STOP}


@dataclass
class Said:
    """A point already found, and the block it came from."""

    normal: str
    stems: set[str]
    block: int


def _repeats(text: str, block: int, earlier: list[Said]) -> bool:
    """Whether `text` says again what a point of another block said, as a summary does:
    contained in it, nearly the same, or (shortened) with the same key words."""
    normal, stems = _normal(text), _stems(text)
    for said in earlier:
        if said.block == block:
            continue  # two points of one paragraph are two points
        if normal in said.normal or said.normal in normal:
            return True
        shorter = min(len(stems), len(said.stems))
        if shorter and len(stems & said.stems) / shorter >= 0.75:
            return True
        matcher = SequenceMatcher(None, normal, said.normal, autojunk=False)
        if matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8:
            return True
    return False


def extract_points(raw_text: str) -> list[ProposedPoint]:
    """The advice points of an advies, in order, each with its theme."""
    text = clean_text(raw_text)
    check_usable(text)
    headings: dict[int, str] = {}
    points: list[ProposedPoint] = []
    seen: list[Said] = []
    in_advice_list = False
    for index, block in enumerate(split_blocks(text)):
        heading = heading_of(block)
        # In an advice list, short numbered items are advice, not headings; a heading
        # of its own (unnumbered) ends the list.
        if heading and (not in_advice_list or not block.marker):
            level, title = heading
            headings = {k: v for k, v in headings.items() if k < level}
            headings[level] = title
            in_advice_list = False
            continue
        if inline := _inline_heading(block):
            headings = {k: v for k, v in headings.items() if k < 2} | {2: inline}
        for point_text in _points_in(block, in_advice_list):
            if _repeats(point_text, index, seen):
                continue
            seen.append(Said(_normal(point_text), _stems(point_text), index))
            theme = headings.get(2) or headings.get(1) or ""
            text_ = point_text[:1].upper() + point_text[1:]
            points.append(ProposedPoint(len(points) + 1, theme, text_))
        if not block.marker:
            # "De adviesraad adviseert het volgende:" opens a list of advice items.
            in_advice_list = bool(ADVICE.search(block.text)) and block.text.endswith(":")
    return points
