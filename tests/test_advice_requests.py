"""Adviesaanvragen: their due date from the adviesraad's term (or their own), who sees
and changes them, and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from advice.models import AdviceRequest
from governance.constants import TermStart, TermUnit
from tests.admin_helpers import client_for, is_refused
from tests.factories import AdviceRequestFactory, AdvisoryCouncilFactory

D = datetime.date


def request_for(town, **kwargs):
    return AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        **kwargs,
    )


def test_due_date_follows_the_advice_term_of_the_adviesraad(town):
    council = town.advisory_council
    council.advice_term_length, council.advice_term_start = 6, TermStart.receipt
    council.save()
    # Received Tuesday 3 November 2026: six weeks end on Tuesday 15 December.
    assert request_for(town, received_date=D(2026, 11, 3)).due_date == D(2026, 12, 15)


def test_a_term_from_the_letter_date_that_ends_on_christmas_moves_on(town):
    council = town.advisory_council
    council.advice_term_length, council.advice_term_start = 6, TermStart.letter_date
    council.save()
    # Letter of Friday 13 November 2026: six weeks end on Friday 25 December.
    assert request_for(town, letter_date=D(2026, 11, 13)).due_date == D(2026, 12, 28)


def test_a_request_may_set_its_own_term_without_the_atw(town):
    request = request_for(
        town,
        letter_date=D(2026, 11, 13),
        term_length=42,
        term_unit=TermUnit.days,
        term_start=TermStart.letter_date,
        term_atw=False,
    )
    assert request.due_date == D(2026, 12, 25)


def test_no_due_date_before_the_request_is_received(town):
    council = town.advisory_council
    council.advice_term_start = TermStart.receipt
    council.save()
    assert request_for(town, received_date=None).due_date is None


def test_an_adviesraad_that_does_not_serve_the_municipality_is_refused(town):
    stranger = AdvisoryCouncilFactory()
    request = AdviceRequest(
        municipality=town.municipality,
        advisory_council=stranger,
        subject="x",
        letter_date=D(2026, 11, 2),
    )
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        request.full_clean()
    assert error.value.message_dict["advisory_council"] == [
        "Deze adviesraad adviseert deze gemeente niet."
    ]


def test_receipt_before_the_letter_is_refused(town):
    request = AdviceRequest(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        subject="x",
        letter_date=D(2026, 11, 2),
        received_date=D(2026, 11, 1),
    )
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        request.full_clean()
    assert error.value.message_dict["received_date"] == [
        "De datum van ontvangst kan niet vóór de datum van de brief liggen."
    ]


ACTORS = [
    "griffie",
    "staff",
    "staff_other_portfolio",
    "advisory_member",
    "other_griffie",
    "other_advisory_member",
]
SEES = {"griffie", "staff", "advisory_member"}
EDITS = {"griffie", "staff"}


def actor(name, town, other_town):
    if name.startswith("other_"):
        return getattr(other_town, name.removeprefix("other_"))
    return getattr(town, name)


@pytest.mark.parametrize("who", ACTORS)
def test_who_sees_and_edits_an_advice_request(town, other_town, who):
    request = request_for(town, subject="Aanvraag van Dijkhoven")
    client = client_for(actor(who, town, other_town))
    inspect = client.get(reverse("advice_request:inspect", args=[request.pk]))
    edit = client.get(reverse("advice_request:edit", args=[request.pk]))
    listing = client.get(reverse("advice_request:index"))
    if who in SEES:
        assert inspect.status_code == 200
        assert "Aanvraag van Dijkhoven" in listing.text
    else:
        assert is_refused(inspect)
        assert "Aanvraag van Dijkhoven" not in listing.text
    assert (edit.status_code == 200) is (who in EDITS)


def test_college_staff_register_a_request_for_their_portfolio(town):
    response = client_for(town.staff).post(
        reverse("advice_request:add"),
        request_data(town, subject="Nieuwe aanvraag", received_date="2026-11-21"),
    )
    assert response.status_code == 302
    assert AdviceRequest.objects.get(subject="Nieuwe aanvraag").due_date is not None


def test_college_staff_cannot_pick_another_portfolio(town):
    response = client_for(town.staff).get(reverse("advice_request:add"))
    choices = response.context["form"].fields["portfolio"].queryset
    assert list(choices) == [town.portfolio]


def test_due_dates_follow_a_new_equalised_day(town):
    from governance.models import EqualisedDay

    council = town.advisory_council
    council.advice_term_start = TermStart.letter_date
    council.save()
    request = request_for(town, letter_date=D(2029, 4, 2))  # six weeks end Mon 14 May 2029
    assert request.due_date == D(2029, 5, 14)
    EqualisedDay.objects.create(date=D(2029, 5, 14), description="test")
    request.refresh_from_db()
    assert request.due_date == D(2029, 5, 15)
    assert request.history.first().history_change_reason.startswith("Termijn herberekend")


def test_due_dates_follow_a_change_of_the_term(town):
    council = town.advisory_council
    council.advice_term_start = TermStart.receipt
    council.save()
    request = request_for(town, received_date=D(2026, 11, 3))
    council.advice_term_length = 8
    council.save()
    request.refresh_from_db()
    assert request.due_date == D(2026, 12, 29)


@pytest.mark.parametrize(
    ("field", "value"),
    [("letter_date", "9999-12-01"), ("received_date", "1066-10-14"), ("term_length", "0")],
)
def test_implausible_dates_and_empty_terms_are_refused(town, field, value):
    data = request_data(town, subject="Aanvraag", **{field: value})
    response = client_for(town.griffie).post(reverse("advice_request:add"), data)
    assert response.status_code == 200
    assert not AdviceRequest.objects.exists()


def test_college_staff_must_choose_their_portfolio(town):
    data = request_data(town, portfolio="", subject="Zonder portefeuille")
    response = client_for(town.staff).post(reverse("advice_request:add"), data)
    assert "Kies de portefeuille waar deze aanvraag bij hoort." in response.text
    assert not AdviceRequest.objects.exists()


def test_list_filters_offer_only_what_the_user_reaches(town, other_town):
    response = client_for(other_town.griffie).get(reverse("advice_request:index"))
    filters = response.context["filters"].form.fields
    assert town.portfolio not in filters["portfolio"].queryset
    assert town.advisory_council not in filters["advisory_council"].queryset
    assert other_town.portfolio in filters["portfolio"].queryset


def request_data(town, **overrides):
    """A complete POST of the adviesaanvraag form, without documents."""
    data = {
        "municipality": town.municipality.pk,
        "advisory_council": town.advisory_council.pk,
        "portfolio": town.portfolio.pk,
        "subject": "Beleidsnota",
        "description": "",
        "letter_date": "2026-11-20",
        "received_date": "",
        "term_length": "",
        "term_unit": "",
        "term_start": "",
        "term_atw": "",
        "status": "open",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def document_row(upload):
    return {
        "documents-TOTAL_FORMS": "1",
        "documents-0-title": "Beleidsnota",
        "documents-0-id": "",
        "documents-0-ORDER": "1",
        "documents-0-DELETE": "",
        "documents-0-file": upload,
    }


def test_a_request_carries_its_policy_documents(town, other_town):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(town.staff).post(
        reverse("advice_request:add"),
        request_data(town, **document_row(SimpleUploadedFile("nota.txt", b"De beleidsnota."))),
    )
    assert response.status_code == 302
    request = AdviceRequest.objects.get()
    document = request.documents.get()
    url = reverse("advice_request:document", args=[request.pk, document.pk])
    download = client_for(town.advisory_member).get(url)
    assert b"".join(download.streaming_content) == b"De beleidsnota."
    assert is_refused(client_for(other_town.griffie).get(url))


def test_a_document_that_is_not_what_its_name_says_is_refused(town):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(town.staff).post(
        reverse("advice_request:add"),
        request_data(town, **document_row(SimpleUploadedFile("nota.pdf", b"geen pdf"))),
    )
    assert "Dit bestand is geen PDF" in response.text
    assert not AdviceRequest.objects.exists()


def test_a_new_request_is_open_and_its_status_is_not_asked(town):
    page = client_for(town.griffie).get(reverse("advice_request:add")).text
    assert 'name="status"' not in page and "Geadviseerd" not in page
    data = request_data(town, subject="Nieuwe aanvraag", status="withdrawn")  # forged
    client_for(town.griffie).post(reverse("advice_request:add"), data)
    assert AdviceRequest.objects.get(subject="Nieuwe aanvraag").status == "open"
