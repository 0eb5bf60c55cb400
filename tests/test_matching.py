"""Importing history: a college response letter matched to the advice points."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from advice.extraction import extract_points
from advice.matching import match_responses
from advice.models import AdvicePoint, PointResponse
from tests.factories import AdviceFactory

HENGELO = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "seeds"
    / ("advies-en-collegereactie-hengelo-2021.txt")
)
# Outside CI the reference letters may be absent; in CI their absence is a failure.
needs_seeds = pytest.mark.skipif(
    not HENGELO.exists() and os.environ.get("CI") != "true",
    reason="the reference letters in ../shared/seeds are not present",
)


def hengelo_parts():
    lines = HENGELO.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "College van Burgermeester" in line)
    return "\n".join(lines[:start]), "\n".join(lines[start:])


@needs_seeds
def test_every_hengelo_answer_is_matched_to_its_point():
    letter, advies = hengelo_parts()
    # The college answers the twelve "we adviseren" points; the three in the
    # imperative (proposals 6 to 8) it answers under the point that follows them.
    advised = [p for p in extract_points(advies) if p.number not in (6, 7, 8)]
    # A college quotes a point with its explanation; both are matched.
    points = [
        (number, f"{p.text} {p.explanation}".strip()) for number, p in enumerate(advised, start=1)
    ]
    report = match_responses(points, letter)
    assert sorted(m.point_number for m in report.matches) == list(range(1, 13))
    assert report.unmatched_points == []
    answers = {m.point_number: m.response for m in report.matches}
    assert answers[5].startswith("Wij zijn het eens met uw advies, de inzet van")
    assert answers[9].startswith("Wij zijn het eens met dit advies.")
    assert "Maatwerk" not in answers[2].split("\n\n")  # a heading is no answer


def test_what_cannot_be_matched_is_reported():
    points = [
        (1, "Wij adviseren het college de wachttijd voor schuldhulp te halveren."),
        (2, "Wij adviseren een mantelzorgpunt in elke wijk te openen."),
    ]
    letter = (
        "Geachte voorzitter,\n\n"
        "We adviseren het college de wachttijd voor schuldhulp te halveren.\n\n"
        "Het college neemt dit advies over.\n\n"
        "Met vriendelijke groet,\n\nHet college\n"
    )
    report = match_responses(points, letter)
    assert [(m.point_number, m.response) for m in report.matches] == [
        (1, "Het college neemt dit advies over.")
    ]
    assert report.unmatched_points == [2]


@needs_seeds
def test_the_command_stores_the_answers(town, tmp_path):
    letter, advies = hengelo_parts()
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    for point in extract_points(advies):
        AdvicePoint.objects.create(
            advice=advice,
            number=point.number,
            theme=point.theme,
            text=point.text,
            sort_order=point.number,
        )
    type(advice).objects.filter(pk=advice.pk).update(status="response_in_preparation")
    path = tmp_path / "reactie.txt"
    path.write_text(letter, encoding="utf-8")
    out = io.StringIO()
    call_command("import_college_response", advice.pk, str(path), "--apply", stdout=out)
    assert "12 antwoorden opgeslagen." in out.getvalue()
    assert PointResponse.objects.filter(point__advice=advice).exclude(text="").count() == 12


def test_the_command_refuses_an_unknown_advice(db, tmp_path):
    with pytest.raises(CommandError, match="Er is geen advies met id 999"):
        call_command("import_college_response", 999, str(tmp_path / "x.txt"))


def test_importing_into_a_draft_or_a_sent_response_is_refused(town, tmp_path):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
    )
    path = tmp_path / "reactie.txt"
    path.write_text("Wij adviseren punt 1.\n\nAkkoord.\n" * 20, encoding="utf-8")
    with pytest.raises(CommandError, match="kunnen niet meer worden gewijzigd"):
        call_command(
            "import_college_response", advice.pk, str(path), "--apply", stdout=io.StringIO()
        )
    assert not PointResponse.objects.exists()


def test_a_paraphrasing_answer_does_not_start_a_second_match():
    points = [(1, "Wij adviseren het college één loket voor jeugdhulp in te richten.")]
    letter = (
        "We adviseren het college één loket voor jeugdhulp in te richten.\n\n"
        "Het college richt in 2027 één loket voor jeugdhulp in, zoals de adviesraad vraagt.\n\n"
        "Met vriendelijke groet,\n"
    )
    report = match_responses(points, letter)
    assert [(m.point_number, m.response[:30]) for m in report.matches] == [
        (1, "Het college richt in 2027 één ")
    ]
