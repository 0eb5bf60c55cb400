"""Importing history: match the paragraphs of an existing college response letter to
the advice points they answer, with the college's standpunt on each.

A response letter quotes or paraphrases each point and answers below it (as in the
Hengelo letter), or answers in a table (advies | reactie | standpunt). Every block of
the letter that resembles a point marks where the answer to that point starts; the
blocks after it, up to the next quoted point or the closing, are the answer. A general
closing paragraph ("Wij danken u voor uw advies …") belongs to no point. The standpunt
(overgenomen, gedeeltelijk, niet overgenomen, voor kennisgeving) is taken where the
letter states it, in a label ("Standpunt: overgenomen"), a column or a sentence ("wij
nemen dit advies over"). What cannot be matched, and a standpunt that is not stated or
not clear, is reported, never guessed."""

import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

from .constants import Position
from .extraction import ADVICE, STOP, heading_of, split_blocks

CLOSING = re.compile(
    r"^(met vriendelijke groet|hoogachtend|(?:het college van )?burgemeester en wethouders|"
    r"namens (?:het college|burgemeester))",
    re.I,
)
# A general closing after the last answer: thanks, trust, an offer to explain.
COURTESY = re.compile(
    r"^(?:tot slot|ten slotte|tenslotte|afsluitend)\b"
    r"|^(?:graag|nogmaals)?,?\s*"
    r"(?:(?:wij|we|het college)\s+(?:danken|dankt|bedanken|bedankt)\s+(?:u|de adviesraad|uw raad)"
    r"|(?:hartelijk |nogmaals )?dank (?:u )?voor"
    r"|(?:wij|we)\s+vertrouwen\s+(?:erop|er op|hiermee)"
    r"|(?:wij|we)\s+hopen\s+u\s+(?:hiermee|met deze)"
    r"|(?:wij|we)\s+zien\s+(?:uit naar|de verdere)"
    r"|mocht(?:en)? u (?:nog )?(?:vragen|behoefte)"
    r"|voor (?:nadere |meer )?(?:vragen|informatie) kunt u)",
    re.I,
)
# The advice verbs and actors count here: a quote is recognised by them too.
STOPWORDS = STOP - {"college", "adviesraad", "adviseren", "adviseert", "raden"}
MATCH_THRESHOLD = 0.6

# Labels in a layout "Advies 1 / quote / Reactie: … / Standpunt: …".
POSITION_LABEL = re.compile(
    r"^\s*(?:standpunt|besluit|conclusie|oordeel)(?:\s+(?:van\s+)?(?:het\s+)?college)?"
    r"\s*[:\-–]\s*(?P<value>.*)$",
    re.I | re.S,
)
ANSWER_LABEL = re.compile(
    r"^\s*(?:reactie|antwoord)(?:\s+(?:van\s+)?(?:het\s+)?college)?\s*[:\-–]\s*", re.I
)
POINT_LABEL = re.compile(r"^\s*(?:advies|aanbeveling|adviespunt|punt)\s*\d{1,3}\s*[:.)]?\s*$", re.I)
# "Advies adviesraad: …", "Aanbeveling Wmo-raad: …" before the quoted point.
QUOTE_LABEL = re.compile(
    r"^\s*(?:advies|aanbeveling)(?:\s+(?:van\s+)?(?:de\s+)?[\w-]*raad)?\s*:\s*", re.I
)
LABEL_LINE = re.compile(
    rf"{POSITION_LABEL.pattern}|{ANSWER_LABEL.pattern}|{POINT_LABEL.pattern}|{QUOTE_LABEL.pattern}",
    re.I,
)

# Page furniture of text pasted from a PDF.
PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:pagina|blad|pag\.)\s*\d{1,3}(?:\s*(?:van|/)\s*\d{1,3})?"
    r"|-?\s*\d{1,3}\s*-?|\d{1,3}\s*/\s*\d{1,3})\s*$",
    re.I,
)

# The standpunt in words.
ADVICE_NOUN = r"\b(?:advie[sz]\w*|aanbeveling\w*|adviespunt\w*|punt|voorstel\w*)\b"
PARTLY = re.compile(r"\b(?:gedeeltelijk|deels|ten dele|voor een deel|grotendeels)\b", re.I)
NEGATION = re.compile(r"\b(?:niet|geen)\b", re.I)
TAKE_OVER = re.compile(r"\b(?:neem|neemt|nemen)\b(?P<span>[^.;:!?]{0,80}?)\bover\b", re.I)
FOLLOW = re.compile(
    rf"\b(?:volg|volgt|volgen)\b(?P<span>[^.;:!?]{{0,40}}?){ADVICE_NOUN}(?P<after>[^.;:!?,]{{0,25}})",
    re.I,
)
ADOPTED_WORD = re.compile(r"(?P<before>(?:[\w-]+\s+){0,3})overgenomen\b", re.I)
NOTED = re.compile(r"\bvoor kennisgeving aan(?:genomen|nemen)\b", re.I)
SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass
class Match:
    point_number: int
    quote: str
    response: str
    score: float
    position: str = ""  # a Position value, or "" when the letter does not state it clearly
    position_note: str = ""  # why the position is empty: "" (none stated) or what was unclear


@dataclass
class MatchReport:
    matches: list[Match] = field(default_factory=list)
    unmatched_points: list[int] = field(default_factory=list)
    unmatched_quotes: list[str] = field(default_factory=list)

    @property
    def without_position(self) -> list[Match]:
        return [match for match in self.matches if not match.position]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def similarity(a: str, b: str) -> float:
    """The share of the shorter text's words that the other text has too."""
    first, second = _words(a), _words(b)
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def _best_point(block_text, points):
    scored = [(similarity(block_text, text), number) for number, text in points]
    return max(scored, default=(0.0, None))


# The standpunt.


def _qualified(span: str) -> str:
    if PARTLY.search(span):
        return Position.partly_adopted
    if NEGATION.search(span):
        return Position.not_adopted
    return Position.adopted


def positions_in(sentence: str, *, short: bool = False) -> set[str]:
    """The standpunten a sentence states. `short` is a label's value or a table cell,
    where a bare "overgenomen" is enough; in running text the sentence must be about
    the advice ("dit advies wordt overgenomen", "wij nemen dit advies niet over")."""
    found = set()
    about_advice = short or re.search(ADVICE_NOUN, sentence, re.I) is not None
    if NOTED.search(sentence):
        found.add(Position.noted)
    for match in TAKE_OVER.finditer(sentence):
        span = match["span"]
        # "Het verlagen van de ritprijs nemen wij niet over": what comes first is what
        # the college takes over or not, a part of the advice.
        inverted = re.match(r"\s*(?:wij|we|het college)\b", span, re.I)
        if about_advice or inverted or re.search(r"\b(?:dit|deze)\b", span, re.I):
            found.add(_qualified(span))
    for match in FOLLOW.finditer(sentence):
        found.add(_qualified(match["span"] + " " + match["after"]))
    if about_advice:
        for match in ADOPTED_WORD.finditer(sentence):
            found.add(_qualified(match["before"]))
    return found


def position_of(text: str, label: str | None = None) -> tuple[str, str]:
    """(position, note): the standpunt the answer states, or "" and why not. A label
    ("Standpunt: …") or a column is the college's own statement and decides; without
    one, the sentences must agree on one standpunt."""
    if label is not None:
        found = positions_in(label, short=True)
        if len(found) == 1:
            return found.pop(), ""
        return "", label.strip()[:80] or "—"
    found = set()
    statements = []
    for sentence in SENTENCES.split(text):
        here = positions_in(sentence)
        if here:
            found |= here
            statements.append(sentence.strip())
    if len(found) == 1:
        return found.pop(), ""
    return "", " / ".join(statement[:80] for statement in statements)


# Page breaks and labels.


def _repair(raw: str) -> str:
    """Mojibake repaired, line-end hyphenation undone. (Not extraction's clean_text: a
    line such as "Standpunt: overgenomen" recurs on every page and is no page header.)"""
    text = ftfy.fix_text(raw.replace("\r\n", "\n").replace("\r", "\n"), uncurl_quotes=False)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u00ad", "")
    return re.sub(r"(?<=[a-zà-ÿ])-\n\s*(?=[a-zà-ÿ])", "", text)


def _may_be_furniture(text: str) -> bool:
    return (
        len(text) < 100
        and not LABEL_LINE.match(text)
        and not positions_in(text, short=True)
        and not ADVICE.search(text)
        and not CLOSING.match(text)
        and not COURTESY.match(text)
    )


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of page numbers, form feeds, the lines repeated next to them (the running
    header or footer of each page), and short lines repeated three times or more."""
    breaks = {i for i, line in enumerate(lines) if "\f" in line or PAGE_NUMBER.match(line)}
    counts: dict[str, int] = {}
    for line in lines:
        if line.strip():
            counts[line.strip()] = counts.get(line.strip(), 0) + 1
    near = {
        other
        for index in breaks
        for other in range(max(0, index - 3), min(len(lines), index + 4))
        if lines[other].strip() and counts[lines[other].strip()] >= 2
    }
    near |= {i for i, line in enumerate(lines) if line.strip() and counts[line.strip()] >= 3}
    return breaks | {i for i in near if _may_be_furniture(lines[i].strip())}


def join_page_breaks(text: str) -> str:
    """Drop page furniture; a sentence broken by it is joined again."""
    lines = _repair(text).replace("\f", "\n\f\n").split("\n")
    furniture = _furniture(lines)
    kept: list[str] = []
    index = 0
    while index < len(lines):
        if index not in furniture:
            kept.append(lines[index])
            index += 1
            continue
        while index < len(lines) and (index in furniture or not lines[index].strip()):
            index += 1  # the page break: furniture and the blank lines around it
        before = next((line for line in reversed(kept) if line.strip()), "")
        after = lines[index] if index < len(lines) else ""
        if (
            before.strip()
            and after.strip()[:1].islower()
            and not re.search(r"[.!?:;]\W*$", before.strip())
        ):
            while not kept[-1].strip():
                kept.pop()
            kept[-1] = f"{kept[-1].rstrip()} {after.strip()}"
            index += 1
        else:
            kept.append("")
    return "\n".join(kept)


# A label on a line of its own, its value on the next line (a form read from a PDF).
BARE_LABEL = re.compile(
    r"^\s*(?P<kind>standpunt|besluit|reactie|antwoord)(?:\s+(?:van\s+)?(?:het\s+)?college)?"
    r"\s*:?\s*$",
    re.I,
)


def _separate_labels(text: str) -> str:
    """Each label line ("Advies 1", "Reactie:", "Standpunt:") starts a block of its own;
    a bare "Standpunt" line takes the line below it as its value."""
    lines: list[str] = []
    pending = ""
    for line in text.split("\n"):
        if pending and line.strip():
            line, pending = f"{pending}: {line.strip()}", ""
        elif bare := BARE_LABEL.match(line):
            pending = bare["kind"].capitalize()
            continue
        if LABEL_LINE.match(line):
            lines.append("")
        lines.append(line)
        if POINT_LABEL.match(line):
            lines.append("")
    return "\n".join(lines)


# Tables.

CELL_SEPARATOR = re.compile(r"\t+|\s+\|\s+")
COLUMNS = {
    "position": re.compile(r"^(?:standpunt|besluit|oordeel)", re.I),
    "response": re.compile(r"^(?:reactie|antwoord)", re.I),
    "advice": re.compile(r"^(?:advie[sz]|aanbeveling|adviespunt)", re.I),
    "number": re.compile(r"^(?:nr\.?|nummer|#)$", re.I),
}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in CELL_SEPARATOR.split(line.strip().strip("|"))]


def _header(line: str) -> dict[str, int] | None:
    cells = _cells(line)
    if len(cells) < 2:
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        kind = next((k for k, pattern in COLUMNS.items() if pattern.match(cell)), None)
        if kind and kind not in columns:
            columns[kind] = index
    if "advice" in columns and ("response" in columns or "position" in columns):
        return columns
    return None


def table_rows(text: str) -> list[dict[str, str]] | None:
    """The rows of a table with an advice column and a response or standpunt column
    (tab-separated as pasted from Word, or '|' as read from a PDF); None without one.
    A line without separators continues the response cell of the row above."""
    rows: list[dict[str, str]] = []
    columns = None
    after_blank = False
    for line in text.split("\n"):
        if columns is None:
            columns = _header(line) if CELL_SEPARATOR.search(line.strip()) else None
            continue
        cells = _cells(line)
        if len(cells) >= 2:
            rows.append({k: cells[i] if i < len(cells) else "" for k, i in columns.items()})
        elif not line.strip():
            after_blank = True
            continue
        elif rows and not after_blank:
            key = "response" if "response" in columns else "advice"
            rows[-1][key] = f"{rows[-1][key]} {line.strip()}".strip()
        elif rows:
            break  # the text after the table: its closing
        after_blank = False
    return rows if columns is not None and rows else None


def _match_table(points, rows) -> MatchReport:
    report = MatchReport()
    for row in rows:
        score, number = _best_point(row["advice"], points)
        answered = {m.point_number for m in report.matches}
        if score < MATCH_THRESHOLD or number in answered:
            if row["advice"]:
                report.unmatched_quotes.append(row["advice"])
            continue
        response = row.get("response", "")
        # An empty standpunt cell leaves it to the response to state one.
        position, note = position_of(response, row.get("position") or None)
        report.matches.append(Match(number, row["advice"], response, score, position, note))
    return report


# Letters in paragraphs.

QUOTE_SENTENCE_SHARE = 0.5


def split_quote(text: str, point_text: str) -> tuple[str, str]:
    """(quote, answer) of a paragraph that quotes the point and answers it in one go
    ("U adviseert ons … Wij nemen dit advies over, omdat …"): the sentences from the
    start that each share most of their words with the point are the quote."""
    text = QUOTE_LABEL.sub("", text, count=1)
    sentences = re.split(r"(?<=[.!?])\s+(?=[\"“‘(]?[A-ZÀ-Ý])", text)
    quoted = 1
    while (
        quoted < len(sentences)
        and similarity(sentences[quoted], point_text) >= QUOTE_SENTENCE_SHARE
        and not positions_in(sentences[quoted])
    ):
        quoted += 1
    return " ".join(sentences[:quoted]), " ".join(sentences[quoted:])


def _first_sentence(text: str) -> tuple[str, str]:
    parts = re.split(r"(?<=[.!?])\s+(?=\S)|\n", text.strip(), maxsplit=1)
    return parts[0].strip(), (parts[1] if len(parts) > 1 else "")


class _Reader:
    """Walks the blocks of a letter, collecting the answer of the point being answered."""

    def __init__(self, points):
        self.points = points
        self.report = MatchReport()
        self.current: Match | None = None
        self.answers: list[str] = []
        self.label: str | None = None
        self.closing_at: int | None = None  # where a general closing paragraph began

    def answered(self) -> set[int]:
        numbers = {m.point_number for m in self.report.matches}
        return numbers | ({self.current.point_number} if self.current else set())

    def close(self, *, final: bool = False):
        if self.current is not None:
            if final and self.closing_at is not None:
                self.answers = self.answers[: self.closing_at]
            self.current.response = "\n\n".join(self.answers).strip()
            self.current.position, self.current.position_note = position_of(
                self.current.response, self.label
            )
            self.report.matches.append(self.current)
        self.current, self.answers, self.label, self.closing_at = None, [], None, None

    def read(self, block) -> None:
        text = block.text
        if CLOSING.match(text):
            self.close(final=True)  # the signature ends the last answer
            return
        if POINT_LABEL.match(text):
            return
        score, number = _best_point(text, self.points)
        # An answer that paraphrases its own point does not start a new match.
        if score >= MATCH_THRESHOLD and len(_words(text)) >= 4 and number not in self.answered():
            self.close()
            quote, answer = split_quote(text, dict(self.points)[number])
            self.current = Match(number, quote, "", score)
            if answer:
                self.answers.append(answer)
        elif ADVICE.search(text) and self.current is None:
            self.report.unmatched_quotes.append(text)
        elif self.current is None or (heading_of(block) and not POSITION_LABEL.match(text)):
            return
        elif label := POSITION_LABEL.match(text):
            # "Standpunt: overgenomen. Wij gaan …": the label's value is its first
            # sentence; what follows is answer.
            value, rest = _first_sentence(label["value"])
            self.label = value
            if rest.strip():
                self.answers.append(rest.strip())
        else:
            if COURTESY.match(text) and self.answers and self.closing_at is None:
                self.closing_at = len(self.answers)
            self.answers.append(ANSWER_LABEL.sub("", text, count=1))


def match_responses(points: list[tuple[int, str]], letter_text: str) -> MatchReport:
    """Match the letter's answers to `points` (number, text), each with its standpunt."""
    text = join_page_breaks(letter_text)
    rows = table_rows(text)
    if rows is not None:
        report = _match_table(points, rows)
    else:
        reader = _Reader(points)
        for block in split_blocks(_separate_labels(text)):
            reader.read(block)
        reader.close(final=True)
        report = reader.report
    answered = {match.point_number for match in report.matches}
    report.unmatched_points = [number for number, _text in points if number not in answered]
    return report
