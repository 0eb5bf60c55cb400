"""Punten voorstellen as an adviesraad member does it, in Chromium with the nl-NL
locale: upload a real kind of letter (a Word document with an Advies/Toelichting table,
a PDF with labels), review what is proposed (each point with its toelichting in a field
of its own), leave one out, save, and read what was stored. A scan gives the Dutch
reason on the form."""

import io
from pathlib import Path

from docx import Document
from PIL import Image

from advice.models import AdvicePoint
from tests.browser import BROWSER_TEST, save
from tests.factories import AdviceFactory

pytestmark = BROWSER_TEST

CORPUS = Path(__file__).parent / "letters" / "corpus"


def draft(town):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=0,
    )


def word_letter(path):
    document = Document()
    document.add_paragraph("Adviesraad Sociaal Domein Westerdal")
    document.add_paragraph("Geacht college,")
    document.add_paragraph(
        "Wij hebben het concept-beleidsplan beschermd wonen besproken met cliënten en "
        "hun naasten. Onze adviezen en de toelichting daarop staan in de tabel hieronder."
    )
    rows = [
        ("Nr", "Advies", "Toelichting"),
        ("1", "Bied elke bewoner een vaste begeleider.", "Wisselingen geven onrust."),
        ("2", "Maak de wachtlijst per maand openbaar.", "Nu weet niemand hoe lang het duurt."),
        ("3", "Betrek de cliëntenraad bij de inkoop.", "Cliënten weten wat werkt."),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Wij lichten ons advies graag toe.")
    document.add_paragraph("Met vriendelijke groet,")
    document.save(path)


def test_a_word_letter_is_proposed_reviewed_and_stored_with_its_toelichting(
    town, admin_as, tmp_path
):
    advice = draft(town)
    letter = tmp_path / "advies-beschermd-wonen.docx"
    word_letter(letter)
    page = admin_as(town.advisory_member)
    page.goto(f"{page.base}/admin/advice/{advice.pk}/points/")
    page.get_by_label("Brief").set_input_files(str(letter))
    save(page, "Punten voorstellen")
    # three proposals, and an empty row to add a point
    assert page.locator("legend", has_text="Voorgesteld punt").count() == 4
    assert page.locator("#id_points-3-text").input_value() == ""
    assert page.locator("#id_points-0-text").input_value() == (
        "Bied elke bewoner een vaste begeleider."
    )
    assert page.locator("#id_points-1-explanation").input_value() == (
        "Nu weet niemand hoe lang het duurt."
    )
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    page.locator("#id_points-2-keep").uncheck()
    page.locator("#id_points-0-explanation").fill("Wisselingen geven onrust bij bewoners.")
    save(page, "Punten opslaan")
    assert "2 punten opgeslagen" in page.content()
    stored = list(AdvicePoint.objects.filter(advice=advice).order_by("number"))
    assert [(p.number, p.text, p.explanation) for p in stored] == [
        (1, "Bied elke bewoner een vaste begeleider.", "Wisselingen geven onrust bij bewoners."),
        (2, "Maak de wachtlijst per maand openbaar.", "Nu weet niemand hoe lang het duurt."),
    ]


def test_a_pasted_real_letter_gives_its_points(town, admin_as):
    advice = draft(town)
    text = (CORPUS / "r1-clientenraad-groningen-armoedebeleid.txt").read_text(encoding="utf-8")
    page = admin_as(town.advisory_member)
    page.goto(f"{page.base}/admin/advice/{advice.pk}/points/")
    page.get_by_label("Of plak de tekst").fill(text)
    save(page, "Punten voorstellen")
    texts = [page.locator(f"#id_points-{i}-text").input_value() for i in range(4)]
    assert texts == [
        "Onderzoek welke projecten nu daadwerkelijk bijdragen aan het verminderen van de armoede.",
        "Onderzoek welk deel van het beschikbare budget daadwerkelijk terecht komt bij de "
        "mensen in armoede",
        "Zet beschikbare budgetten op een andere manier in",
        "Leg de accenten voor 2016 voor een deel anders.",
    ]


def test_a_scan_gives_the_reason_and_nothing_changes(town, admin_as, tmp_path):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
    )
    before = list(AdvicePoint.objects.filter(advice=advice).values_list("text", flat=True))
    scan = tmp_path / "scan.pdf"
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, format="PDF")
    scan.write_bytes(buffer.getvalue())
    page = admin_as(town.advisory_member)
    page.goto(f"{page.base}/admin/advice/{advice.pk}/points/")
    page.get_by_label("Brief").set_input_files(str(scan))
    save(page, "Punten voorstellen")
    assert "Dit document bevat geen bruikbare tekst (is het een scan?)" in page.content()
    after = list(AdvicePoint.objects.filter(advice=advice).values_list("text", flat=True))
    assert after == before
