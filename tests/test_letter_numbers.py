"""Numbers and dates the municipality decides: a count per year, a count that goes on
(from the document system's next free number), or numbers typed in when sending,
checked for uniqueness; and the date of the letter chosen before sending."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.letters import LetterStatus
from governance.models import Letterhead, NumberCounting
from motions.models import CompletionLetter, Motion
from tests.admin_helpers import client_for
from tests.factories import MotionFactory
from tests.test_completion_letter import letter, letterhead, pdf_text  # noqa: F401 (fixtures)


def today() -> datetime.date:
    """The municipality's today (Europe/Amsterdam), as the application reckons it; the
    machine's date differs from it for an hour around midnight."""
    return timezone.localdate()


def another_letter(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
        operative_text="verzoekt het college een tweede taalpunt te openen,",
    )
    return CompletionLetter.objects.create(motion=motion, core_message="<p>Gedaan.</p>")


def send(user, letter, **data):  # noqa: F811
    url = reverse("completion_letter:action", args=[letter.pk, "send"])
    return client_for(user).post(url, data)


def stored(letter):  # noqa: F811
    return CompletionLetter.objects.get(pk=letter.pk)


def counting(letterhead, kind, how, **fields):  # noqa: F811
    Letterhead.objects.filter(pk=letterhead.pk).update(**{f"{kind}_number_counting": how}, **fields)


def test_a_yearly_count_needs_the_year_but_a_count_that_goes_on_does_not(letterhead):  # noqa: F811
    letterhead.case_number_format = "{seq}"
    with pytest.raises(ValidationError) as error:
        letterhead.full_clean()
    assert "heeft ook {year}" in " ".join(error.value.message_dict["case_number_format"])
    letterhead.case_number_counting = NumberCounting.continuous
    letterhead.full_clean()  # Hengelo's plain seven-digit zaaknummer


def test_a_count_that_goes_on_starts_at_the_document_systems_next_number(town, letter, letterhead):  # noqa: F811
    counting(
        letterhead,
        "document",
        NumberCounting.continuous,
        document_number_format="{seq}",
        document_number_start=572905,
    )
    send(town.staff, letter)
    assert stored(letter).document_number == "572905"
    second = another_letter(town)
    send(town.staff, second)
    assert stored(second).document_number == "572906"


def test_a_start_raised_later_is_never_undercut(town, letter, letterhead):  # noqa: F811
    counting(
        letterhead,
        "case",
        NumberCounting.continuous,
        case_number_format="{seq}",
        case_number_start=10,
    )
    send(town.staff, letter)
    counting(letterhead, "case", NumberCounting.continuous, case_number_start=5)
    second = another_letter(town)
    send(town.staff, second)
    assert (stored(letter).case_number, stored(second).case_number) == ("10", "11")


def test_typed_numbers_are_asked_on_the_send_page(town, letter, letterhead):  # noqa: F811
    counting(letterhead, "case", NumberCounting.typed)
    counting(letterhead, "document", NumberCounting.typed)
    url = reverse("completion_letter:action", args=[letter.pk, "send"])
    page = client_for(town.staff).get(url).text
    assert 'name="case_number"' in page and 'name="document_number"' in page
    response = send(town.staff, letter, case_number="Z/26/1234567", document_number="")
    assert response.status_code == 200
    assert "Dit is een verplicht veld." in response.text
    assert 'value="Z/26/1234567"' in response.text  # what was typed stays
    assert stored(letter).status == LetterStatus.draft
    response = send(town.staff, letter, case_number="Z/26/1234567", document_number="D-1")
    assert response.status_code == 302
    sent = stored(letter)
    assert (sent.status, sent.case_number, sent.document_number) == ("sent", "Z/26/1234567", "D-1")
    assert "Documentnummer: D-1" in pdf_text(sent.pdf.read())


def test_a_typed_number_used_before_is_refused_and_nothing_is_taken(town, letter, letterhead):  # noqa: F811
    counting(letterhead, "case", NumberCounting.typed)
    counting(letterhead, "document", NumberCounting.typed)
    send(town.staff, letter, case_number="Z-1", document_number="D-1")
    second = another_letter(town)
    response = send(town.staff, second, case_number="Z-2", document_number="D-1")
    assert "Documentnummer D-1 is al gebruikt." in response.text
    response = send(town.staff, second, case_number="Z-1", document_number="D-2")
    assert "Zaaknummer Z-1 is al gebruikt voor een andere zaak." in response.text
    unsent = stored(second)
    assert (unsent.status, unsent.case_number, unsent.document_number) == ("draft", "", "")
    assert Motion.objects.get(pk=second.motion_id).status == "in_progress"


def test_the_letter_carries_the_date_of_the_collegebesluit(town, letter):  # noqa: F811
    Motion.objects.filter(pk=letter.motion_id).update(
        vote_date=today() - datetime.timedelta(days=60)
    )
    besluit = today() - datetime.timedelta(days=7)
    send(town.staff, letter, letter_date=besluit.strftime("%d-%m-%Y"))
    sent = stored(letter)
    assert sent.letter_date == besluit
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert f"{besluit.day} {months[besluit.month - 1]} {besluit.year}" in pdf_text(sent.pdf.read())
    assert Motion.objects.get(pk=letter.motion_id).completion_proposed_on == besluit


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("future", "De datum van de brief kan niet in de toekomst liggen."),
        ("before the vote", "vóór de dag waarop over de motie werd gestemd"),
        ("31-02-2026", "De datum 31-02-2026 bestaat niet."),
    ],
)
def test_a_wrong_date_is_refused_and_nothing_is_sent(town, letter, typed, message):  # noqa: F811
    Motion.objects.filter(pk=letter.motion_id).update(
        vote_date=today() - datetime.timedelta(days=60)
    )
    day = {
        "future": (today() + datetime.timedelta(days=1)).strftime("%d-%m-%Y"),
        "before the vote": (today() - datetime.timedelta(days=61)).strftime("%d-%m-%Y"),
    }.get(typed, typed)
    response = send(town.staff, letter, letter_date=day)
    assert response.status_code == 200
    assert message in response.text
    assert stored(letter).status == LetterStatus.draft


def test_empty_date_is_today(town, letter):  # noqa: F811
    send(town.staff, letter, letter_date="")
    assert stored(letter).letter_date == today()


def test_a_start_below_a_number_handed_out_is_refused_with_the_next_number(
    town,
    letter,  # noqa: F811
    letterhead,  # noqa: F811
):
    counting(
        letterhead,
        "document",
        NumberCounting.continuous,
        document_number_format="{seq}",
        document_number_start=572905,
    )
    send(town.staff, letter)
    letterhead.refresh_from_db()
    letterhead.full_clean()  # unchanged start: the letterhead can still be edited
    letterhead.document_number_start = 5
    with pytest.raises(ValidationError) as error:
        letterhead.full_clean()
    assert error.value.message_dict["document_number_start"] == [
        "Nummer 572905 is al uitgegeven; het volgende is 572906."
    ]
    letterhead.document_number_start = 600000
    letterhead.full_clean()  # raising it is fine
