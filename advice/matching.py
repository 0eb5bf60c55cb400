"""Importing history: match the paragraphs of an existing college response letter to
the advice points they answer.

A response letter quotes or paraphrases each point and answers below it (as in the
Hengelo letter). Every block of the letter that resembles a point marks where the
answer to that point starts; the blocks after it, up to the next quoted point or the
closing, are the answer. What cannot be matched is reported, never guessed."""

import re
from dataclasses import dataclass, field

from .extraction import ADVICE, STOP, clean_text, heading_of, split_blocks

CLOSING = re.compile(r"^(met vriendelijke groet|hoogachtend|burgemeester en wethouders)", re.I)
# The advice verbs and actors count here: a quote is recognised by them too.
STOPWORDS = STOP - {"college", "adviesraad", "adviseren", "adviseert", "raden"}
MATCH_THRESHOLD = 0.6


@dataclass
class Match:
    point_number: int
    quote: str
    response: str
    score: float


@dataclass
class MatchReport:
    matches: list[Match] = field(default_factory=list)
    unmatched_points: list[int] = field(default_factory=list)
    unmatched_quotes: list[str] = field(default_factory=list)


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


def match_responses(points: list[tuple[int, str]], letter_text: str) -> MatchReport:
    """Match the letter's answers to `points` (number, text)."""
    report = MatchReport()
    current: Match | None = None
    answers: list[str] = []

    def close():
        if current is not None:
            current.response = "\n\n".join(answers).strip()
            report.matches.append(current)

    for block in split_blocks(clean_text(letter_text)):
        text = block.text
        if CLOSING.match(text):
            close()  # the signature ends the last answer
            current, answers = None, []
            continue
        score, number = _best_point(text, points)
        answered = {m.point_number for m in report.matches} | (
            {current.point_number} if current else set()
        )
        # An answer that paraphrases its own point does not start a new match.
        if score >= MATCH_THRESHOLD and len(_words(text)) >= 4 and number not in answered:
            close()
            current, answers = Match(number, text, "", score), []
        elif ADVICE.search(text) and current is None:
            report.unmatched_quotes.append(text)
        elif current is not None and not heading_of(block):
            answers.append(text)
    close()
    answered = {match.point_number for match in report.matches}
    report.unmatched_points = [number for number, _text in points if number not in answered]
    return report
