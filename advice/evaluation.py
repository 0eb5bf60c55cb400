"""Measuring the extraction against letters whose points a person has read.

A corpus is a folder of letters, each a `<slug>.txt` (or `<slug>.html`, rendered to a
PDF and read back, the way an uploaded PDF is read) with a `<slug>.json` that holds
its source and its points as a member of the adviesraad would type them. A proposed
point counts as found when it and a true point share most of their words: most of the
true point's words are in the proposal (coverage) and the proposal is not mostly
other text (purity), so a proposal that runs three points together finds at most
one. Where a sentence ends, the point's text or its explanation, is a matter of
judgement: coverage is counted over the proposal's text and explanation together,
purity over its text against the true text and explanation together. Proposals and
true points are paired one to one, best pairs first."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .documents import read_text
from .extraction import ExtractionError, extract_points

COVERAGE = 0.6
PURITY = 0.4
WORD = re.compile(r"\w+")


@dataclass
class Letter:
    slug: str
    path: Path
    truth: list[dict]
    source: dict = field(default_factory=dict)

    def text(self) -> str:
        if self.path.suffix == ".html":
            from weasyprint import HTML

            pdf = HTML(string=self.path.read_text(encoding="utf-8")).write_pdf()
            return read_text(self.path.with_suffix(".pdf").name, pdf)
        return read_text(self.path.name, self.path.read_bytes())


@dataclass
class Score:
    slug: str
    truth: int
    proposed: int
    found: int
    pairs: list[tuple[int, int]] = field(default_factory=list)
    error: str = ""

    @property
    def precision(self) -> float:
        return self.found / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.truth if self.truth else 1.0


def load_corpus(folder: Path) -> list[Letter]:
    letters = []
    for truth_file in sorted(folder.glob("*.json")):
        data = json.loads(truth_file.read_text(encoding="utf-8"))
        for suffix in (".txt", ".html"):
            path = truth_file.with_suffix(suffix)
            if path.exists():
                letters.append(
                    Letter(truth_file.stem, path, data["points"], data.get("source", {}))
                )
                break
    return letters


def words(text: str) -> Counter:
    return Counter(word.lower() for word in WORD.findall(text))


def match(proposed: list, truth: list) -> list[tuple[int, int]]:
    """Pairs (proposal, true point), one to one, best overlap first. Each proposal and
    true point is a text or a (text, explanation) pair."""
    candidates = []
    # A sentence that holds k true points (each written as the whole sentence) is found
    # point by point: each needs a proposal that covers its share.
    shares = Counter(true if isinstance(true, str) else true[0] for true in truth)
    for p, proposal in enumerate(proposed):
        text, explanation = proposal if isinstance(proposal, tuple) else (proposal, "")
        mine, mine_all = words(text), words(f"{text} {explanation}")
        for t, true in enumerate(truth):
            true_text, true_explanation = true if isinstance(true, tuple) else (true, "")
            theirs, theirs_all = words(true_text), words(f"{true_text} {true_explanation}")
            if not theirs or not mine:
                continue
            coverage = sum((mine_all & theirs).values()) / sum(theirs.values())
            coverage *= shares[true_text]
            purity = sum((mine & theirs_all).values()) / sum(mine.values())
            if coverage >= COVERAGE and purity >= PURITY:
                candidates.append((coverage + purity, p, t))
    pairs, used_p, used_t = [], set(), set()
    for _score, p, t in sorted(candidates, reverse=True):
        if p not in used_p and t not in used_t:
            pairs.append((p, t))
            used_p.add(p)
            used_t.add(t)
    return sorted(pairs)


def score(letter: Letter) -> Score:
    truth = [(point["text"], point.get("explanation", "")) for point in letter.truth]
    try:
        proposed = [(point.text, point.explanation) for point in extract_points(letter.text())]
    except ExtractionError as error:
        return Score(letter.slug, len(truth), 0, 0, error=str(error))
    pairs = match(proposed, truth)
    return Score(letter.slug, len(truth), len(proposed), len(pairs), pairs)


def pooled(scores: list[Score]) -> tuple[float, float]:
    proposed = sum(s.proposed for s in scores)
    truth = sum(s.truth for s in scores)
    found = sum(s.found for s in scores)
    return (found / proposed if proposed else 1.0, found / truth if truth else 1.0)
