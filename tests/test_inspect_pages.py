"""Record pages show what users know a record by, not database numbers; the own term of
an adviesaanvraag reads as one sentence."""

from django.urls import reverse

from advice.models import AdviceRequest
from tests.admin_helpers import client_for
from tests.factories import AdviceRequestFactory


def rows(response) -> list[str]:
    import re

    return [" ".join(t.split()) for t in re.findall(r"<dt[^>]*>(.*?)</dt>", response.text, re.S)]


def test_no_id_row_on_a_meeting_or_a_person(town):
    client = client_for(town.griffie)
    meeting = client.get(reverse("meeting:inspect", args=[town.meeting.pk]))
    assert meeting.status_code == 200 and "ID" not in rows(meeting)
    assert "Datum" in rows(meeting)


def test_the_own_term_of_an_advice_request_is_one_sentence(town):
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        term_length=4,
        term_unit="weeks",
        term_start="letter_date",
        term_atw=False,
    )
    response = client_for(town.griffie).get(reverse("advice_request:inspect", args=[request.pk]))
    shown = rows(response)
    assert "ID" not in shown and "Eenheid van de eigen termijn" not in shown
    assert "4 weken vanaf de datum van de brief, zonder de Algemene termijnenwet" in " ".join(
        response.text.split()
    )
    AdviceRequest.objects.filter(pk=request.pk).update(term_length=None)
    response = client_for(town.griffie).get(reverse("advice_request:inspect", args=[request.pk]))
    assert "Geen: de adviestermijn van de adviesraad geldt (" in response.text
