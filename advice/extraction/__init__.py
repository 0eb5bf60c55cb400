"""Proposing advice points from the text of an advies.

The adviesraad types, pastes or uploads its letter; Raadsvolg proposes its points,
each with the heading it stands under as its theme and, where the letter gives one,
the explanation that belongs to it. The member reviews the proposal before anything
is saved.

- `cleaning`: text as a person reads it (no page furniture, no line-end hyphenation,
  repaired characters), and the guard against text no one can read;
- `blocks`: paragraphs, list items, labels, headings and table rows;
- `evidence`: what a sentence does, weighed from several kinds of evidence;
- `points`: the structure of the letter, and the points, their explanations and
  their themes.

A closing summary that restates the points adds none (`drop_repeats`)."""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .blocks import Block, heading_of, split_blocks
from .cleaning import ExtractionError, check_usable, clean_text, odd_share
from .evidence import ADVICE
from .points import Point, read_points

__all__ = [
    "ADVICE",
    "STOP",
    "Block",
    "ExtractionError",
    "ProposedPoint",
    "check_usable",
    "clean_text",
    "extract_points",
    "heading_of",
    "odd_share",
    "split_blocks",
]


@dataclass
class ProposedPoint:
    number: int
    theme: str
    text: str
    explanation: str = ""
    section: str = ""

    def as_dict(self) -> dict:
        data = {"number": self.number, "theme": self.theme, "text": self.text}
        if self.explanation:
            data["explanation"] = self.explanation
        if self.section:
            data["section"] = self.section
        return data


def extract_points(raw_text: str) -> list[ProposedPoint]:
    """The advice points of an advies, in order, each with its theme."""
    text = clean_text(raw_text)
    check_usable(text)
    points = drop_repeats(read_points(text))
    return [
        ProposedPoint(
            number,
            point.theme,
            _capital(point.full_text().strip()),
            point.explanation.strip(),
            point.section.strip(),
        )
        for number, point in enumerate(points, start=1)
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- repeats ------------------------------------------------------------------------

STOP = {
    "de", "het", "een", "en", "van", "in", "op", "te", "om", "dat", "die", "voor", "met",
    "als", "aan", "is", "zijn", "we", "wij", "u", "ons", "onze", "uw", "niet", "ook", "bij",
    "door", "naar", "of", "tot", "dit", "deze", "er", "worden", "wordt", "college",
    "adviesraad", "adviseren", "adviseert", "raden", "advies", "adviezen", "gemeente",
    "aanbeveling", "aanbevelen", "daarom", "verder", "daarnaast", "tevens", "graag",
}  # fmt: skip


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _stems(text: str) -> set[str]:
    """Crude stems (the first five letters) of the significant words."""
    return {w[:5] for w in re.findall(r"\w+", text.lower()) if len(w) > 3 and w not in STOP}


def drop_repeats(points: list[Point]) -> list[Point]:
    """Points that say again what an earlier point said, as a closing summary does.
    Where the body of the letter advises, its summary adds no points; where the body
    only observes, the summary's items are the points. Outside a summary a point is a
    repeat when it says almost word for word what a point of the same theme said: the
    same sentence under three themes is three points."""
    if any(not point.summary for point in points):
        points = [point for point in points if not point.summary]
    kept: list[Point] = []
    seen: list[tuple[str, set[str], Point]] = []
    said: set[str] = set()  # the stems of every point so far
    for point in points:
        normal, stems = _normal(point.text), _stems(point.text)
        if not normal:
            continue
        restated = point.summary and stems and len(stems & said) / len(stems) >= 0.6
        if not restated and not any(_repeats(normal, stems, point, *earlier) for earlier in seen):
            kept.append(point)
        seen.append((normal, stems, point))
        said |= stems
    return kept


def _repeats(normal, stems, point, earlier_normal, earlier_stems, earlier) -> bool:
    if earlier.block == point.block:
        return False  # two points of one paragraph are two points
    same = normal == earlier_normal
    if not point.summary:
        return same and point.theme == earlier.theme
    if same or fuzz.ratio(normal, earlier_normal) >= 92:
        return True
    if normal in earlier_normal or earlier_normal in normal:
        return True
    shorter = min(len(stems), len(earlier_stems))
    if shorter and len(stems & earlier_stems) / shorter >= 0.6:
        return True
    return fuzz.token_set_ratio(normal, earlier_normal) >= 85
