"""The blocks of a letter: paragraphs, list items, labels, headings and table rows.

A paragraph broken by a page break (or by the hard line breaks of text copied out of
a PDF) is joined again; a heading line directly followed by its text stands on its
own; a list item knows its marker and indentation, so that sub-bullets can be told
from the recommendations they belong to; a tab-separated line is a table row, as a
table copied out of Word arrives."""

import re
from dataclasses import dataclass, field

from .evidence import first_words, is_imperative, weigh

BULLET = r"[•\-\*–·▪●◦○■□➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc]"
# A marker is followed by a space, or (in text copied out of a PDF) glued to the
# capital that starts the item: "1.De ASD adviseert", "•er geldt".
LIST_MARKER = re.compile(
    rf"^(?P<indent>\s*)(?:(?P<bullet>{BULLET})(?:\s+|(?=[^\s\-–]))|"
    rf"\(?(?P<num>\d{{1,2}})[.)](?:\s+|(?=[A-Z]))|"
    rf"\(?(?P<letter>[a-z])[.)](?:\s+|(?=[A-Z]))|"
    rf"(?P<roman>(?:i{{1,3}}|iv|vi{{0,3}}|ix|x))[.)]\s+)"
)
# "Advies 1", "Advies 2:", "Aanbeveling 3 –", "Advies:", "Ons advies:", "Onze aanbeveling:"
LABEL = re.compile(
    r"^\s*(?:(?:ons|onze|het)\s+)?(?P<name>advies|aanbeveling|adviespunt|aandachtspunt)"
    r"(?:\s+(?P<num>\d{1,3}|[IVX]{1,4}|[a-z](?=\s*[:)\-–—]))"
    r"|\s+van\s+de\s+[\w\- ]{2,40}?(?=\s*:))?"
    r"\s*(?P<sep>[:.)\-–—]|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
EXPLANATION_LABEL = re.compile(
    r"^\s*(?P<name>toelichting|onderbouwing|motivering|argumentatie|achtergrond|"
    r"waarom|overwegingen|overweging|uitleg|context|analyse|bevindingen?)"
    r"(?:\s+(?:bij|op)\s+(?:advies|aanbeveling)\s*\d{0,3})?\s*(?P<sep>[:.\-–—]|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
QUESTION_LABEL = re.compile(
    r"^\s*(?:(?:de\s+)?(?:adviesvraag|vraag)(?:\s+\d{1,3})?(?:\s+van\s+(?:het|de)\s+\w+)?)"
    r"\s*(?P<sep>[:.\-–—]|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
ANSWER_LABEL = re.compile(
    r"^\s*(?:(?:ons|onze|het)\s+)?(?:antwoord|reactie(?:\s+(?:van\s+de\s+)?\w*raad)?)"
    r"\s*(?P<sep>[:.\-–—]|$)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# Some PDF extractions lose the bullet glyph but keep the space before the text.
INDENTED = re.compile(r"^\s+\S")
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
NUMBERED_HEADING = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+)\.?\s+(?P<title>\S.*)$")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-Ý0-9])")
# After these a full stop ends no sentence: initials ("F."), "art.", "drs.", "o.a.".
ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:art|artt|nr|nrs|drs|dr|mr|ir|ing|prof|mw|dhr|mevr|bijv|bv|"
    r"ca|vs|jl|j\.l|o\.a|d\.d|t\.a\.v|m\.b\.t|e\.d|e\.a|i\.p\.v|m\.n|m\.i\.v|n\.a\.v|"
    r"zgn|incl|excl|resp|evt|blz|pag|lid|hfst|par|cf|etc|st))\.$",
    re.IGNORECASE,
)
POSTCODE = re.compile(r"\b\d{4}\s?[A-Z]{2}\b")
MONTHS = r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DATE_LINE = re.compile(
    rf"\b\d{{1,2}}\s+(?:{MONTHS})\b|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b", re.I
)
NOT_A_HEADING = re.compile(
    r"^(?:geacht|beste|met vriendelijke|hoogachtend|namens|ons kenmerk|uw kenmerk|betreft|"
    r"datum|onderwerp|bijlage|aan\b|van\b|cc\b|verzonden|telefoon|e-?mail|kenmerk|"
    r"postbus|retouradres)",
    re.IGNORECASE,
)


@dataclass
class Block:
    """A paragraph, list item, label, heading line or table row of the cleaned text."""

    lines: list[str] = field(default_factory=list)
    # "", "bullet", "number", "letter", "roman", "advice" (a label such as "Advies 1:")
    marker: str = ""
    heading_line: bool = False
    indent: int = 0
    cells: list[str] | None = None  # a table row
    label: str = ""  # "advice", "explanation", "question", "answer"
    label_number: str = ""

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines).strip()

    @property
    def body(self) -> str:
        """The text without its list marker or label."""
        return strip_marker(self.text)


def strip_marker(text: str) -> str:
    for label in (LABEL, EXPLANATION_LABEL, QUESTION_LABEL, ANSWER_LABEL):
        match = label.match(text)
        if match and _is_label(match, label):
            return match["rest"].strip()
    return LIST_MARKER.sub("", text, count=1).strip()


def _is_label(match: re.Match, pattern: re.Pattern) -> bool:
    """A label needs a number or a separator, or stands alone on its line: "Advies
    over de verordening" is a title, not a label."""
    rest = match["rest"].strip()
    if pattern is LABEL and match["num"]:
        return match["sep"] != "" or not rest
    if match["sep"] in (":", "-", "–", "—"):
        return True
    return not rest and match["sep"] == ""


def label_of(line: str) -> tuple[str, str, str] | None:
    """(kind, number, rest) when the line opens with a label."""
    for kind, pattern in (
        ("advice", LABEL),
        ("explanation", EXPLANATION_LABEL),
        ("question", QUESTION_LABEL),
        ("answer", ANSWER_LABEL),
    ):
        match = pattern.match(line)
        if match and _is_label(match, pattern):
            number = match.groupdict().get("num") or ""
            return kind, number, match["rest"].strip()
    return None


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    for part in SENTENCE_END.split(text):
        if not part.strip():
            continue
        if sentences and ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + part
        else:
            sentences.append(part)
    return sentences


# "… gewenst is. Advies 2: Voeg de samenvatting …" in a text that lost its line breaks.
INLINE_LABEL = re.compile(
    r"(?<=[.!?:;])\s+(?=(?:Advies|Aanbeveling)(?:\s+\d{1,2}\s*[:.)]|\s*:)\s)|"
    r"\s+(?=(?:Advies|Aanbeveling)\s+\d{1,2}\s*:\s)"
)


def split_blocks(text: str) -> list[Block]:
    """Paragraphs, list items, labels and table rows."""
    blocks: list[Block] = []
    current: Block | None = None
    lines = INLINE_LABEL.sub("\n\n", text).split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            current = None
            continue
        if "\t" in line.strip() and len([c for c in line.split("\t") if c.strip()]) >= 2:
            cells = [cell.strip() for cell in line.strip().split("\t")]
            current = Block([line.replace("\t", " ")], cells=cells)
            blocks.append(current)
            current = None
            continue
        marker = LIST_MARKER.match(line)
        label = label_of(line)
        heading_line = _is_heading_line(lines, index)
        starts_new = (
            marker
            or label
            or (INDENTED.match(line) and not line.rstrip().endswith(":"))
            or heading_line
            or current is None
            or current.cells is not None
            or _ends_heading_line(current, line)
            or current.heading_line
            or (current.label and not current.body and current.marker == "advice")
            or _ends_sentence_line(current, line)
        )
        if starts_new:
            current = _new_block(line, marker, label, heading_line)
            blocks.append(current)
        else:
            current.lines.append(line)
    return _join_broken(blocks)


def _new_block(line, marker, label, heading_line) -> Block:
    kind = ""
    label_kind = number = ""
    if label:
        label_kind, number, _rest = label
        kind = "advice" if label_kind == "advice" else ""
    elif marker:
        kind = next(k for k in ("bullet", "num", "letter", "roman") if marker[k])
        kind = {"num": "number"}.get(kind, kind)
    elif INDENTED.match(line) and not line.rstrip().endswith(":"):
        kind = "bullet"
    indent = len(line) - len(line.lstrip())
    return Block(
        [line],
        kind,
        heading_line=heading_line and not label,
        indent=indent,
        label=label_kind,
        label_number=number,
    )


def _is_heading_line(lines: list[str], index: int) -> bool:
    """A short line of its own that reads as a heading: no closing punctuation, after a
    finished sentence (or a blank line), followed by a line that starts a sentence."""
    line = lines[index].strip()
    if MARKDOWN_HEADING.match(line):
        return True
    if (
        not line
        or len(line) > 70
        or not line[:1].isupper()
        or re.search(r"[.!?,;:]$", line)
        or NOT_A_HEADING.match(line)
        or DATE_LINE.search(line)
        or POSTCODE.search(line)
        or LIST_MARKER.match(lines[index])
    ):
        return False
    before = lines[index - 1].strip() if index else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return (not before or bool(re.search(r"[.!?:]$", before))) and bool(after[:1].isupper())


def _ends_sentence_line(block: Block, next_line: str) -> bool:
    """Lines that each hold whole sentences, one under the other without a blank line
    (a list that lost its markers): each is a block of its own."""
    last = block.lines[-1].strip()
    return bool(re.search(r"[.!?]$", last)) and next_line.strip()[:1].isupper()


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
    """A paragraph that a page break (or a blank line in copied text) cut in two."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.cells is None
            and block.cells is None
            and not block.marker
            and not block.label
            and not previous.heading_line
            and block.text[:1].islower()
            and not re.search(r"[.!?:;]$", previous.text)
        ):
            previous.lines.extend(block.lines)
        else:
            joined.append(block)
    return joined


def heading_of(block: Block) -> tuple[int, str] | None:
    """(level, title) when the block is a heading: a short numbered or lettered line,
    or a short line of its own without closing punctuation."""
    if block.cells is not None or block.label:
        return None
    text = block.text
    if match := MARKDOWN_HEADING.match(text):
        return 1, match["title"]
    if block.marker in ("number", "letter", "roman"):
        text = strip_marker(text)
    match = NUMBERED_HEADING.match(text)
    if match and len(match["title"]) <= 100 and not re.search(r"[.!?:]$", match["title"]):
        return 2, match["title"].strip()
    if (
        not text
        or len(block.lines) > 2
        or re.search(r"www\.|https?:|\?|@", text)
        or re.search(r"\b(?:adviseren|adviseert|raden|bevelen|verzoeken)\b", text, re.I)
    ):
        return None
    if block.marker and _reads_as_imperative(text):
        return None  # "3. Zet de budgetten anders in": a point, however short
    short_numbered = (
        block.marker == "number" and len(text) <= 160 and not re.search(r"[!?;,]$", text)
    )
    if short_numbered and (not text.endswith(".") or weigh(text).score < 1):
        return 1, text.rstrip(". ")
    if block.marker == "bullet":
        return None
    if (
        block.marker in ("letter", "roman")
        and len(text) <= 100
        and ":" not in text
        and not re.search(r"[.!?;,]$", text)
    ):
        return 2, text
    if (
        not block.marker
        and len(text) <= 100
        and text[:1].isupper()
        and not re.search(r"[.!?,;:]$", text)
        and ":" not in text
        and not NOT_A_HEADING.match(text)
        and not DATE_LINE.search(text)
        and not POSTCODE.search(text)
        and len(text.split()) <= 12
    ):
        return 2, text
    return None


def _reads_as_imperative(text: str) -> bool:
    first, second = first_words(text)
    return len(text.split()) >= 4 and is_imperative(first, second)
