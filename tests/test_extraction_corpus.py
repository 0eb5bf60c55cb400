"""How well the points of real letters are found: the corpus of tests/letters/corpus
(real letters of many adviesraden, Wmo-raden, cliënten-, participatie-, senioren- and
jongerenraden and rekenkamers, and fictional letters in the formats they use), each
with the points a member read in it. `make bench-extraction` prints the figures."""

from pathlib import Path

import pytest

from advice.evaluation import load_corpus, match, pooled, score, words

CORPUS = Path(__file__).parent / "letters" / "corpus"
LETTERS = load_corpus(CORPUS)
# Held out: measured by `make bench-extraction`, never asserted on (see docs/extraction.md)
HELDOUT = load_corpus(Path(__file__).parent / "letters" / "heldout")
# Pooled over the corpus, and a floor per letter so that a rule that helps one letter
# and breaks another fails.
POOLED_FLOOR = 0.95
LETTER_FLOOR = 0.5
# Letters whose points the extraction does not find, and why; each stays at what it
# reaches now (precision, recall), so that it can only get better.
KNOWN_MISSES = {
    # "Aanvullend geeft de ACO nog aan dat … gebruikt kunnen worden": a suggestion in
    # a verb ("aangeven dat … kunnen") that also merely reports.
    "r2-aco-utrecht-informatievoorziening-2012": (1.0, 0.0),
    # The stored copy stops inside the first of the suggestions that "we u als advies
    # meegeven"; that item is a heading over sub-items ("Periodieke activiteiten …:").
    "h-asd-renkum-toegankelijkheid": (1.0, 0.0),
    # The one advice is a pull quote in quotation marks; quoted text is someone else's.
    "h-brederaad010-armoede": (1.0, 0.0),
    # A fractie's questions to the college that quote what the platform wants ("moet
    # wel in staat gesteld worden", "wil graag dat"): no advies, two proposals.
    "h-westland-verstandig-vragen-negatief": (0.0, 1.0),
}


@pytest.fixture(scope="module")
def scores():
    return {letter.slug: score(letter) for letter in LETTERS}


def test_the_corpus_holds_real_letters_of_many_bodies():
    real = [letter for letter in LETTERS if letter.source.get("kind") == "real"]
    assert len(real) >= 25
    assert len({letter.source["url"] for letter in real}) == len(real)
    assert len({letter.source["municipality"] for letter in real}) >= 15
    assert all(letter.source.get("url") for letter in real)


def test_every_true_point_is_in_its_letter():
    """The truth is the letter's own words (or, for a letter read from a PDF, words the
    letter has), so a typo in a truth file cannot pass unseen."""
    for letter in LETTERS + HELDOUT:
        text = words(letter.text())
        for point in letter.truth:
            missing = words(point["text"]) - text
            assert sum(missing.values()) <= 2, (letter.slug, point["text"][:60], missing)


def test_pooled_precision_and_recall(scores):
    precision, recall = pooled(list(scores.values()))
    assert precision >= POOLED_FLOOR, f"precision {precision:.3f}"
    assert recall >= POOLED_FLOOR, f"recall {recall:.3f}"


@pytest.mark.parametrize("slug", [letter.slug for letter in LETTERS])
def test_each_letter_keeps_a_floor(scores, slug):
    result = scores[slug]
    precision_floor, recall_floor = KNOWN_MISSES.get(slug, (LETTER_FLOOR, LETTER_FLOOR))
    assert not result.error, result.error
    assert result.precision >= precision_floor, f"precision {result.precision:.2f}"
    assert result.recall >= recall_floor, f"recall {result.recall:.2f}"


def test_the_known_misses_are_letters_of_the_corpus():
    assert set(KNOWN_MISSES) <= {letter.slug for letter in LETTERS}


def test_the_measure_pairs_points_one_to_one():
    truth = ["Wij adviseren het college de wachttijd te halveren.", "Zorg voor één loket."]
    merged = ["Wij adviseren het college de wachttijd te halveren en zorg voor één loket."]
    assert match(truth, truth) == [(0, 0), (1, 1)]
    assert len(match(merged, truth)) == 1  # a proposal of two points finds one
    assert match(["Een heel ander onderwerp dan dit."], truth) == []
