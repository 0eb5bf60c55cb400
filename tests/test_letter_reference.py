"""Letters as a municipality sends them (issue 13, items 2, 5, 6 and 7): the reference
block filled from the records, the address in the window of a window envelope, the
raadsinformatiebrief saying exactly what it encloses, the response letter with point
numbers, grouped themes and a labelled motivation, and standard wording per letterhead."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pypdf import PdfReader

from advice.extraction import ProposedPoint, extract_points
from advice.letters import bare_subject, points_by_section, points_by_theme
from advice.lifecycle import take_step
from advice.models import Advice, CouncilInformationLetter, PointResponse, ResponseLetter
from governance.models import Letterhead
from governance.wording import fill, validate_wording
from tests.admin_helpers import client_for
from tests.test_advice_letters import advice, pdf_text  # noqa: F401
from tests.test_completion_letter import letter, letterhead  # noqa: F401
from tests.test_extraction import hengelo_advies, needs_seeds

D = datetime.date
MM = 72 / 25.4
# The window of a DL/C5 window envelope with the window on the left (NEN 1026, PostNL):
# 20 mm from the left edge, 50 mm from the top, 90 × 45 mm; (left, top, right, bottom).
WINDOW = (20, 50, 110, 95)


def positions(pdf: bytes, page: int = 0) -> list[tuple[float, float, str]]:
    """(x, y from the top, in mm) of every text run on a page."""
    reader = PdfReader(io.BytesIO(pdf))
    sheet = reader.pages[page]
    height = float(sheet.mediabox.height)
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x / MM, (height - y) / MM, text.strip()))

    sheet.extract_text(visitor_text=visit)
    return found


def in_window(x, y) -> bool:
    left, top, right, bottom = WINDOW
    return left <= x <= right and top <= y <= bottom


@pytest.fixture
def chaired(town):
    council = town.advisory_council
    council.chair_salutation = "mr"
    council.chair_initials = "B."
    council.chair_surname = "Rikhof"
    council.postal_address = "Postbus 18"
    council.postal_code = "7550 AA"
    council.postal_place = "Hengelo"
    council.save()
    return council


def response_letter(advice, **fields):  # noqa: F811
    return ResponseLetter.objects.create(advice=advice, **fields)


# -- the reference block ---------------------------------------------------------------


def test_the_response_letter_cites_what_the_records_hold(advice, chaired):  # noqa: F811
    advice.reference = "21 047"
    advice.subject = "Advies Maatregelenpakket"
    advice.save()
    reply = response_letter(
        advice, contact_name="A. Jansen", contact_phone="14 074", contact_email="a@dijkhoven.nl"
    )
    text = pdf_text(reply.render()[1])
    for line in (
        "Datum",
        "Ons kenmerk (volgt bij verzending)",
        "Uw kenmerk 21 047",
        "Uw brief van 1 november 2026",
        "Behandeld door A. Jansen, 14 074, a@dijkhoven.nl",
        "Onderwerp Reactie op het advies ‘Maatregelenpakket’",
        "Vermeld altijd ons kenmerk als u contact opneemt met de gemeente.",
    ):
        assert line in text
    assert text.count("Maatregelenpakket’") == 1  # the subject once
    assert "Advies ‘Advies" not in text and "advies ‘Advies" not in text
    assert "Bijlage" not in text  # nothing is enclosed


def test_the_response_letter_leaves_out_the_lines_without_a_record(advice, chaired):  # noqa: F811
    advice.reference = ""
    advice.save()
    text = pdf_text(response_letter(advice).render()[1])
    assert "Datum" in text and "Onderwerp" in text
    for label in ("Uw kenmerk", "Behandeld door", "Bijlage"):
        assert label not in text


def test_a_sent_letter_shows_its_numbers_and_date(town, advice, chaired):  # noqa: F811
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    reply = response_letter(advice)
    reply.send(town.staff, letter_date=D(2026, 11, 24))
    text = pdf_text(reply.stored_pdf())
    assert f"Ons kenmerk {reply.case_number}" in text
    assert f"Documentnummer {reply.document_number}" in text
    assert "Datum 24 november 2026" in text
    assert "volgt bij verzending" not in text


def test_the_council_information_letter_has_a_date_an_addressee_and_its_enclosures(
    advice,  # noqa: F811
):
    head = advice.municipality.letterhead
    head.postal_address = "Postbus 500, 7600 AM Dijkhoven"
    head.save()
    reply = CouncilInformationLetter.objects.create(advice=advice, contact_name="B. Smit")
    text = pdf_text(reply.render()[1])
    name = advice.municipality.name
    assert f"Aan de gemeenteraad van {name} Postbus 500 7600 AM Dijkhoven" in text
    assert "Datum" in text and "Behandeld door B. Smit" in text
    assert "Bijlage(n) 2" in text
    assert text.count("Advies en reactie over ‘Beleidsplan’") == 1
    assert "Uw kenmerk" not in text  # the raad wrote no letter


def test_the_raadsbrief_is_dated_once_above_its_signatures_as_twenterands(letter, letterhead):  # noqa: F811
    letterhead.postal_address = "Postbus 500, 7600 AM Dijkhoven"
    letterhead.save()
    letter.contact_name = "C. de Boer"
    letter.contact_email = "c.deboer@dijkhoven.nl"
    letter.save()
    text = pdf_text(letter.render()[1])
    # A document of the raad's meeting, not posted: no envelope address, and the date
    # once, with the place, above the signatures.
    assert "Aan de gemeenteraad van" not in text and "Datum" not in text
    with translation.override("nl"):
        today = date_format(timezone.localdate(), "j F Y")
    assert text.count(today) == 1 and f"Dijkhoven, {today}" in text
    assert "Behandeld door C. de Boer, c.deboer@dijkhoven.nl" in text
    # The raadsbrief has its own ONDERWERP and BIJLAGEN sections and numbers at the end.
    assert "Onderwerp" not in text and "Ons kenmerk" not in text and "Bijlage(n)" not in text


def test_a_new_letter_names_the_user_who_drafts_it(town, advice):  # noqa: F811
    town.staff.first_name, town.staff.last_name = "Anna", "Jansen"
    town.staff.email = "anna@dijkhoven.nl"
    town.staff.save()
    page = client_for(town.staff).get(reverse("response_letter:add")).text
    assert 'value="Anna Jansen"' in page and 'value="anna@dijkhoven.nl"' in page


def test_a_new_version_keeps_the_contact_person(town, advice):  # noqa: F811
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    reply = response_letter(advice, contact_name="A. Jansen", contact_phone="14 074")
    reply.send(town.staff)
    copy = reply.new_version(town.staff)
    assert (copy.contact_name, copy.contact_phone) == ("A. Jansen", "14 074")


@pytest.mark.parametrize(
    ("subject", "bare"),
    [
        ("Advies Maatregelenpakket", "Maatregelenpakket"),
        ("advies over de Wmo-verordening", "De Wmo-verordening"),
        ("Ongevraagd advies: armoedebeleid", "Armoedebeleid"),
        ("Beleidsplan", "Beleidsplan"),
        ("Adviesraad en inspraak", "Adviesraad en inspraak"),
    ],
)
def test_the_subject_loses_a_leading_advies(subject, bare):
    assert bare_subject(Advice(subject=subject)) == bare


# -- the window ----------------------------------------------------------------------


def test_the_address_stands_in_the_envelope_window_on_page_one(advice, chaired):  # noqa: F811
    pdf = response_letter(advice).render()[1]
    runs = positions(pdf)
    address = [run for run in runs if run[2] in chaired.address_lines()]
    assert [run[2] for run in address] == chaired.address_lines()
    assert all(in_window(x, y) for x, y, _text in address)
    # Nothing else shows through the window, and the letter goes on below it.
    others = [run for run in runs if run not in address]
    assert not [run for run in others if in_window(run[0], run[1])]
    assert min(y for _x, y, text in others if text == "Datum") > WINDOW[3]
    # Page 2 has no address block.
    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1
    assert not [run for run in positions(pdf, 1) if run[2] == chaired.name]


@pytest.mark.parametrize("logo", [False, True])
def test_the_raad_stands_in_the_window_with_or_without_a_logo(advice, logo):  # noqa: F811
    head = advice.municipality.letterhead
    if logo:
        from tests.test_completion_letter import png

        head.logo.save("logo.png", io.BytesIO(png()), save=True)
    head.postal_address = "Postbus 500, 7600 AM Dijkhoven"
    head.save()
    runs = positions(CouncilInformationLetter(advice=advice).render()[1])
    lines = head.council_address_lines()
    address = [run for run in runs if run[2] in lines]
    assert len(address) == len(lines)
    assert all(in_window(x, y) for x, y, _text in address)
    assert not [run for run in runs if run not in address and in_window(run[0], run[1])]


# -- what the raadsinformatiebrief encloses -------------------------------------------


def sent_response(town, advice):  # noqa: F811
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    response_letter(advice).send(town.staff)
    return advice


def attachments_of(pdf: bytes) -> list[str]:
    return sorted(PdfReader(io.BytesIO(pdf)).attachments)


def test_an_uploaded_advies_is_said_and_embedded(town, advice):  # noqa: F811
    advice.letter.save("advies.pdf", io.BytesIO(b"%PDF-1.4 advies"), save=True)
    advice = sent_response(town, advice)
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    text = pdf_text(pdf)
    assert "het advies van de adviesraad en onze reactie" in text
    assert "Het advies van de adviesraad: Beleidsplan" in text
    assert "Bijlage(n) 2" in text
    assert attachments_of(pdf) == sorted(
        [advice.letter.name.rsplit("/", 1)[-1], "collegereactie.pdf"]
    )


def test_a_typed_advies_is_embedded_as_a_pdf_of_its_text(town, advice):  # noqa: F811
    advice = sent_response(town, advice)
    assert not advice.letter and advice.text
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    text = pdf_text(pdf)
    assert "het advies van de adviesraad en onze reactie" in text
    assert attachments_of(pdf) == ["advies.pdf", "collegereactie.pdf"]
    embedded = PdfReader(io.BytesIO(PdfReader(io.BytesIO(pdf)).attachments["advies.pdf"][0]))
    assert embedded.trailer["/Root"]["/Lang"] == "nl-NL"
    assert embedded.metadata.title.startswith("Advies ‘")
    words = " ".join(page.extract_text() for page in embedded.pages).split()
    assert " ".join(advice.text.split()) in " ".join(words)


def test_without_the_advies_the_letter_says_it_encloses_only_the_response(town, advice):  # noqa: F811
    Advice.objects.filter(pk=advice.pk).update(text="")
    advice = sent_response(town, Advice.objects.get(pk=advice.pk))
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    text = pdf_text(pdf)
    assert "ontvangt u bij deze brief onze reactie aan de adviesraad." in text
    assert "het advies van de adviesraad en" not in text
    assert "Het advies van de adviesraad:" not in text
    assert "Bijlage(n) 1" in text
    assert attachments_of(pdf) == ["collegereactie.pdf"]


def test_a_draft_before_the_response_is_sent_says_it_follows(advice):  # noqa: F811
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    assert "bijgevoegd zodra die verzonden is" in pdf_text(pdf)
    assert attachments_of(pdf) == ["advies.pdf"]


# -- the response letter -----------------------------------------------------------------


def test_points_are_numbered_and_the_motivation_is_labelled(advice):  # noqa: F811
    text = pdf_text(response_letter(advice).render()[1])
    for number in range(1, 5):
        assert f"Punt {number} Wij adviseren maatregel {number}." in text
        assert f"Gedeeltelijk overgenomen. Reactie op {number}." in text
    assert text.count("Motivering: Geld.") == 4
    positions_in_text = [text.index(f"Reactie op {number}.") for number in range(1, 5)]
    assert positions_in_text == sorted(positions_in_text)


def test_the_motivation_does_not_repeat_the_answer(advice):  # noqa: F811
    point = advice.points.get(number=1)
    point.response.text = "Wij nemen dit deels over. Het budget is beperkt."
    point.response.reasons = "Het budget is beperkt. Er is geen wettelijke plicht."
    point.response.save()
    point = advice.points.get(number=2)
    point.response.text = "Het budget is beperkt."
    point.response.reasons = "Het budget is beperkt."
    point.response.save()
    text = pdf_text(response_letter(advice).render()[1])
    assert text.count("Het budget is beperkt.") == 2  # once in each answer
    assert "Motivering: Er is geen wettelijke plicht." in text
    point_two = text[text.index("Punt 2") : text.index("Punt 3")]
    assert "Motivering" not in point_two


def test_consecutive_points_of_one_theme_stand_under_one_heading(advice):  # noqa: F811
    themes = ["1. Toegang", "toegang:", "Communicatie", "Toegang"]
    for point, theme in zip(advice.points.order_by("number"), themes, strict=True):
        point.theme = theme
        point.save()
    groups = points_by_theme(advice)
    assert [(theme, [p.number for p in points]) for theme, points in groups] == [
        ("1. Toegang", [1, 2]),
        ("Communicatie", [3]),
        ("Toegang", [4]),  # the advies's order is kept
    ]
    text = pdf_text(response_letter(advice).render()[1])
    assert text.count("Toegang") == 2 and text.count("Communicatie") == 1


# -- standard wording per letterhead --------------------------------------------------


def test_the_letterhead_words_the_standard_paragraphs(advice, chaired):  # noqa: F811
    head = advice.municipality.letterhead
    head.wording_response_opening = (
        "Dank voor uw advies over {onderwerp} van {uw_brief_van} ({uw_kenmerk}).\n\n"
        "Hieronder <b>onze</b> reactie; vragen: {behandeld_door}."
    )
    head.wording_closing = "Met {gemeente} verder."
    head.wording_case_number_notice = "Noem bij contact zaak {kenmerk}."
    head.full_clean()
    head.save()
    advice.reference = "R&D <1>"
    advice.save()
    html, pdf = response_letter(advice, contact_name="A. Jansen").render()
    text = pdf_text(pdf)
    assert "Dank voor uw advies over Beleidsplan van 1 november 2026 (R&D <1>)." in text
    assert "Hieronder <b>onze</b> reactie; vragen: A. Jansen." in text
    assert f"Met {advice.municipality.name} verder." in text
    assert "Noem bij contact zaak ." in text  # a draft has no case number yet
    assert "R&amp;D &lt;1&gt;" in html and "<b>onze</b>" not in html
    assert "Met deze brief geven wij" not in text


def test_an_empty_field_gives_raadsvolgs_text(advice):  # noqa: F811
    text = pdf_text(response_letter(advice).render()[1])
    assert "Met deze brief geven wij een reactie op uw advies." in text
    assert "Wij vertrouwen erop u hiermee voldoende te hebben geïnformeerd." in text


def test_fill_escapes_and_keeps_paragraphs():
    html = fill("A {onderwerp}\nB\n\nC", {"onderwerp": "<script>"})
    assert html == "<p>A &lt;script&gt;<br>B</p><p>C</p>"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Op {datum} over {titel}.",
            "Onbekende plaatshouder {titel}. Je kunt gebruiken: {datum}, {onderwerp},",
        ),
        ("{{ letter.advice }}", "Onbekende plaatshouder { letter.advice }."),
        ("Een losse { accolade", "Een accolade hoort bij een plaatshouder zoals {datum}"),
        ("{% load x %}", "Onbekende plaatshouder {% load x %}."),
    ],
)
def test_unknown_placeholders_are_refused(text, message):
    with pytest.raises(ValidationError) as error:
        validate_wording(text)
    assert message in " ".join(error.value.messages)


def test_the_admin_refuses_an_unknown_placeholder_in_dutch(town):
    response = client_for(town.griffie).post(
        reverse("letterhead:add"),
        {
            "municipality": town.municipality.pk,
            "name": "Gemeente Dijkhoven",
            "place": "Dijkhoven",
            "case_number_format": "{seq}-{year}",
            "case_number_counting": "yearly",
            "case_number_start": 1,
            "document_number_format": "{case}:{seq}",
            "document_number_counting": "yearly",
            "document_number_start": 1,
            "theme_color": "#1f4e79",
            "wording_closing": "Groet van {wethouder}.",
        },
    )
    assert response.status_code == 200
    assert "Onbekende plaatshouder {wethouder}." in response.text
    assert not Letterhead.objects.exists()


def test_a_point_without_response_prints_no_answer(advice):  # noqa: F811
    PointResponse.objects.filter(point__advice=advice, point__number=4).delete()
    text = pdf_text(response_letter(Advice.objects.get(pk=advice.pk)).render()[1])
    assert "Punt 4 Wij adviseren maatregel 4." in text
    assert "Reactie op 4." not in text


def test_themes_stand_under_the_advies_sections(advice):  # noqa: F811
    layout = [
        ("Algemene opmerkingen", "Toegang"),
        ("Algemene opmerkingen", "Maatwerk"),
        ("", "Communicatie"),
        ("Maatregelen", "Maatregelen"),
    ]
    for point, (section, theme) in zip(advice.points.order_by("number"), layout, strict=True):
        point.section, point.theme = section, theme
        point.save()
    groups = points_by_section(advice)
    assert [(s, [(t, [p.number for p in ps]) for t, ps in themes]) for s, themes in groups] == [
        ("Algemene opmerkingen", [("Toegang", [1]), ("Maatwerk", [2])]),
        ("Communicatie", [("", [3])]),
        ("Maatregelen", [("", [4])]),
    ]
    text = pdf_text(response_letter(advice).render()[1])
    order = ["Algemene opmerkingen", "Toegang", "Punt 1", "Maatwerk", "Punt 2"]
    order += ["Communicatie", "Punt 3", "Maatregelen", "Punt 4"]
    found = [text.index(part) for part in order]
    assert found == sorted(found)
    assert text.count("Maatregelen") == 1


@needs_seeds
def test_the_hengelo_advies_gives_its_sections():
    points = extract_points(hengelo_advies())
    sections = [point.section or point.theme for point in points]
    assert list(dict.fromkeys(sections)) == [
        "Algemene opmerkingen",
        "Waar op letten in de communicatie richting de Hengelose inwoners en hoe de last "
        "te beperken",
        "Maatregelspecifieke opmerkingen",
    ]


def test_the_proposed_section_is_kept_when_the_points_are_saved(town, monkeypatch):
    from tests.test_point_explanation import TEXT, draft, review_data, row

    proposals = [ProposedPoint(1, "Toegang", "Kort het formulier in.", "", "Algemeen")]
    monkeypatch.setattr("advice.views.extract_points", lambda text: proposals)
    adv = draft(town)
    client = client_for(town.advisory_member)
    page = client.post(reverse("advice:propose", args=[adv.pk]), {"text": TEXT})
    assert 'type="hidden" name="points-0-section" value="Algemeen"' in page.text
    rows = [row(1, "Kort het formulier in.")]
    rows[0] |= {"section": "Algemeen", "split_off": "Help bij het invullen."}
    response = client.post(reverse("advice:propose", args=[adv.pk]), review_data(rows))
    assert response.status_code == 302
    assert list(adv.points.order_by("number").values_list("section", "text")) == [
        ("Algemeen", "Kort het formulier in."),
        ("Algemeen", "Help bij het invullen."),
    ]
