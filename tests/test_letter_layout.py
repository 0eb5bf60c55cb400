"""The layout of the three letters (issue 13, item 8): each kind rendered to PNG with
pdftoppm, its page count and the place of its signature block; the closing kept with
the signatures and room to sign; signature images; the municipality's name once; the
draft marker on every page; a list split by a page break tagged as one list;
dc:language in the XMP."""

import datetime
import io
import os
import shutil
import subprocess
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from advice.lifecycle import take_step
from advice.models import Advice, CouncilInformationLetter, PointResponse, ResponseLetter
from governance.models import Letterhead
from motions.letters import send_completion_letter
from motions.models import CompletionLetter
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, MotionFactory

D = datetime.date
DPI = 60
MM = 72 / 25.4  # points per millimetre
DRAFT = "CONCEPT — niet verzonden"
CLOSING_SENTENCE = "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd."

# .ci/run installs poppler-utils; only a hand-made environment may lack it.
if shutil.which("pdftoppm") is None and os.environ.get("CI") == "true":
    raise RuntimeError("CI needs pdftoppm (poppler-utils) for the letter layout tests")
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed"
)


def image(color="navy", size=(120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def letterhead(town):
    return Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        postal_address="Postbus 1, 7600 AA Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
    )


def completion_letter(town, core_message="<p>Vier taalpunten geopend.</p>"):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        title="Taalhuis in elke wijk",
        operative_text="verzoekt het college in elke wijk een taalpunt te openen,",
    )
    return CompletionLetter.objects.create(
        motion=motion, introduction="Het college heeft dit onderzocht.", core_message=core_message
    )


def advice_with_responses(town, points=4) -> Advice:
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=points,
        subject="Beleidsplan",
    )
    for point in advice.points.all():
        point.theme = "Toegang" if point.number <= 2 else "Communicatie"
        point.text = f"Wij adviseren maatregel {point.number}."
        point.save()
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    take_step(advice, town.staff, "start_response")
    for point in advice.points.all():
        PointResponse.objects.create(
            point=point,
            position="partly_adopted",
            text=f"Reactie op {point.number}.",
            reasons="Geld.",
        )
    return Advice.objects.get(pk=advice.pk)


def letter_of_kind(town, kind):
    if kind == "raadsbrief":
        return completion_letter(town)
    advice = advice_with_responses(town)
    if kind == "collegereactie":
        return ResponseLetter(advice=advice, closing=CLOSING_SENTENCE)
    return CouncilInformationLetter(advice=advice)


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def lines(pdf: bytes, page_index: int) -> list[tuple[str, float]]:
    """The text runs of a page with their baseline in points from the top of the page."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            found.append((text.strip(), height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5])))

    page.extract_text(visitor_text=visit)
    return found


def baseline(pdf: bytes, page_index: int, text: str) -> float:
    return next(y for run, y in lines(pdf, page_index) if run == text)


def pngs(pdf: bytes, tmp_path) -> list[Image.Image]:
    """The pages as the reader sees them, rendered with pdftoppm."""
    source = tmp_path / "letter.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return [Image.open(path).convert("L") for path in sorted(tmp_path.glob("page-*.png"))]


def ink_rows(page: Image.Image, top_pt: float, bottom_pt: float) -> int:
    """How many pixel rows between two heights (in points from the top) hold ink."""
    top, bottom = int(top_pt * DPI / 72), int(bottom_pt * DPI / 72)
    band = page.crop((0, top, page.width, bottom))
    darkest = [min(band.getpixel((x, y)) for x in range(band.width)) for y in range(band.height)]
    return sum(1 for value in darkest if value < 200)


def signature_page(pdf: bytes) -> int:
    return next(i for i, text in enumerate(page_texts(pdf)) if "H. Pieters" in text)


# Each kind: page count, and the signature block on one page with the closing, with room.

PAGES = {"raadsbrief": 1, "collegereactie": 2, "raadsinformatiebrief": 1}
CLOSING_LINES = {
    "raadsbrief": ["Dijkhoven,", "Burgemeester en wethouders van Dijkhoven"],
    "collegereactie": [CLOSING_SENTENCE, "Met vriendelijke groet,", "Burgemeester en wethouders"],
    "raadsinformatiebrief": ["Dijkhoven,", "Met vriendelijke groet,", "Burgemeester en wethouders"],
}


@needs_pdftoppm
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_each_letter_keeps_its_page_count_and_its_signature_block_whole(
    town, letterhead, kind, tmp_path
):
    _html, pdf = letter_of_kind(town, kind).render()
    pages = pngs(pdf, tmp_path)
    assert len(pages) == PAGES[kind]
    index = signature_page(pdf)
    text = page_texts(pdf)[index]
    # The closing sentence, greeting, college and both signatories share one page…
    for line in [*CLOSING_LINES[kind], "de secretaris,", "mr. J. de Wit", "de burgemeester,"]:
        assert line in text, line
    # …and the signatures do not stand alone: text of the letter comes before them.
    closing_top = min(y for run, y in lines(pdf, index) if run.startswith(CLOSING_LINES[kind][0]))
    assert any(y < closing_top - 1 for run, y in lines(pdf, index) if run != DRAFT)
    # Room to sign between the role and the name: at least 14 mm, and blank on paper.
    role, name = baseline(pdf, index, "de burgemeester,"), baseline(pdf, index, "H. Pieters")
    assert name - role >= 14 * MM
    assert ink_rows(pages[index], role + 4, name - 10) == 0
    # The signature block stands in the lower part of the text area, not under the header.
    assert role > 40 * MM


def test_a_long_response_carries_its_last_lines_to_the_signature_page(town, letterhead):
    advice = advice_with_responses(town, points=12)
    _html, pdf = ResponseLetter(advice=advice).render()
    texts = page_texts(pdf)
    assert len(texts) > 1
    last = texts[-1]
    assert "H. Pieters" in last and "Met vriendelijke groet," in last
    assert "Reactie op 12." in last  # the last answer comes along, the block is not alone


# Signature images.


@needs_pdftoppm
def test_a_sent_letter_carries_the_signature_images_in_the_room_to_sign(town, letterhead, tmp_path):
    letterhead.secretary_signature = SimpleUploadedFile("wit.png", image("black", (300, 100)))
    letterhead.mayor_signature = SimpleUploadedFile("pieters.png", image("black", (300, 100)))
    letterhead.save()
    letter = completion_letter(town)
    _html, draft = letter.render()
    assert "Handtekening van" not in str(figures(draft))  # a draft is never signed
    send_completion_letter(letter, town.staff)
    letter.refresh_from_db()
    sent = letter.stored_pdf()
    assert sorted(figures(sent)) == [
        "Handtekening van H. Pieters",
        "Handtekening van mr. J. de Wit",
    ]
    pages = pngs(sent, tmp_path)
    index = signature_page(sent)
    role, name = baseline(sent, index, "de burgemeester,"), baseline(sent, index, "H. Pieters")
    assert ink_rows(pages[index], role + 4, name - 10) > 10


def figures(pdf: bytes) -> list[str]:
    return [str(element.get("/Alt")) for element in structure(pdf) if element["/S"] == "/Figure"]


def signature_post(town, **files):
    return client_for(town.griffie).post(
        reverse("letterhead:add"),
        {
            "municipality": town.municipality.pk,
            "name": "Gemeente Dijkhoven",
            "place": "Dijkhoven",
            "case_number_format": "{seq}-{year}",
            "document_number_format": "{case}:{seq}",
            "case_number_counting": "yearly",
            "case_number_start": 1,
            "document_number_counting": "yearly",
            "document_number_start": 1,
            **files,
        },
    )


def test_a_signature_that_is_not_an_image_is_refused(town):
    response = signature_post(
        town, mayor_signature=SimpleUploadedFile("handtekening.png", b"<svg>geen png</svg>")
    )
    assert "De handtekening is geen afbeelding; upload een PNG of JPEG." in response.text
    assert not Letterhead.objects.exists()


def test_a_decompression_bomb_is_no_signature(town):
    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, format="PNG")
    response = signature_post(
        town, secretary_signature=SimpleUploadedFile("handtekening.png", buffer.getvalue())
    )
    assert response.status_code == 200
    assert "De handtekening is" in response.text
    assert not Letterhead.objects.exists()


def test_a_gif_signature_is_refused(town):
    buffer = io.BytesIO()
    Image.new("RGB", (30, 10), "black").save(buffer, format="GIF")
    response = signature_post(
        town, mayor_signature=SimpleUploadedFile("handtekening.gif", buffer.getvalue())
    )
    assert "Upload de handtekening als PNG of JPEG." in response.text


def test_the_letterhead_form_offers_a_signature_per_signatory(town):
    response = client_for(town.griffie).get(reverse("letterhead:add"))
    assert 'name="secretary_signature"' in response.text
    assert 'name="mayor_signature"' in response.text


# The municipality's name once; the draft marker on every page.


@pytest.mark.parametrize("with_logo", [False, True])
def test_the_municipality_is_named_once_in_the_letterhead(town, letterhead, with_logo):
    if with_logo:
        letterhead.logo = SimpleUploadedFile("logo.png", image())
        letterhead.save()
    _html, pdf = CouncilInformationLetter(advice=advice_with_responses(town)).render()
    assert page_texts(pdf)[0].count("Gemeente Dijkhoven") == 1


def test_a_draft_says_so_on_every_page_and_a_sent_letter_on_none(town, letterhead):
    advice = advice_with_responses(town, points=12)
    _html, pdf = ResponseLetter(advice=advice).render()
    texts = page_texts(pdf)
    assert len(texts) >= 2
    assert all(text.count(DRAFT) == 1 for text in texts)
    letter = completion_letter(town, core_message="<p>Lang verhaal.</p>" * 60)
    _html, pdf = letter.render()
    assert len(page_texts(pdf)) >= 2 and all(DRAFT in text for text in page_texts(pdf))
    send_completion_letter(letter, town.staff)
    letter.refresh_from_db()
    assert not any(DRAFT in text for text in page_texts(letter.stored_pdf()))


# The structure tree: a list is one list, even across a page break.


def structure(pdf: bytes) -> list:
    """Every structure element reachable from the root, depth first, after checking that
    each names its parent."""
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"]
    found = []

    def walk(element):
        found.append(element)
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = struct_element(kid)
            if kid is not None:
                assert kid["/P"].get_object() == element
                walk(kid)

    for top in root["/K"] if isinstance(root["/K"], list) else [root["/K"]]:
        walk(top.get_object())
    return found


def kids_of(element, kind: str) -> list:
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    return [kid for kid in map(struct_element, kids) if kid is not None and kid["/S"] == kind]


def struct_element(kid):
    """The structure element a /K entry points to, or None (marked content, an OBJR)."""
    kid = kid.get_object()
    if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
        return kid
    return None


def test_a_three_item_list_broken_over_two_pages_is_one_list(town, letterhead):
    long_item = " ".join(["Het college opende een taalpunt in deze wijk."] * 120)
    core = f"<ul><li>Eerste punt.</li><li>{long_item}</li><li>Derde punt.</li></ul>"
    _html, pdf = completion_letter(town, core_message=core).render()
    texts = page_texts(pdf)
    first = next(i for i, text in enumerate(texts) if "Eerste punt." in text)
    last = next(i for i, text in enumerate(texts) if "Derde punt." in text)
    assert last > first  # the list does break over a page
    elements = structure(pdf)
    lists = [element for element in elements if element["/S"] == "/L"]
    items = [kids_of(element, "/LI") for element in lists]
    assert [len(found) for found in items] == [3]
    assert len([element for element in elements if element["/S"] == "/Part"]) == 1


def test_separate_lists_stay_separate(town, letterhead):
    core = (
        "<ul><li>Een.</li><li>Twee.</li></ul><p>Tussen.</p><ol><li>a</li><li>b</li><li>c</li></ol>"
    )
    _html, pdf = completion_letter(town, core_message=core).render()
    lists = [element for element in structure(pdf) if element["/S"] == "/L"]
    assert [len(kids_of(element, "/LI")) for element in lists] == [2, 3]


# Metadata.


def test_the_xmp_names_the_language(town, letterhead):
    for letter in (completion_letter(town), ResponseLetter(advice=advice_with_responses(town))):
        _html, pdf = letter.render()
        root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
        assert root["/Lang"] == "nl-NL"
        xmp = ElementTree.fromstring(root["/Metadata"].get_object().get_data())
        namespaces = {
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "dc": "http://purl.org/dc/elements/1.1/",
        }
        languages = xmp.findall(".//dc:language/rdf:Bag/rdf:li", namespaces)
        assert [element.text for element in languages] == ["nl-NL"]
        # One RDF packet, as XMP wants it.
        assert len(xmp.findall("rdf:RDF", namespaces)) == 1


def test_a_quoted_point_never_ends_a_page_without_the_start_of_its_answer(town, letterhead):
    """Forty points fill several pages; at every page break a point's quote stays with
    the first line of the college's answer."""
    advice = advice_with_responses(town, points=40)
    _html, pdf = ResponseLetter(advice=advice, closing=CLOSING_SENTENCE).render()
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for number in range(1, 41):
        quote = f"Wij adviseren maatregel {number}."
        answer = f"Reactie op {number}."
        (on,) = [i for i, text in enumerate(pages) if quote in text]
        assert answer in pages[on], f"point {number}: its answer starts on another page"
