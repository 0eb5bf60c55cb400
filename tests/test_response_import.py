"""Importing a college response letter: each point's answer and the standpunt the
letter states for it, in different layouts (tests/letters/responses/: the quote with
'Reactie:' and 'Standpunt:', a table, running text, a form read from a PDF). A general
closing paragraph belongs to no point; a sentence broken by a page break is joined; an
unclear standpunt is left empty and reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from advice.constants import Position
from advice.matching import join_page_breaks, match_responses, position_of, positions_in
from advice.models import AdvicePoint, PointResponse
from tests.factories import AdviceFactory

RESPONSES = Path(__file__).parent / "letters" / "responses"
LETTERS = sorted(path.stem for path in RESPONSES.glob("*.json"))


def load(name):
    truth = json.loads((RESPONSES / f"{name}.json").read_text(encoding="utf-8"))
    letter = (RESPONSES / f"{name}.txt").read_text(encoding="utf-8")
    return [tuple(point) for point in truth["points"]], letter, truth["expected"]


def test_there_are_letters_of_four_layouts():
    assert len(LETTERS) == 4
    assert all((RESPONSES / f"{name}.txt").exists() for name in LETTERS)


@pytest.mark.parametrize("name", LETTERS)
def test_every_answer_is_matched_with_the_standpunt_the_letter_states(name):
    points, letter, expected = load(name)
    report = match_responses(points, letter)
    assert report.unmatched_points == []
    assert report.unmatched_quotes == []
    found = {m.point_number: m for m in report.matches}
    assert sorted(found) == sorted(int(n) for n in expected)
    for number, truth in expected.items():
        match = found[int(number)]
        assert match.position == truth["position"], number
        assert match.response.startswith(truth["response_starts"]), (number, match.response)
        assert match.response.endswith(truth["response_ends"]), (number, match.response)


@pytest.mark.parametrize("name", LETTERS)
def test_page_furniture_labels_and_the_closing_are_in_no_answer(name):
    points, letter, _expected = load(name)
    answers = " ".join(m.response for m in match_responses(points, letter).matches)
    for furniture in ("Pagina", "- 2 -", "Reactie op advies", "Standpunt", "Reactie:"):
        assert furniture not in answers
    for closing in ("vertrouwen erop", "danken u voor uw", "zien uit naar", "vriendelijke groet"):
        assert closing not in answers


def test_an_unclear_standpunt_label_is_left_empty_and_reported():
    points, letter, _expected = load("collegereactie-mantelzorg")
    match = {m.point_number: m for m in match_responses(points, letter).matches}[4]
    assert (match.position, match.position_note) == (
        "",
        "nader te bepalen na overleg met de scholen",
    )


def test_an_answer_that_adopts_one_part_and_rejects_another_is_not_guessed():
    points, letter, _expected = load("collegereactie-wmo-labels")
    report = match_responses(points, letter)
    match = {m.point_number: m for m in report.matches}[3]
    assert match.position == ""
    assert "Wij nemen dit advies over voor de avonduren" in match.position_note
    assert "nemen wij niet over" in match.position_note
    assert [m.point_number for m in report.without_position] == [3]


def test_an_answer_without_a_standpunt_says_so():
    points, letter, _expected = load("collegereactie-armoede")
    match = {m.point_number: m for m in match_responses(points, letter).matches}[5]
    assert (match.position, match.position_note) == ("", "")


A, P, N, K = (Position.adopted, Position.partly_adopted, Position.not_adopted, Position.noted)


@pytest.mark.parametrize(
    ("sentence", "position"),
    [
        ("Dit advies wordt overgenomen.", A),
        ("Het advies wordt gedeeltelijk overgenomen.", P),
        ("Het advies is door het college niet overgenomen.", N),
        ("Wij nemen dit advies over.", A),
        ("Het college neemt het advies over.", A),
        ("Het college neemt het advies niet over.", N),
        ("Het college neemt het advies deels over.", P),
        ("Wij volgen uw advies.", A),
        ("Wij volgen uw advies niet, omdat de wet dit niet toestaat.", N),
        ("Dit advies nemen wij niet over.", N),
        ("Wij nemen dit advies ten dele over.", P),
        ("Wij nemen dit advies over, omdat wachten niet langer kan.", A),
        ("Het advies wordt voor kennisgeving aangenomen.", K),
    ],
)
def test_the_phrases_of_a_standpunt(sentence, position):
    assert position_of(sentence) == (position, "")


@pytest.mark.parametrize(
    "sentence",
    [
        "Wij nemen de kosten van het vervoer over van de provincie.",
        "Wij zijn het eens met dit advies.",
        "De tekst is overgenomen uit de verordening.",
        "Wij onderzoeken de mogelijkheden.",
    ],
)
def test_sentences_that_state_no_standpunt(sentence):
    assert positions_in(sentence) == set()


@pytest.mark.parametrize(
    ("label", "position"),
    [
        ("overgenomen", A),
        ("Gedeeltelijk overgenomen", P),
        ("Deels overgenomen", P),
        ("niet overgenomen", N),
        ("Voor kennisgeving aangenomen", K),
        ("wij volgen uw advies", A),
    ],
)
def test_a_label_or_column_states_the_standpunt_in_a_word(label, position):
    assert position_of("Een reactie zonder standpunt.", label) == (position, "")


def test_a_label_decides_over_the_sentences_of_the_answer():
    answer = "Het eerste deel nemen wij over; het tweede deel nemen wij niet over."
    assert position_of(answer)[0] == ""
    assert position_of(answer, "gedeeltelijk overgenomen") == (P, "")


def test_a_sentence_broken_by_a_page_break_is_joined_and_a_new_paragraph_is_not():
    text = (
        "Wij verhogen de bijdrage, omdat de kosten\n\nGemeente Dijkhoven\nPagina 2 van 3\n\n"
        "sterk zijn gestegen.\n\nGemeente Dijkhoven\nPagina 3 van 3\n\nAdvies 3\n"
    )
    lines = join_page_breaks(text).split("\n")
    assert [line for line in lines if line.strip()] == [
        "Wij verhogen de bijdrage, omdat de kosten sterk zijn gestegen.",
        "Advies 3",
    ]
    assert lines[1] == ""  # "Advies 3" stays a paragraph of its own


def test_a_closing_between_two_answers_stays_with_its_answer():
    points = [
        (1, "Wij adviseren het college de wachttijd voor schuldhulp te halveren."),
        (2, "Wij adviseren een mantelzorgpunt in elke wijk te openen."),
    ]
    letter = (
        "We adviseren het college de wachttijd voor schuldhulp te halveren.\n\n"
        "Het college neemt dit advies over.\n\n"
        "Wij danken u voor uw advies over de schuldhulp, dat ons erg helpt.\n\n"
        "We adviseren een mantelzorgpunt in elke wijk te openen.\n\n"
        "Wij nemen dit advies niet over.\n\n"
        "Wij danken u voor uw advies.\n\nMet vriendelijke groet,\n"
    )
    answers = {m.point_number: m.response for m in match_responses(points, letter).matches}
    assert answers[1].endswith("dat ons erg helpt.")
    assert answers[2] == "Wij nemen dit advies niet over."


@pytest.fixture
def advice(town):
    points, _letter, _expected = load("collegereactie-armoede")
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        status="response_in_preparation",
    )
    for number, text in points:
        AdvicePoint.objects.create(advice=advice, number=number, text=text, sort_order=number)
    return advice


def test_the_command_stores_the_standpunten_and_reports_what_is_unclear(advice):
    point_5 = advice.points.get(number=5)
    PointResponse.objects.create(point=point_5, position=Position.noted, text="Oud.")
    out = io.StringIO()
    path = RESPONSES / "collegereactie-armoede.txt"
    call_command("import_college_response", advice.pk, str(path), "--apply", stdout=out)
    printed = out.getvalue()
    assert "Punt 1: standpunt Overgenomen" in printed
    assert "Punt 5: geen standpunt gevonden; leeg gelaten" in printed
    assert "5 antwoorden opgeslagen." in printed
    stored = dict(
        PointResponse.objects.filter(point__advice=advice).values_list("point__number", "position")
    )
    assert stored == {1: A, 2: P, 3: N, 4: A, 5: Position.noted}  # 5: left as it was
    assert PointResponse.objects.get(point=point_5).text.startswith("Wij onderzoeken")


def test_the_command_reports_an_unclear_standpunt_and_stores_none(town):
    points, _letter, _expected = load("collegereactie-wmo-labels")
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        status="response_in_preparation",
    )
    for number, text in points:
        AdvicePoint.objects.create(advice=advice, number=number, text=text, sort_order=number)
    out = io.StringIO()
    path = RESPONSES / "collegereactie-wmo-labels.txt"
    call_command("import_college_response", advice.pk, str(path), "--apply", stdout=out)
    assert "Punt 3: standpunt onduidelijk (Wij nemen dit advies over" in out.getvalue()
    assert PointResponse.objects.get(point__number=3, point__advice=advice).position == ""


def test_a_standpunt_label_that_opens_the_answer():
    points = [(1, "Wij adviseren het college de wachttijd voor schuldhulp te halveren.")]
    letter = (
        "Advies 1\n"
        "Wij adviseren het college de wachttijd voor schuldhulp te halveren.\n"
        "Standpunt: niet overgenomen. De wachttijd is al korter dan twee weken.\n\n"
        "Met vriendelijke groet,\n"
    )
    (match,) = match_responses(points, letter).matches
    assert (match.position, match.response) == (N, "De wachttijd is al korter dan twee weken.")


def test_labels_on_a_line_of_their_own_with_the_value_below():
    points = [(1, "Wij adviseren het college de wachttijd voor schuldhulp te halveren.")]
    letter = (
        "Advies 1\n"
        "Wij adviseren het college de wachttijd voor schuldhulp te halveren.\n"
        "Reactie college\n"
        "Wij halveren de wachttijd in 2028.\n"
        "Standpunt college\n"
        "Overgenomen\n\n"
        "Met vriendelijke groet,\n"
    )
    (match,) = match_responses(points, letter).matches
    assert (match.position, match.response) == (A, "Wij halveren de wachttijd in 2028.")
