"""The college's response letter and the raadsinformatiebrief: every point with its
response in order, attachments, sending, immutability, and who may do what."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from advice.constants import AdviceStatus as S
from advice.lifecycle import take_step
from advice.models import Advice, CouncilInformationLetter, PointResponse, ResponseLetter
from governance.letters import LetterError, LetterStatus
from governance.models import Letterhead
from tests.admin_helpers import client_for, is_refused
from tests.factories import AdviceFactory

D = datetime.date


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


@pytest.fixture
def advice(town):
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
    )
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=4,
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


def test_every_point_with_its_response_in_the_order_of_the_advice(advice):
    text = pdf_text(ResponseLetter(advice=advice).render()[1])
    order = [
        "Geachte",
        "Toegang",
        "Wij adviseren maatregel 1.",
        "Reactie op 1.",
        "Wij adviseren maatregel 2.",
        "Reactie op 2.",
        "Communicatie",
        "Wij adviseren maatregel 3.",
        "Reactie op 3.",
        "Wij adviseren maatregel 4.",
        "Reactie op 4.",
        "Met vriendelijke groet",
        "de secretaris,",
        "de burgemeester,",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.count("Gedeeltelijk overgenomen.") == 4


def test_the_council_letter_embeds_the_sent_response_letter_only(town, advice):
    draft = ResponseLetter.objects.create(advice=advice)
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    assert "collegereactie.pdf" not in PdfReader(io.BytesIO(pdf)).attachments
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    draft.refresh_from_db()
    draft.send(town.staff)
    _html, pdf = CouncilInformationLetter(advice=advice).render()
    reader = PdfReader(io.BytesIO(pdf))
    assert "collegereactie.pdf" in reader.attachments
    text = pdf_text(pdf)
    assert "RAADSINFORMATIEBRIEF" in text and "BIJLAGEN" in text
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_sending_the_response_letter_sends_the_response(town, advice):
    letter = ResponseLetter.objects.create(advice=advice)
    with pytest.raises(LetterError, match="nadat het college haar heeft vastgesteld"):
        letter.send(town.staff)
    take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    letter.refresh_from_db()
    letter.send(town.staff)
    advice.refresh_from_db()
    assert advice.status == S.response_sent
    assert advice.college_response.case_number == letter.case_number
    assert letter.status == LetterStatus.sent and len(letter.sha256) == 64


def test_the_council_letter_waits_for_the_sent_response(town, advice):
    letter = CouncilInformationLetter.objects.create(advice=advice)
    with pytest.raises(LetterError, match="Verzend eerst de reactiebrief"):
        letter.send(town.griffie)
    assert CouncilInformationLetter.objects.get(pk=letter.pk).status == LetterStatus.draft


@pytest.mark.parametrize("who", ["advisory_member", "staff_other_portfolio", "other_griffie"])
def test_others_cannot_see_or_send_the_letters(town, other_town, advice, who):
    letter = ResponseLetter.objects.create(advice=advice)
    user = other_town.griffie if who == "other_griffie" else getattr(town, who)
    client = client_for(user)
    assert is_refused(client.get(reverse("response_letter:inspect", args=[letter.pk])))
    client.post(reverse("response_letter:action", args=[letter.pk, "send"]))
    assert ResponseLetter.objects.get(pk=letter.pk).status == LetterStatus.draft


def test_a_sent_response_letter_is_immutable_and_a_new_version_keeps_it(town, advice):
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    letter = ResponseLetter.objects.create(advice=advice, closing="Tot ziens.")
    letter.send(town.staff)
    response = client_for(town.staff).post(
        reverse("response_letter:edit", args=[letter.pk]), {"opening": "Anders", "closing": ""}
    )
    assert is_refused(response)
    second = letter.new_version(town.staff)
    assert (second.version, second.closing, second.replaces) == (2, "Tot ziens.", letter)


@pytest.mark.parametrize("kind", ["advice-response", "council-information"])
def test_the_command_renders_each_kind(advice, tmp_path, kind):
    out = tmp_path / "brief.pdf"
    call_command("render_letter", kind, str(advice.pk), "--output", str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF-1.7")


def test_a_corrected_response_letter_can_be_sent(town, advice):
    advice = take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    first = ResponseLetter.objects.create(advice=advice)
    first.send(town.staff)
    second = first.new_version(town.staff)
    second.send(town.staff)
    assert second.status == LetterStatus.sent and second.case_number == first.case_number
    assert second.document_number != first.document_number
    with pytest.raises(LetterError, match="heeft al een nieuwere versie"):
        first.new_version(town.staff)


def test_a_letter_that_cannot_be_sent_yet_offers_no_send_and_says_why(town, advice):
    letter = ResponseLetter.objects.create(advice=advice)
    client = client_for(town.staff)
    page = client.get(reverse("response_letter:inspect", args=[letter.pk])).text
    send = reverse("response_letter:action", args=[letter.pk, "send"])
    assert f'href="{send}"' not in page
    assert "Nog niet te verzenden: De reactie wordt verzonden nadat het college" in page
    response = client.get(send, follow=True)  # typed by hand: back, with the reason
    assert "nadat het college haar heeft vastgesteld" in response.text
    assert "Brief verzenden" not in response.text


def test_a_new_letter_is_offered_only_for_adviezen_that_can_get_one(town, advice):
    add = reverse("response_letter:add")
    client = client_for(town.staff)
    assert f'value="{advice.pk}"' in client.get(add).text
    ResponseLetter.objects.create(advice=advice)
    assert f'value="{advice.pk}"' not in client.get(add).text  # it has one: edit that
    client.post(add, {"advice": advice.pk})  # forged: refused, nothing made
    assert ResponseLetter.objects.filter(advice=advice).count() == 1
    council_add = reverse("council_information_letter:add")
    assert f'value="{advice.pk}"' in client.get(council_add).text
    Advice.objects.filter(pk=advice.pk).update(status=S.submitted)
    assert f'value="{advice.pk}"' not in client.get(council_add).text
