"""Reading the structure of an advies and deciding, block by block and sentence by
sentence, what is a point, what is its explanation and what is neither.

Structure says where advice is to be expected: a label ("Advies 1", "Aanbeveling 3",
"Advies:"), a list announced by its intro ("Wij adviseren u het volgende:") or standing
under an advice heading ("Aanbevelingen", "Onze adviezen"), a table with an *Advies*
column. The sentence itself says whether it advises (`evidence.weigh`). What follows a
point and does not advise is its explanation; a "Toelichting" label or column says so
outright. Sub-items belong to the item above them. A closing summary that restates the
points adds none."""

import itertools
import re
from dataclasses import dataclass, field

from .blocks import Block, heading_of, split_blocks, split_sentences
from .evidence import ADVICE, WRITER, first_words, has_verb, is_advisory, is_imperative, weigh

ADVICE_HEADING = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:(?:ons|onze|de|het)\s+)?(?:(?:conclusies?|samenvatting|bevindingen)\s+"
    r"(?:en|&)\s+)?(?:advies|adviezen|aanbeveling|aanbevelingen|advisering|adviespunten|"
    r"adviezen\s+en\s+aanbevelingen|aanbevelingen\s+en\s+adviezen|wat\s+(?:wij|we)\s+"
    r"(?:adviseren|aanbevelen|vragen))"
    r"(?:\s+(?:van|aan)\s+(?:de|het)\s+[\w\- ]{2,40})?\s*:?$",
    re.IGNORECASE,
)
# A summary of the advice: "Samenvatting", "Slot en samenvatting van de adviezen",
# "Kort samengevat"; not "Conclusies en aanbevelingen", where a rekenkamer advises.
SUMMARY_HEADING = re.compile(
    r"\b(?:samenvatting|samengevat|overzicht|op\s+een\s+rij|resumé)\b|^(?:\d+[.)]?\s*)?conclusies?$",
    re.IGNORECASE,
)
SUMMARY_OPENING = re.compile(
    r"^\W*(?:samenvattend|samengevat|kortom|concluderend|alles\s+overziend(?:e)?|"
    r"resumerend)\b|\bop\s+een\s+rij\b|\bsamengevat\b",
    re.IGNORECASE,
)
ANNOUNCES = re.compile(
    r"\b(?:volgende|onderstaande|deze|navolgende|enkele|een\s+aantal|drie|vier|vijf|zes|"
    r"twee|onze|de)\s+(?:\w+\s+)?(?:adviezen|aanbevelingen|adviespunten|advies|"
    r"verbeterpunten|aandachtspunten|voorstellen|suggesties|kanttekeningen|wensen|"
    r"verzoeken|punten|inspanningen|maatregelen|acties|actiepunten|wensen|verbeteringen)\b|"
    r"\b(?:adviseren|adviseert|bevelen|beveelt|raden|raadt|verzoeken|vragen|vraag|geven)\b"
    r"[^.]*\b(?:volgende|onderstaande|het\s+volgende)\b|"
    r"\b(?:ons|het)\s+advies\s+(?:is|luidt)\b|\b(?:onze|de)\s+aanbevelingen\s+(?:zijn|luiden)\b|"
    r"\b(?:geadviseerd|aanbevolen|aangeraden|adviseert|adviseren|beveelt\s+aan|bevelen\s+aan)"
    r"\s*:?$",
    re.IGNORECASE,
)
QUOTE_INTRO = re.compile(
    r"\b(?:staat|stond|schrijft|schreef|schrijven|luidt|luidde|citeren|citaat|vermeldt|"
    r"meldt|formuleert|als\s+volgt|het\s+volgende\s+(?:opgenomen|vermeld|gesteld))\b",
    re.IGNORECASE,
)
# A quoted e-mail: its header, or the line that introduces it.
MAIL_HEADER = re.compile(
    r"^\s*(?:van|verzonden|from|sent)\s*:|^\s*-+\s*(?:oorspronkelijk|original)\s+(?:bericht|message)|"
    r"^\s*op\s+.{5,80}\s+schreef\s+.{2,80}:\s*$",
    re.I,
)
CONCRETE = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:dat\s+kan|dit\s+kan|bijvoorbeeld|denk\s+(?:hierbij\s+)?aan|zoals|"
    r"hierbij|daarbij|daarvoor|hiervoor|daartoe|nodig|zo\s+(?:kan|kunnen)|concreet|"
    r"dat\s+betekent|dit\s+betekent|met\s+name)\b",
    re.IGNORECASE,
)
OTHERS_SECTION = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:bestuurlijke\s+reactie|reactie\s+(?:van\s+)?(?:het\s+)?college|"
    r"collegereactie|wederhoor|nawoord|reactie\s+van\s+de\s+gemeente|standpunt\s+van\s+het\s+"
    r"college|reactie\s+gemeente|verwerking)\b",
    re.IGNORECASE,
)
OWN_INTENT = re.compile(
    rf"\b{WRITER}\s+(?:is|zijn)\s+(?:voornemens|van\s+plan)\b|"
    rf"\b{WRITER}\s+(?:gaat|gaan|zal|zullen)\s+(?:zelf\s+)?(?:\w+\s+)?:?$",
    re.IGNORECASE,
)
POINTS_BACK = re.compile(
    r"^(?:\S+\s+){0,5}?(?:hierop|hiervoor|hieraan|hiermee|hierin|hierover|daarop)\b", re.I
)
ONLY_ANNOUNCES = re.compile(
    r"\b(?:het\s+volgende|als\s+volgt|onderstaande|de\s+volgende\s+\w+)\s*[:.]?\s*$", re.I
)
TABLE_TEXT = re.compile(r"^(?:advie[sz]\w*|aanbeveling\w*|wat\s+adviseren\s+wij)$", re.I)
TABLE_EXPLANATION = re.compile(
    r"^(?:toelichting|onderbouwing|motivering|waarom|argument\w*)$", re.I
)
TABLE_THEME = re.compile(r"^(?:onderwerp|thema|beleidsterrein|hoofdstuk|paragraaf|punt)$", re.I)
SALUTATION = re.compile(r"^(?:geachte?|beste|hooggeachte?)\b", re.IGNORECASE)
TABLE_HEADER = re.compile(
    r"^(?:nr\.?\s+)?(?:(?:onderwerp|thema)\s+)?(?:advies|aanbeveling|ons\s+advies)\s+"
    r"(?:toelichting|onderbouwing|motivering|waarom)$",
    re.IGNORECASE,
)
CLOSING = re.compile(
    r"^(?:met\s+(?:vriendelijke|hartelijke)\s+groet|hoogachtend|namens\s+de)\b", re.I
)


@dataclass
class Point:
    theme: str
    text: str
    explanation: str = ""
    block: int = 0
    summary: bool = False
    children: list[str] = field(default_factory=list)
    explained_by_children: bool = False
    section: str = ""  # the top-level heading above the theme, if the theme is below one

    def full_text(self) -> str:
        text = self.text
        if self.children:
            text += "\n" + "\n".join(f"- {child}" for child in self.children)
        return text


@dataclass
class Reader:
    """Walks the blocks of one advies, keeping what the structure around a block says."""

    points: list[Point] = field(default_factory=list)
    headings: dict[int, str] = field(default_factory=dict)
    advice_section: bool = False
    summary_section: bool = False
    announced: bool = False  # the intro before this list announced advice
    announced_summary: bool = False
    mode: str = ""  # "explanation", "label", "question", "quoted"
    label_theme: str = ""
    list_top: tuple[str, int] | None = None  # marker and indent of the current list
    item_point: Point | None = None  # the point the current top-level item gave
    table: dict[str, int] | None = None
    section_level: int | None = None  # the level of the advice or summary section
    advisory: bool = True  # the text is an advies at all (evidence.is_advisory)
    explain_from: int = 0  # explanations attach only to points from here on
    linear_table: bool = False  # reading a table that a PDF gave cell by cell

    @property
    def theme(self) -> str:
        return self.label_theme or self.headings.get(2) or self.headings.get(1) or ""

    @property
    def section(self) -> str:
        """The section heading ("1. Algemene opmerkingen") when the theme is a heading
        (or label) below it; empty when the theme is the section itself."""
        if self.label_theme or self.headings.get(2):
            return self.headings.get(1, "")
        return ""

    def placed(self, point: Point) -> Point:
        point.section = self.section
        return point

    def read(self, blocks: list[Block], base: int = 0) -> list[Point]:
        for index, block in enumerate(blocks):
            self.read_block(base + index, block)
        return self.points

    # -- blocks -------------------------------------------------------------------

    def read_block(self, index: int, block: Block) -> None:
        if block.cells is not None:
            self.read_row(index, block)
            return
        self.table = None
        if block.label:
            self.read_label(index, block)
            return
        in_list = self.announced and block.marker in ("bullet", "number", "letter", "roman")
        heading = None if in_list else heading_of(block)
        if heading:
            self.read_heading(*heading)
            return
        if self.mode == "quoted-next":
            # The quoted passage an intro announced: one paragraph, or one whole list.
            if not block.marker:
                self.mode = ""
            return
        if self.mode == "others":
            return
        if self.mode == "quoted" or MAIL_HEADER.match(block.text):
            self.mode = "quoted"
            if CLOSING.match(block.text) or heading:
                self.mode = ""
            return
        if block.marker in ("bullet", "number", "letter", "roman"):
            self.read_item(index, block)
        else:
            self.read_paragraph(index, block)

    def read_heading(self, level: int, title: str) -> None:
        if TABLE_HEADER.match(title):
            # A table read from a PDF arrives cell by cell: each advice, then its
            # toelichting.
            self.advice_section = self.linear_table = True
            self.mode = "explanation"
            self.explain_from = len(self.points)
            return
        self.mode = ""
        self.linear_table = False
        self.announced = self.announced_summary = False
        self.list_top = self.item_point = None
        self.label_theme = ""
        # A section ("4. Slot en samenvatting") holds its sub-headings.
        if self.section_level is not None and level > self.section_level:
            self.headings = {k: v for k, v in self.headings.items() if k < level}
            self.headings[level] = title
            return
        self.section_level = None
        self.advice_section = bool(ADVICE_HEADING.match(title))
        self.summary_section = bool(SUMMARY_HEADING.search(title)) and not re.search(
            r"aanbeveling", title, re.I
        )
        if OTHERS_SECTION.match(title):
            self.mode = "others"  # the college's reaction in a rekenkamer report
            return
        if self.advice_section or self.summary_section:
            # "Aanbevelingen" is where the points stand, not what they are about.
            self.advice_section = True
            self.section_level = level
            return
        self.headings = {k: v for k, v in self.headings.items() if k < level}
        self.headings[level] = title

    def read_label(self, index: int, block: Block) -> None:
        rest = block.body
        self.list_top = self.item_point = None
        self.announced = False
        if block.label == "advice":
            self.mode = "label"
            self.label_theme = ""
            if rest and _is_title(rest):
                self.label_theme = rest.rstrip(":")
                rest = ""
            if rest:
                self.add_single(index, split_sentences(rest))
                self.mode = "explanation"
            else:
                # "Advies" on a line of its own heads what follows, as a heading does.
                self.advice_section = True
        elif block.label == "explanation":
            self.mode = "explanation"
            if rest:
                self.explain(rest)
        elif block.label == "question":
            self.mode = "question"
        elif block.label == "answer":
            self.mode = ""
            if rest:
                self.read_paragraph(index, Block([rest]))

    def read_item(self, index: int, block: Block) -> None:
        if inline := _inline_heading(block):
            # "a. Inclusie: In algemeenheid …": the item opens the theme 'Inclusie'.
            self.headings = {k: v for k, v in self.headings.items() if k < 2} | {2: inline}
            self.label_theme = ""
            if not self.announced:
                self.list_top = self.item_point = None
                rest = block.body.split(":", 1)[1].strip()
                self.read_paragraph(index, Block([rest]))
                return
        kind = (block.marker, block.indent)
        if self.mode == "label":
            self.mode = ""
        if self.list_top == ("open", -1):
            if block.body[:1].islower() and self.item_point is not None:
                self.item_point.children.append(block.body.rstrip(";"))
                return
            self.list_top = None
        if self.list_top is None:
            self.list_top = kind
        elif self.item_point is not None and _deeper(kind, self.list_top):
            if self.item_point.explained_by_children:
                # "Aan dit advies liggen de volgende overwegingen ten grondslag:"
                self.item_point.explanation = _join(self.item_point.explanation, block.body)
            else:
                self.item_point.children.append(block.body.rstrip(";"))
            return
        elif _deeper(kind, self.list_top):
            return  # a sub-item of an item that is not advice
        body = block.body.rstrip(";")
        if body.endswith(":") and not completes_list(body):
            # "Daarnaast worden nog de volgende punten aangedragen:" opens a sub-list.
            self.read_intro(index, body)
            self.list_top = self.item_point = None
            return
        if _is_title(body) or (not re.search(r"[.!;]$", body) and not has_verb(body)):
            self.item_point = None
            return  # a topic or a document named in a list, not advice
        sentences = split_sentences(body)
        # An intro that announces advice makes each item a point; an advice heading
        # counts for less, as observations and compliments stand there too.
        announced = 2.0 if self.announced else 1.5 if self.advice_section else False
        # The item advises when one of its sentences does ("De gemeente wil X. De
        # adviesraad zou graag zien dat …").
        evidence = max(
            (
                weigh(sentence, announced=announced, item=True, advisory=self.advisory)
                for sentence in sentences or [body]
            ),
            key=lambda e: e.score,
        )
        if self.mode in ("explanation", "question") and not evidence.advises:
            if self.mode == "explanation":
                self.explain(body)
            return
        self.mode = ""
        if not evidence.advises:
            self.item_point = None
            return
        self.item_point = self.add_single(
            index, sentences, summary=self.announced_summary or self.summary_section
        )
        if self.item_point is not None and len(sentences) > 1 and sentences[-1].endswith(":"):
            last = sentences[-1]
            self.item_point.explained_by_children = not (
                ADVICE.search(last) or ANNOUNCES.search(last)
            )

    def read_paragraph(self, index: int, block: Block) -> None:
        text = block.text
        self.list_top = self.item_point = None
        if CLOSING.match(text):
            self.mode, self.linear_table = "", False  # the signature ends what went before
            return
        if self.mode == "question":
            return
        if text.endswith(":"):
            self.read_intro(index, text)
            return
        if self.mode == "label":
            self.add_single(index, split_sentences(text))
            self.mode = "explanation"
            return
        sentences = split_sentences(text)
        if self.mode == "explanation" and not any(
            weigh(s, advisory=self.advisory).advises for s in sentences
        ):
            self.explain(text)
            return
        if any(SALUTATION.match(line.strip()) for line in block.lines):
            self.headings = {}  # what stood above "Geacht college," was the letterhead
        self.mode = ""
        self.announced = self.announced_summary = False
        summary = self.summary_section or bool(SUMMARY_OPENING.search(text[:80]))
        announced = 1.0 if self.advice_section else False
        self.add_from_sentences(
            index, sentences, forced=False, summary=summary, announced=announced
        )
        if self.linear_table:
            self.mode = "explanation"

    def read_intro(self, index: int, text: str) -> None:
        """A paragraph ending in a colon opens what follows: advice, a quote or else."""
        sentences = split_sentences(text)
        last = sentences[-1] if sentences else text
        self.mode = ""
        self.announced = bool(ADVICE.search(last) or ANNOUNCES.search(last))
        self.announced_summary = bool(SUMMARY_OPENING.search(last))
        if not self.announced and (QUOTE_INTRO.search(last) or OWN_INTENT.search(last)):
            # A quote, or what the writer itself means to do: no advice to the college.
            self.mode = "quoted-next"
        if len(sentences) > 1:
            self.add_from_sentences(index, sentences[:-1], forced=False)
        if completes_list(last):
            # "… adviseert de raden de informatie zodanig te verbeteren, dat deze:" is
            # a point of its own; the items after it complete its sentence.
            self.announced = False
            self.item_point = self.add_from_sentences(index, [last], forced=True)
            self.list_top = ("open", -1)

    def read_row(self, index: int, block: Block) -> None:
        cells = block.cells or []
        names = [cell.strip().rstrip(":") for cell in cells]
        if any(TABLE_TEXT.match(name) for name in names):
            self.table = {}
            for column, name in enumerate(names):
                for key, pattern in (
                    ("text", TABLE_TEXT),
                    ("explanation", TABLE_EXPLANATION),
                    ("theme", TABLE_THEME),
                ):
                    if pattern.match(name) and key not in self.table:
                        self.table[key] = column
            return
        if self.table is None:
            self.read_paragraph(index, Block([" ".join(cells)]))
            return

        def cell(key: str) -> str:
            column = self.table.get(key)
            return cells[column].strip() if column is not None and column < len(cells) else ""

        text = cell("text")
        if not text:
            return
        point = Point(cell("theme") or self.theme, text, cell("explanation"), index)
        self.points.append(self.placed(point))

    # -- points -------------------------------------------------------------------

    def add_from_sentences(
        self,
        index: int,
        sentences: list[str],
        *,
        forced: bool,
        summary: bool = False,
        announced: bool | float = False,
    ) -> Point | None:
        """Points from the sentences of one block: each advising sentence opens a point;
        sentences that make it concrete stay with it, the rest is its explanation.
        `forced`: the block is a point by its structure (a label, an announced item),
        so its first sentence opens the point whatever it says."""
        first: Point | None = None
        current: Point | None = None
        previous = ""
        for position, sentence in enumerate(sentences):
            if ONLY_ANNOUNCES.search(sentence) or (
                sentence.endswith(":") and ADVICE.search(sentence) and not completes_list(sentence)
            ):
                continue  # "Wij adviseren u het volgende:" announces; it is no point
            evidence = weigh(sentence, announced=announced, advisory=self.advisory)
            opens = evidence.advises or (forced and position == 0 and evidence.score > -2)
            if opens:
                parts = split_coordination(sentence)
                if previous and POINTS_BACK.search(sentence) and len(parts) == 1:
                    # "… verdwijnt voor mensen met een lage zorgzwaarte. De gemeente dient
                    # hierop een antwoord te vinden.": the advice needs what it points at.
                    parts = [f"{previous} {sentence}"]
                for part in parts:
                    current = Point(self.theme, part, "", index, summary=summary)
                    self.points.append(self.placed(current))
                    first = first or current
            elif current is not None:
                if evidence.score >= 1 or CONCRETE.match(sentence):
                    current.text += " " + sentence
                else:
                    current.explanation = _join(current.explanation, sentence)
            previous = "" if opens or current is not None else sentence
        return first

    def add_single(self, index: int, sentences: list[str], *, summary: bool = False) -> Point:
        """One point from a block that is a point by its structure (a list item, the
        text under a label): its text runs to its last sentence that advises or makes
        the advice concrete; what follows is its explanation."""
        evidence = [weigh(sentence, advisory=self.advisory) for sentence in sentences]
        advising = [i for i, e in enumerate(evidence) if "advising phrase" in e.reasons]
        if len(advising) >= 2:
            # Two sentences that each advise in so many words are two points, each with
            # the sentences that lead up to it.
            return self._add_each(index, sentences, advising, summary)
        scores = [e.score for e in evidence]
        last = max(
            [0]
            + [
                i
                for i, (sentence, score) in enumerate(zip(sentences, scores, strict=True))
                if score >= 1 or (i and CONCRETE.match(sentence))
            ]
        )
        point = Point(
            self.theme,
            " ".join(sentences[: last + 1]),
            " ".join(sentences[last + 1 :]),
            index,
            summary=summary,
        )
        self.points.append(self.placed(point))
        return point

    def _add_each(self, index, sentences, advising, summary) -> Point:
        start, first = 0, None
        for end in advising:
            point = Point(self.theme, " ".join(sentences[start : end + 1]), "", index, summary)
            self.points.append(self.placed(point))
            first = first or point
            start = end + 1
        point.explanation = " ".join(sentences[start:])
        return first

    def explain(self, text: str) -> None:
        if len(self.points) > self.explain_from:
            self.points[-1].explanation = _join(self.points[-1].explanation, text)


def _inline_heading(block: Block) -> str | None:
    """'c. Maatwerk: Het uitgangspunt …' carries the heading 'Maatwerk'."""
    if block.marker not in ("number", "letter"):
        return None
    match = re.match(r"^([^:.!?]{2,60}):\s+\S", block.body)
    if not match or ADVICE.search(match[1]) or len(match[1].split()) > 8:
        return None
    return match[1].strip()


def completes_list(sentence: str) -> bool:
    """Whether an intro gives advice of its own that its list completes, rather than
    announcing the advice that follows ("Wij adviseren u het volgende:")."""
    match = ADVICE.search(sentence)
    if not match or not sentence.endswith(":") or ANNOUNCES.search(sentence):
        return False
    return len(sentence[match.end() :].split()) >= 5


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if first else second.strip()


def _deeper(kind: tuple[str, int], top: tuple[str, int]) -> bool:
    marker, indent = kind
    top_marker, top_indent = top
    return indent > top_indent + 1 or (marker != top_marker and indent >= top_indent)


def _is_title(text: str) -> bool:
    """'Toegankelijke informatie' after 'Advies 1:' is the point's title, not its text."""
    first, second = first_words(text)
    return (
        text[:1].isupper()
        and not re.search(
            r"\bte\s+\w+en\b|\b(?:is|zijn|wordt|worden|moet|moeten|kan|kunnen)\b", text
        )
        and len(text) <= 70
        and not re.search(r"[.!?;]$", text)
        and len(text.split()) <= 8
        and not is_imperative(first, second)
        and not ADVICE.search(text)
    )


DAT_HEAD = re.compile(
    r"^.*?\b(?:belangrijk|belang\s+is|wenselijk|nodig|noodzakelijk|zaak|essentieel|willen|"
    r"wil|vragen\s+u|verzoeken\s+u|adviseren\s+u|adviseert)\b[^.]*?\bdat\s+",
    re.IGNORECASE,
)


def split_dat_clauses(sentence: str) -> list[str]:
    """'Van groot belang is dat de gemeente X en dat het platform Y.' asks two things."""
    head = DAT_HEAD.match(sentence)
    if not head:
        return [sentence]
    parts = re.split(r",?\s+en\s+dat\s+", sentence[head.end() :])
    if len(parts) != 2 or min(len(part.split()) for part in parts) < 4:
        return [sentence]
    first, second = parts
    return [f"{head[0]}{first}.", f"{head[0]}{second}"]


def split_coordination(sentence: str) -> list[str]:
    """'Ons advies is om a te doen, b te doen en c te doen.' gives three points, each
    the head of the sentence with one of the actions; a sentence that names one action
    stays whole."""
    if len(dat := split_dat_clauses(sentence)) > 1:
        return dat
    match = re.search(
        rf"(?:{ADVICE.pattern})(?:\s+(?:u|het\s+college|de\s+gemeente|de\s+raad))?"
        r"(?:\s+(?:dan\s+ook|daarom|tevens|ook))?(?:\s+(?:om|dat))?\s*:?\s+",
        sentence,
        re.IGNORECASE,
    )
    if not match:
        return [sentence]
    head, rest = sentence[: match.end()].rstrip(), sentence[match.end() :].strip()
    trailing = ""
    if rest.endswith((".", "!")):
        rest, trailing = rest[:-1], rest[-1]
    if ";" in rest:
        parts = [p.strip() for p in rest.split(";")]
    else:
        parts = [p.strip() for p in re.split(r",\s*", rest)]
        last = re.split(r"\s+(?:en|of)\s+(?=[^,]*$)", parts[-1])
        if len(last) == 2 and all(_is_action(p) for p in last):
            parts[-1:] = last
    parts = [re.sub(r"^(?:en|of)\s+", "", p) for p in parts if p]
    if len(parts) < 2 or not all(_is_action(p) for p in parts):
        return [sentence]
    return [f"{head} {part}{trailing or '.'}" for part in parts]


SUBORDINATE = re.compile(
    r"^(?:die|dat|zodat|waarbij|waardoor|waarmee|omdat|wat|waar|welke|als|zoals|mits|"
    r"tenzij|bijvoorbeeld|ook|maar|want|terwijl|opdat|om\s+zo)\b",
    re.IGNORECASE,
)


def _is_action(part: str) -> bool:
    """A conjunct that names an action of its own: its own 'te' and infinitive, and it
    does not open a subordinate clause ('…, zodat …', '…, die …')."""
    return (
        len(part.split()) >= 3
        and bool(re.search(r"\bte\s+\w+(?:en|n)\b", part))
        and not SUBORDINATE.match(part)
    )


# -- whole letters ------------------------------------------------------------------

COLLEGE_LETTER = re.compile(
    r"\b(?:burgemeester\s+en\s+wethouders\s+van|het\s+college\s+van\s+burgemeester\s+en\s+"
    r"wethouders\s+van|de\s+secretaris|de\s+gemeentesecretaris)\b",
    re.IGNORECASE,
)
RESPONSE = re.compile(
    r"\b(?:reactie\s+op\s+(?:uw|het)\s+advies|(?:nemen|neemt)\s+(?:wij|het\s+college)\s+"
    r"(?:dit|het|uw)\s+advies\s+(?:niet\s+|gedeeltelijk\s+|deels\s+)?over|"
    r"(?:standpunt|reactie)\s+(?:van\s+het\s+)?college|uw\s+advies\s+van)\b",
    re.IGNORECASE,
)
LETTER_START = re.compile(
    r"^\s*(?:geachte?|beste|aan\s+(?:het|de)\b|betreft\s*:|onderwerp\s*:)", re.I
)


def letters_in(text: str) -> list[str]:
    """The letters a file holds: a new letter starts after a closing and its
    signature, where a salutation, an address or a subject line follows."""
    lines = text.split("\n")
    starts = [0]
    closed = False
    for index, line in enumerate(lines):
        if CLOSING.match(line.strip()):
            closed = True
        elif closed and (LETTER_START.match(line) or MAIL_HEADER.match(line)):
            starts.append(index)
            closed = False
    starts.append(len(lines))
    return ["\n".join(lines[a:b]) for a, b in itertools.pairwise(starts) if b > a]


def is_response(letter: str) -> bool:
    """A letter of the college (its response, its cover) rather than the advies: its
    signature is the college's, or it answers an advies."""
    lines = letter.split("\n")
    closings = [i for i, line in enumerate(lines) if CLOSING.match(line.strip())]
    signature = "\n".join(lines[closings[-1] :]) if closings else ""
    return bool(COLLEGE_LETTER.search(signature) or len(RESPONSE.findall(letter)) >= 2)


def read_points(text: str) -> list[Point]:
    """The points of the advies in `text`; in a file with more than one letter, the
    points of the letters that are not the college's."""
    letters = letters_in(text)
    if len(letters) > 1:
        own = [letter for letter in letters if not is_response(letter)]
        points = [
            point
            for number, letter in enumerate(own)
            for point in Reader(advisory=is_advisory(letter)).read(
                split_blocks(letter), base=number * 100_000
            )
        ]
        if points:
            return points
    return Reader(advisory=is_advisory(text)).read(split_blocks(text))
