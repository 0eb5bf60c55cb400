"""Proposing advice points: the Hengelo advies, letters of our own making that cover
every pattern, and files that cannot give points. How well the points of real letters
are found is measured over the corpus in tests/test_extraction_corpus.py."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from advice.documents import read_text
from advice.extraction import ExtractionError, clean_text, extract_points, odd_share

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
HENGELO = SEEDS / "advies-en-collegereactie-hengelo-2021.txt"
LETTERS = Path(__file__).parent / "letters"

COMMUNICATION = (
    "Waar op letten in de communicatie richting de Hengelose inwoners en hoe de last te beperken"
)
# The twelve "we adviseren" points, and three in the imperative ("Betrek inwoners …",
# "Zorg dat … lokale groepen een rol hebben", "Zorg er te allen tijde voor dat …") that
# a member reads as advice as well.
HENGELO_THEMES = [
    "Timing en informatievoorziening",
    "Aanvullende informatie",
    "Maatwerk",
    "Verantwoordelijkheden ten aanzien van inwoners met ondersteuningsvragen",
    "Impact op de uitvoering en sturing",
    COMMUNICATION,
    COMMUNICATION,
    COMMUNICATION,
    COMMUNICATION,
    COMMUNICATION,
    "Aanpassing naar max 4 dagdelen norm",
    "Inclusie",
    "Doorbraakbudget",
    "Toonzetting in de notitie",
    "Inconsistentie",
]

# Outside CI the reference letters may be absent; in CI their absence is a failure.
needs_seeds = pytest.mark.skipif(
    not HENGELO.exists() and os.environ.get("CI") != "true",
    reason="the reference letters in ../shared/seeds are not present",
)


def hengelo_advies() -> str:
    """The advies itself: the file starts with the college's cover and response."""
    lines = HENGELO.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if "College van Burgermeester" in line)
    return "\n".join(lines[start:])


@needs_seeds
def test_the_hengelo_advies_gives_its_15_points_with_their_themes():
    points = extract_points(hengelo_advies())
    assert [p.number for p in points] == list(range(1, 16))
    assert [p.theme for p in points] == HENGELO_THEMES
    assert points[0].text.startswith("We adviseren om, anders dan we met het college")
    assert points[5].text.startswith("Betrek inwoners bij de oplossingen voor de tekorten")
    assert points[9].text.startswith("Om te zorgen dat de consequenties")
    assert "is het aan te raden" in points[9].text


@needs_seeds
def test_a_footnote_inside_a_sentence_does_not_cut_it():
    point = extract_points(hengelo_advies())[6]
    assert point.text.startswith("Zorg dat in de praktische uitvoering hiervan bestaande")
    assert point.text.endswith("en biedt ruimte voor nieuwe groepen.")
    assert "jeugdloket" not in point.text


@needs_seeds
def test_what_follows_the_advice_in_its_paragraph_is_its_explanation():
    point = extract_points(hengelo_advies())[4]
    assert point.text.endswith("in te schakelen.")
    assert point.explanation.startswith("We vragen om inzicht in de ontwikkeling")


@needs_seeds
def test_a_point_broken_by_a_page_break_is_whole():
    point = extract_points(hengelo_advies())[11].text
    assert point.endswith("die uitgangspunten ook helder te verantwoorden.")
    assert "maatregelen om het sociaal domein betaalbaar" in point


@needs_seeds
def test_the_closing_summary_adds_no_duplicates_and_running_text_is_no_point():
    texts = [p.text for p in extract_points(hengelo_advies())]
    assert not any("raden we aan met de gemeenteraad" in text for text in texts)
    assert not any("Hoedt u voor daadkracht" in text for text in texts)


@needs_seeds
def test_the_whole_hengelo_file_gives_the_points_of_the_advies_not_of_the_response():
    """The file opens with the college's cover letter and response, which quote the
    advies; the points are those of the advies, once."""
    whole = extract_points(HENGELO.read_text(encoding="utf-8"))
    assert [p.text for p in whole] == [p.text for p in extract_points(hengelo_advies())]


@needs_seeds
def test_the_command_prints_json(capsys):
    out = io.StringIO()
    call_command("extract_advice_points", str(HENGELO), "--json", stdout=out)
    points = json.loads(out.getvalue())
    assert len(points) == 15
    assert set(points[0]) == {"number", "section", "theme", "text"}
    assert set(points[4]) == {"number", "section", "theme", "text", "explanation"}
    assert set(points[5]) == {"number", "theme", "text", "explanation"}  # no section above


def test_every_pattern_in_a_letter_of_our_own():
    points = extract_points((LETTERS / "advies-lijsten.txt").read_text(encoding="utf-8"))
    assert [(p.number, p.theme, p.text[:30]) for p in points] == [
        # "… het aanvraagformulier in te korten … en het ook digitaal aan te bieden"
        (1, "Toegang", "Wij adviseren het college het "),
        (2, "Toegang", "Wij adviseren het college het "),
        (3, "Toegang", "De adviesraad adviseert daarna"),
        (4, "Eigen bijdrage", "Daarom raden wij u aan de eige"),
        (5, "Mantelzorg", "Geef mantelzorgers een vast aa"),
        (6, "Mantelzorg", "Bied respijtzorg ook in de avo"),
        (7, "Mantelzorg", "Tot slot vinden wij het belang"),
    ]
    assert points[0].text.endswith("in te korten tot één pagina.")
    assert points[1].text.endswith("het ook digitaal aan te bieden.")
    # Hyphenation at a line end is undone; the reason after the advice explains it.
    assert "cliëntondersteuning" in points[2].text
    assert points[3].explanation == "Zo blijft de ondersteuning bereikbaar."
    # A question is no point, even one the letter answers itself; the summary adds none.
    assert not any("verordening na twee jaar" in p.text for p in points)


def test_cleaning_drops_page_furniture_and_repairs_mojibake():
    page = "Gemeente Dijkhoven — advies\nHet advies is ingediend.\nPagina 1 van 3\n"
    raw = page * 3 + "https://example.org/document\nCafÃ© en cliÃ«nt\n"
    cleaned = clean_text(raw)
    assert "Gemeente Dijkhoven — advies" not in cleaned
    assert "Pagina 1 van 3" not in cleaned and "https://" not in cleaned
    assert "Café en cliënt" in cleaned


def test_text_without_advice_gives_no_points():
    prose = "Dit is een beleidsnotitie over het sociaal domein. " * 20
    assert extract_points(prose) == []


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Advies.", "\ue000\ue001" * 500])
def test_text_that_is_not_usable_is_refused(text):
    with pytest.raises(ExtractionError):
        extract_points(text)


@needs_seeds
@pytest.mark.parametrize(
    "name",
    [
        "beleidsvisie-sociaal-domein-dijk-en-waard.txt",
        "visie-sociaal-domein-oosterhout.txt",
        "raadsbrief-afdoening-motie-twenterand-2020.txt",
    ],
)
def test_a_policy_text_full_of_musts_is_no_advies(name):
    """A municipality's own vision or letter says what must happen ("moet", "dient",
    "Zorg voor …" in a quote); it advises no one."""
    assert extract_points((SEEDS / name).read_text(encoding="utf-8")) == []


@needs_seeds
def test_a_policy_document_with_some_garbled_words_gives_no_invented_points():
    raw = (SEEDS / "notitie-uitvoeringsorganisatie-hellendoorn-2014.txt").read_text()
    assert 0.01 < odd_share(raw) < 0.10
    assert extract_points(raw) == []


def test_a_mostly_garbled_text_is_refused():
    garbled = "HWデ ﾏWヴWﾐSWWﾉ ┗;ﾐ SW ┗ヴ;ｪWﾐ けﾃW┌ｪSｴ┌ﾉヮげ. " * 40
    with pytest.raises(ExtractionError) as error:
        extract_points(garbled)
    assert "verminkt" in str(error.value)


def pdf_of(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def test_a_pdf_with_a_text_layer_gives_its_points():
    letter = (LETTERS / "advies-lijsten.txt").read_text(encoding="utf-8")
    paragraphs = "".join(f"<p>{block}</p>" for block in letter.split("\n\n"))
    text = read_text("advies.pdf", pdf_of(f"<html lang='nl'><body>{paragraphs}</body></html>"))
    themes = [p.theme for p in extract_points(text)]
    assert "Toegang" in themes and "Eigen bijdrage" in themes


def test_an_image_only_pdf_says_so_and_gives_no_points():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, format="PDF")
    with pytest.raises(ExtractionError) as error:
        extract_points(read_text("scan.pdf", buffer.getvalue()))
    assert "geen bruikbare tekst" in str(error.value)


def test_a_docx_gives_its_points_with_list_items():
    from docx import Document

    document = Document()
    document.add_heading("Toegang", level=2)
    document.add_paragraph("De toegang moet eenvoudiger. " * 10)
    document.add_paragraph("De adviesraad adviseert het volgende:")
    document.add_paragraph("Maak het formulier korter.", style="List Bullet")
    document.add_paragraph("Bied hulp bij het invullen.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    points = extract_points(read_text("advies.docx", buffer.getvalue()))
    assert [(p.theme, p.text) for p in points] == [
        ("Toegang", "Maak het formulier korter."),
        ("Toegang", "Bied hulp bij het invullen."),
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("advies.pdf", b"Dit is gewoon tekst", "Dit bestand is geen PDF"),
        ("advies.docx", b"%PDF-1.7 ...", "Dit bestand is geen Word-document"),
        ("advies.txt", b"\x00\x01\x02binary", "Dit bestand is geen tekstbestand"),
        ("advies.exe", b"MZ....", "Upload een PDF"),
        ("advies.pdf", b"", "Het bestand is leeg."),
        ("advies.pdf", b"%PDF-1.7 kapot", "beschadigd"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(name, data, message):
    with pytest.raises(ExtractionError) as error:
        read_text(name, data)
    assert message in str(error.value)


def test_a_file_over_the_upload_limit_is_refused(settings):
    settings.RAADSVOLG_MAX_UPLOAD_MB = 1
    with pytest.raises(ExtractionError, match="groter dan 1 MB"):
        read_text("advies.txt", b"a" * (1024 * 1024 + 1))


def test_the_command_refuses_a_missing_or_unusable_file(tmp_path):
    with pytest.raises(CommandError, match="Er is geen bestand"):
        call_command("extract_advice_points", str(tmp_path / "weg.pdf"))
    empty = tmp_path / "leeg.txt"
    empty.write_text("")
    with pytest.raises(CommandError, match="leeg"):
        call_command("extract_advice_points", str(empty))


REALISTIC = {
    "advies-jeugd-westerveen.txt": [
        ("Toegang tot jeugdhulp", "De Adviesraad Sociaal Domein Westerveen adviseert"),
        ("Toegang tot jeugdhulp", "Daarnaast adviseren wij het college de wachttijden"),
        ("Toegang tot jeugdhulp", "Ook adviseren wij om ouders een vaste contactpers"),
        ("Toegang tot jeugdhulp", "Zorg dat jongeren zelf kunnen meepraten over het "),
        ("Toegang tot jeugdhulp", "Betrek de scholen bij de uitvoering."),
        ("Financiën", "De adviesraad adviseert het college om de bezuinig"),
        ("Financiën", "Ten slotte adviseren wij het college om de effecte"),
    ],
    "advies-armoede.txt": [
        ("Bereik van regelingen", "Het college om de aanvraagprocedure voor de meedo"),
        ("Bereik van regelingen", "Een proactieve benadering van huishoudens die rec"),
        ("Bereik van regelingen", "De inkomensgrens te verhogen naar 130% van het so"),
        # Two lines that differ in one word are two points.
        ("Schulden", "Wij adviseren u vroegsignalering uit te breiden na"),
        ("Schulden", "Wij adviseren u vroegsignalering uit te breiden na"),
        ("Communicatie", "Wij raden u aan alle brieven op taalniveau B1 te s"),
        ("Communicatie", "Wij raden u aan alle brieven ook digitaal te verst"),
    ],
    "advies-huishoudelijke-hulp.txt": [
        ("Kwaliteit", "Voer jaarlijks een cliëntervaringsonderzoek uit."),
        ("Kwaliteit", "Stel in het contract met de aanbieders eisen aan d"),
        ("Kwaliteit", "Maak klachten bij de gemeente eenvoudig te melden."),
        ("Personeel", "Investeer in scholing van huishoudelijk medewerke"),
        ("Personeel", "Zorg voor een vaste hulp per cliënt."),
        ("Toezicht", "Laat de toezichthouder onaangekondigd bezoeken afl"),
    ],
    "advies-inclusie.txt": [
        ("Toegankelijkheid gebouwen", "Wij adviseren het college om alle gemeentelijke ge"),
        ("Toegankelijkheid gebouwen", "Wij adviseren het college daarbij een ervaringsdes"),
        ("Toegankelijkheid gebouwen", "Het is verder aan te raden de toegankelijkheid jaa"),
        ("Werk", "Wij geven het college in overweging om zelf het go"),
    ],
}


@pytest.mark.parametrize("name", sorted(REALISTIC))
def test_letters_as_adviesraden_write_them(name):
    """Full names, "Daarnaast adviseren wij", "Advies 1:", lists after an intro, headings
    straight above their text, repeated intros, and shortened summaries."""
    points = extract_points((LETTERS / name).read_text(encoding="utf-8"))
    assert [(p.theme, p.text[:40]) for p in points] == [
        (theme, text[:40]) for theme, text in REALISTIC[name]
    ]


def test_a_pdf_without_blank_lines_keeps_its_headings():
    letter = (LETTERS / "advies-inclusie.txt").read_text(encoding="utf-8")
    body = "".join(
        f"<h2>{line}</h2>" if len(line) < 40 and not line.endswith((".", ",")) else f"<p>{line}</p>"
        for line in letter.splitlines()
        if line.strip()
    )
    text = read_text("advies.pdf", pdf_of(f"<html lang='nl'><body>{body}</body></html>"))
    assert [(p.theme, p.text[:20]) for p in extract_points(text)] == [
        ("Toegankelijkheid gebouwen", "Wij adviseren het co"),
        ("Toegankelijkheid gebouwen", "Wij adviseren het co"),
        ("Toegankelijkheid gebouwen", "Het is verder aan te"),
        ("Werk", "Wij geven het colleg"),
    ]


def test_utf16_text_files_are_read():
    text = "Wij adviseren het college de wachttijd te halveren.\n" + "Toelichting. " * 30
    assert extract_points(read_text("advies.txt", text.encode("utf-16")))[0].text.startswith(
        "Wij adviseren"
    )


def test_a_word_table_keeps_its_advies_and_toelichting_columns():
    from docx import Document

    document = Document()
    document.add_paragraph("Geacht college, hieronder ons advies over de nota mantelzorg.")
    document.add_paragraph("Wij hebben de nota besproken met mantelzorgers uit de wijken. " * 3)
    table = document.add_table(rows=3, cols=3)
    rows = [
        ("Nr", "Advies", "Toelichting"),
        ("1", "Geef elke mantelzorger een eigen gesprek.", "Nu blijft hij buiten beeld."),
        ("2", "Breid de respijtzorg uit in het weekend.", "Er is te weinig aanbod."),
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Met vriendelijke groet,")
    buffer = io.BytesIO()
    document.save(buffer)
    points = extract_points(read_text("advies.docx", buffer.getvalue()))
    assert [(p.text, p.explanation) for p in points] == [
        ("Geef elke mantelzorger een eigen gesprek.", "Nu blijft hij buiten beeld."),
        ("Breid de respijtzorg uit in het weekend.", "Er is te weinig aanbod."),
    ]


def test_a_table_read_from_a_pdf_gives_each_advice_with_its_toelichting():
    """pypdf gives a table cell by cell: the advice, then its toelichting."""
    rows = "".join(
        f"<tr><td>{advice}</td><td>{why}</td></tr>"
        for advice, why in [
            (
                "Vraag bij elk keukentafelgesprek naar de mantelzorger.",
                "Nu gaat de aandacht naar de cliënt. Een eigen gesprek geeft ruimte.",
            ),
            (
                "Breid de respijtzorg uit in het weekend.",
                "Werkende mantelzorgers hebben juist dan behoefte aan rust.",
            ),
        ]
    )
    html = (
        "<html lang='nl'><body><p>Geacht college,</p><p>Wij adviseren u als volgt.</p>"
        f"<table><tr><th>Advies</th><th>Toelichting</th></tr>{rows}</table>"
        "<p>Met vriendelijke groet,</p></body></html>"
    )
    points = extract_points(read_text("advies.pdf", pdf_of(html)))
    assert [p.text for p in points] == [
        "Vraag bij elk keukentafelgesprek naar de mantelzorger.",
        "Breid de respijtzorg uit in het weekend.",
    ]
    assert points[0].explanation.startswith("Nu gaat de aandacht naar de cliënt.")
    assert points[1].explanation.endswith("juist dan behoefte aan rust.")


def test_a_line_the_letter_repeats_is_no_page_header():
    """'Zorg voor een vast aanspreekpunt.' closes three sections; a running header
    stands at the edge of every page."""
    section = "{theme}\n\nDe wachttijden zijn lang en inwoners weten niet waar zij heen kunnen.\n"
    sections = "\n".join(
        section.format(theme=theme) + "\nAdvies: Zorg voor een vast aanspreekpunt.\n"
        for theme in ("Jeugd", "Wmo", "Schulden")
    )
    page = "Adviesraad Sociaal Domein Oeverstad — advies 2026-04\n"
    text = page + "Geacht college,\n\n" + sections.replace("Schulden", "\f\n" + page + "Schulden")
    text += "\n\f\n" + page + "Met vriendelijke groet,\n"
    points = extract_points(text + "\n" + "Wij danken u voor de vraag om advies. " * 5)
    assert [(p.theme, p.text) for p in points] == [
        (theme, "Zorg voor een vast aanspreekpunt.") for theme in ("Jeugd", "Wmo", "Schulden")
    ]
    assert "Oeverstad — advies" not in clean_text(text)


def test_one_sentence_with_three_actions_gives_three_points():
    text = (
        "Geacht college,\n\nOns advies is om de wachttijd voor schuldhulp te halveren, "
        "de brieven op taalniveau B1 te schrijven en een vast aanspreekpunt per wijk te "
        "bieden.\n\n" + "Wij lichten dit graag toe in een gesprek. " * 6
    )
    assert [p.text for p in extract_points(text)] == [
        "Ons advies is om de wachttijd voor schuldhulp te halveren.",
        "Ons advies is om de brieven op taalniveau B1 te schrijven.",
        "Ons advies is om een vast aanspreekpunt per wijk te bieden.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2021 hebben wij al geadviseerd om de eigen bijdrage af te schaffen.",
        "De Raad van State raadt aan de eigen bijdrage inkomensafhankelijk te maken.",
        "Het college adviseert de raad om de verordening vast te stellen.",
        "Wij vragen ons af of de gemeente zicht heeft op de wachttijden.",
        "Kan het college aangeven hoeveel jongeren wachten?",
        "Wij lichten ons advies graag toe in een gesprek.",
        "Wij zien uw reactie met belangstelling tegemoet.",
    ],
)
def test_counter_evidence_makes_no_point(sentence):
    text = "Geacht college,\n\nWij adviseren u de wachttijd te halveren.\n\n" + sentence
    assert [p.text for p in extract_points(text + "\n\n" + "Met vriendelijke groet. " * 8)] == [
        "Wij adviseren u de wachttijd te halveren."
    ]


def test_a_text_of_which_two_fifths_is_another_script_is_refused():
    """A broken font map turns Dutch into letters of another script; counted as odd,
    44 % katakana is refused, as a few odd words in a long text are not."""
    dutch = "Wij adviseren het college de wachttijd voor schuldhulp te halveren. " * 6
    garbled = "ヮヴラHノWマ;デキWニ " * 45
    assert 0.4 < odd_share(dutch + garbled) < 0.5
    with pytest.raises(ExtractionError, match="verminkt"):
        extract_points(dutch + garbled)
    assert extract_points(dutch * 3 + "ヮヴラ") != []


def test_a_sentence_of_one_word_is_read_without_error():
    text = "Geacht college,\n\nWij adviseren u de wachttijd te halveren.\n\n" + "Uitleg. " * 40
    assert [p.text for p in extract_points(text)] == ["Wij adviseren u de wachttijd te halveren."]
