"""Reading a dictum for the raadsbrief: every real dictum of the corpus (published moties
of Dutch municipalities, tests/letters/dicta/corpus.json) and the forms issue 13 names
give the verb's participle, the request inline or as items, the spreekt-uit statements
and the clauses addressed to others, without "De raad" and the closing formula."""

import json
from pathlib import Path

import pytest

from motions.dictum import parse_dictum

CORPUS = json.loads((Path(__file__).parent / "letters/dicta/corpus.json").read_text("utf-8"))


def reading(dictum: str) -> dict:
    parsed = parse_dictum(dictum)
    return {
        "participle": parsed.participle,
        "request": parsed.request,
        "items": list(parsed.items),
        "list_kind": parsed.list_kind,
        "statements": list(parsed.statements),
        "others": list(parsed.others),
    }


def test_the_corpus_holds_real_dicta_of_many_municipalities():
    dicta = CORPUS["dicta"]
    assert len(dicta) >= 15
    assert len({entry["municipality"] for entry in dicta}) >= 10
    assert all(entry["url"].startswith("https://") for entry in dicta)


@pytest.mark.parametrize("entry", CORPUS["dicta"], ids=lambda entry: entry["id"])
def test_a_real_dictum_reads_as_expected(entry):
    assert reading(entry["dictum"]) == entry["expected"]


def expected(participle="", request="", items=(), kind="", statements=(), others=()):
    return {
        "participle": participle,
        "request": request,
        "items": list(items),
        "list_kind": kind,
        "statements": list(statements),
        "others": list(others),
    }


# The forms issue 13 names that the corpus has no published example of, written in the
# wording moties use.
@pytest.mark.parametrize(
    ("dictum", "result"),
    [
        pytest.param(
            "verzoekt het college: 1. een pilot te starten; 2. de raad voor 1 juli te "
            "informeren, en gaat over tot de orde van de dag.",
            expected(
                "verzocht",
                items=["een pilot te starten", "de raad voor 1 juli te informeren"],
                kind="number",
            ),
            id="numbered-on-one-line",
        ),
        pytest.param(
            "verzoekt het college:\n1. een pilot te starten;\n2. de raad voor 1 juli te "
            "informeren;\nen gaat over tot de orde van de dag.",
            expected(
                "verzocht",
                items=["een pilot te starten", "de raad voor 1 juli te informeren"],
                kind="number",
            ),
            id="numbered-lines",
        ),
        pytest.param(
            "draagt het college op:\na. een plan te maken;\nb. dit met de raad te bespreken,\n"
            "en gaat over tot de orde van de dag.",
            expected(
                "opgedragen",
                items=["een plan te maken", "dit met de raad te bespreken"],
                kind="letter",
            ),
            id="lettered",
        ),
        pytest.param(
            "draagt het college van burgemeester en wethouders op om de verordening te wijzigen.",
            expected("opgedragen", "de verordening te wijzigen"),
            id="draagt-op-om",
        ),
        pytest.param(
            "Besluit: het college te verzoeken een pilot te starten, en gaat over tot de "
            "orde van de dag.",
            expected("verzocht", "een pilot te starten"),
            id="besluit-te-verzoeken",
        ),
        pytest.param(
            "besluit het college op te dragen om de verordening te wijzigen.",
            expected("opgedragen", "de verordening te wijzigen"),
            id="besluit-op-te-dragen",
        ),
        pytest.param(
            "roept het college op de jongerenraad te betrekken.",
            expected("opgeroepen", "de jongerenraad te betrekken"),
            id="roept-op",
        ),
        pytest.param(
            "vraagt het college om de bewoners te betrekken.",
            expected("gevraagd", "de bewoners te betrekken"),
            id="vraagt",
        ),
        pytest.param(
            "spreekt uit dat armoede bestreden moet worden en verzoekt het college een "
            "armoedeplan op te stellen, en gaat over tot de orde van de dag.",
            expected(
                "verzocht",
                "een armoedeplan op te stellen",
                statements=["armoede bestreden moet worden"],
            ),
            id="spreekt-uit-en-verzoekt",
        ),
        pytest.param(
            "spreekt als haar mening uit dat de bibliotheek open moet blijven;\n"
            "en gaat over tot de orde van de dag.",
            expected(statements=["de bibliotheek open moet blijven"]),
            id="only-spreekt-uit",
        ),
        pytest.param(
            "De raad verzoekt het college een plan te maken.",
            expected("verzocht", "een plan te maken"),
            id="de-raad-verzoekt",
        ),
        pytest.param(
            "verzoeken het college de speeltuin op te knappen, "
            "en gaan over tot de orde van de dag.",
            expected("verzocht", "de speeltuin op te knappen"),
            id="plural-verzoeken",
        ),
        pytest.param(
            "verzoekt het college een evaluatie uit te voeren;\nverzoekt de griffie de "
            "evaluatie te agenderen,\nen gaat over tot de orde van de dag.",
            expected(
                "verzocht",
                "een evaluatie uit te voeren",
                others=["verzoekt de griffie de evaluatie te agenderen"],
            ),
            id="also-addresses-the-griffie",
        ),
        pytest.param(
            "verzoekt het college op korte termijn een plan te maken.",
            expected("verzocht", "op korte termijn een plan te maken"),
            id="op-belongs-to-the-request",
        ),
        pytest.param(
            "verzoekt het college van B&W, een plan te maken;",
            expected("verzocht", "een plan te maken"),
            id="college-van-b-en-w",
        ),
        pytest.param(
            "een pilot te starten",
            expected(),
            id="no-verb-at-all",
        ),
    ],
)
def test_the_forms_the_issue_names(dictum, result):
    assert reading(dictum) == result


def test_a_dictum_without_a_head_keeps_its_text_for_the_fallback():
    parsed = parse_dictum("De raad\nwenst een pilot,\nen gaat over tot de orde van de dag.")
    assert not parsed.asks_the_college
    assert " ".join(parsed.text.split()) == "wenst een pilot"


def test_quoted_whole_a_dictum_loses_its_bullets_and_keeps_its_numbers():
    parsed = parse_dictum("Verzoekt de burgemeester:\n• - het vuurwerk te verbieden;\n1. nu")
    assert parsed.whole == "Verzoekt de burgemeester: het vuurwerk te verbieden; 1. nu"
