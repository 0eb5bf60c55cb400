"""Punten voorstellen with text that cannot give points: a scan, a short text, a garbled
text. The member reads the Dutch reason on the form (no server error), keeps what was
pasted, and nothing of the advies changes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from advice.models import AdvicePoint
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory

GARBLED = "HWデ ﾏWヴWﾐSWWﾉ ┗;ﾐ SW ┗ヴ;ｪWﾐ けﾃW┌ｪSｴ┌ﾉヮげ. " * 40


def scanned_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.fixture
def advice(town):
    return AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
        text="",
    )


def snapshot(advice):
    advice.refresh_from_db()
    points = list(AdvicePoint.objects.filter(advice=advice).values_list("number", "text"))
    return advice.text, advice.status, points, advice.history.count()


def propose(town, advice, data):
    url = reverse("advice:propose", args=[advice.pk])
    return client_for(town.advisory_member).post(url, data)


def test_a_scanned_pdf_gives_the_dutch_message(town, advice):
    before = snapshot(advice)
    response = propose(town, advice, {"file": SimpleUploadedFile("scan.pdf", scanned_pdf())})
    assert response.status_code == 200
    assert "geen bruikbare tekst (is het een scan?)" in response.text
    assert "formset" not in response.context  # still the upload step, no proposal
    assert snapshot(advice) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Wij adviseren het college meer geld voor mantelzorg.", "geen bruikbare tekst"),
        (GARBLED, "verminkt"),
    ],
    ids=["short", "garbled"],
)
def test_pasted_text_that_gives_no_points_keeps_the_text_and_says_why(town, advice, text, message):
    before = snapshot(advice)
    response = propose(town, advice, {"text": text})
    assert response.status_code == 200
    assert message in response.text
    assert 'role="alert"' in response.text
    # What the member pasted is still in the form.
    assert response.context["form"]["text"].value() == text
    assert snapshot(advice) == before
