"""The besluitenlijst: all moties of a meeting in one form, numbered from the
municipality's scheme; all rows or none, each error beside its row."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import validate_motion_number_format
from motions.constants import MotionStatus
from motions.models import Motion, MotionSubmitter, PartyVote, Vote
from motions.numbering import suggest_numbers
from tests.admin_helpers import client_for, is_refused
from tests.factories import MotionFactory, PersonFactory

REASON = "Vastgelegd uit de besluitenlijst van"


def url(meeting):
    return reverse("motion:register_meeting", args=[meeting.pk])


def row(index, town, **fields) -> dict:
    """One filled row of the form as a POST would send it."""
    values = {
        "number": f"M2026-{index + 1:02d}",
        "title": f"Motie {index + 1}",
        "submitters": [town.person.pk],
        "operative_text": "verzoekt het college …,",
        "outcome": "adopted",
        "unanimous": "",
        "votes_for": "",
        "votes_against": "",
        "portfolio": town.portfolio.pk,
        "deadline": "",
        **fields,
    }
    return {f"form-{index}-{name}": value for name, value in values.items() if value != ""}


def post_data(*rows, total=None) -> dict:
    data = {
        "form-TOTAL_FORMS": str(total or len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "50",
    }
    for filled in rows:
        data.update(filled)
    return data


def row_html(page: str, number: int) -> str:
    """The part of the page with the fieldset of row `number` (1-based)."""
    start = page.index(f'id="row-{number}"')
    end = page.find('id="row-', start + 1)
    return page[start : end if end > 0 else None]


# Numbering --------------------------------------------------------------------------


def test_suggestions_continue_after_the_highest_number_of_the_year(town):
    for number in ("M2026-03", "M2026-11", "M2025-40", "X-99"):
        MotionFactory(municipality=town.municipality, meeting=town.meeting, number=number)
    assert suggest_numbers(town.municipality, 2026, 3) == ["M2026-12", "M2026-13", "M2026-14"]
    assert suggest_numbers(town.municipality, 2027, 1) == ["M2027-01"]


def test_suggestions_never_collide_with_an_existing_number(town):
    town.municipality.motion_number_format = "{seq}/{year}"
    MotionFactory(municipality=town.municipality, meeting=town.meeting, number="4/2026")
    MotionFactory(municipality=town.municipality, meeting=town.meeting, number="04/2026")
    assert suggest_numbers(town.municipality, 2026, 2) == ["5/2026", "6/2026"]


@pytest.mark.parametrize(
    ("scheme", "message"),
    [
        ("M{case}-{seq}", "Een nummering van moties gebruikt {year} en {seq}, niet {case}."),
        ("M{year}", "Het schema heeft {seq} nodig, het volgnummer."),
    ],
)
def test_a_motion_number_scheme_needs_year_and_seq(scheme, message):
    with pytest.raises(ValidationError) as error:
        validate_motion_number_format(scheme)
    assert error.value.messages == [message]


# Who may use the form ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["staff", "advisory_member"])
def test_college_staff_and_adviesraad_may_not_register(town, who):
    client = client_for(getattr(town, who))
    assert is_refused(client.get(url(town.meeting)))
    assert is_refused(client.post(url(town.meeting), post_data(row(0, town))))
    assert not Motion.objects.exists()


def test_another_municipalitys_meeting_is_not_found(town, other_town):
    client = client_for(town.griffie)
    assert client.get(url(other_town.meeting)).status_code == 404
    response = client.post(url(other_town.meeting), post_data(row(0, other_town)))
    assert response.status_code == 404
    assert not Motion.objects.exists()


def test_the_form_suggests_numbers_and_offers_only_own_records(town, other_town):
    MotionFactory(municipality=town.municipality, meeting=town.meeting, number="M2026-07")
    page = client_for(town.griffie).get(url(town.meeting)).text
    assert re.findall(r'value="(M2026-\d\d)"', page)[:3] == ["M2026-08", "M2026-09", "M2026-10"]
    assert town.person.name in page and town.portfolio.name in page
    assert other_town.person.name not in page


def test_the_motievolglijst_and_the_meetings_link_to_the_form(town):
    client = client_for(town.griffie)
    filtered = client.get(reverse("motion:index") + f"?meeting={town.meeting.pk}").text
    assert f'href="{url(town.meeting)}"' in filtered
    assert f'href="{url(town.meeting)}"' in client.get(reverse("meeting:index")).text
    staff_list = client_for(town.staff).get(reverse("motion:index") + f"?meeting={town.meeting.pk}")
    assert url(town.meeting) not in staff_list.text


# Registering ------------------------------------------------------------------------


def test_a_whole_meeting_is_registered_through_the_lifecycle(town):
    other_person = PersonFactory(municipality=town.municipality)
    data = post_data(
        row(0, town, votes_for="18", votes_against="9"),
        row(1, town, outcome="rejected", unanimous="on", portfolio=""),
        row(2, town, outcome="withdrawn", submitters=[town.person.pk, other_person.pk]),
        row(3, town, outcome="submitted"),
        total=6,  # two empty rows are skipped
    )
    response = client_for(town.griffie).post(url(town.meeting), data)
    assert response.status_code == 302
    motions = {m.number: m for m in Motion.objects.all()}
    assert {n: m.status for n, m in motions.items()} == {
        "M2026-01": MotionStatus.adopted,
        "M2026-02": MotionStatus.rejected,
        "M2026-03": MotionStatus.withdrawn,
        "M2026-04": MotionStatus.submitted,
    }
    adopted = motions["M2026-01"]
    assert adopted.vote_date == town.meeting.date
    assert adopted.deadline == datetime.date(2026, 12, 31)  # the municipality's default
    assert str(adopted.vote) == "Aangenomen met 18 stemmen voor en 9 tegen"
    assert str(motions["M2026-02"].vote) == "Verworpen met algemene stemmen"
    assert not Vote.objects.filter(motion=motions["M2026-03"]).exists()
    assert MotionSubmitter.objects.filter(motion=motions["M2026-03"]).count() == 2


def test_every_history_row_names_the_griffie_and_the_besluitenlijst(town):
    data = post_data(row(0, town, unanimous="on"))
    client_for(town.griffie).post(url(town.meeting), data)
    motion = Motion.objects.get()
    rows = list(motion.history.all()) + list(Vote.history.all())
    assert [r.status for r in motion.history.order_by("history_id")] == ["submitted", "adopted"]
    assert {r.history_user for r in rows} == {town.griffie}
    assert all(r.history_change_reason.startswith(REASON) for r in rows)
    assert str(town.meeting) in rows[0].history_change_reason


def test_one_wrong_row_saves_nothing_and_its_error_stands_beside_it(town):
    data = post_data(
        row(0, town, unanimous="on"),
        row(1, town, votes_for="9", votes_against="18"),
        row(2, town, outcome="held", votes_for="3", votes_against="1"),
    )
    response = client_for(town.griffie).post(url(town.meeting), data)
    assert response.status_code == 200
    assert not Motion.objects.exists() and not Vote.objects.exists()
    page = response.text
    assert "help-critical" not in row_html(page, 1)
    assert "Een aangenomen motie heeft meer stemmen voor dan tegen" in row_html(page, 2)
    assert "Alleen een aangenomen of verworpen motie heeft een stemming." in row_html(page, 3)
    assert 'value="M2026-02"' in row_html(page, 2)  # the rows keep what was typed


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"portfolio": ""}, "Een aangenomen motie heeft een portefeuille nodig."),
        ({"number": "M2026-99"}, "Deze gemeente heeft al een motie met dit nummer."),
        ({"number": "M2026-01"}, "Dit nummer staat ook in een andere regel."),
        ({"title": ""}, "Dit is een verplicht veld."),
        ({"submitters": []}, "Dit is een verplicht veld."),
        ({"votes_for": "-3", "votes_against": "1"}, "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"deadline": "31-02-2026"}, "De datum 31-02-2026 bestaat niet."),
    ],
)
def test_row_errors_in_dutch(town, fields, message):
    MotionFactory(municipality=town.municipality, meeting=town.meeting, number="M2026-99")
    data = post_data(row(0, town, unanimous="on"), row(1, town, unanimous="on", **fields))
    response = client_for(town.griffie).post(url(town.meeting), data)
    assert response.status_code == 200
    assert message in row_html(response.text, 2)
    assert Motion.objects.count() == 1


@pytest.mark.parametrize("field", ["submitters", "portfolio"])
def test_another_municipalitys_records_are_refused_in_a_row(town, other_town, field):
    record = other_town.person if field == "submitters" else other_town.portfolio
    value = [record.pk] if field == "submitters" else record.pk
    data = post_data(row(0, town, unanimous="on", **{field: value}))
    response = client_for(town.griffie).post(url(town.meeting), data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze." in row_html(response.text, 1)
    assert not Motion.objects.exists()


def test_an_empty_form_asks_for_a_motion(town):
    response = client_for(town.griffie).post(url(town.meeting), post_data(total=3))
    assert "Vul ten minste één motie in." in response.text


def test_anonymous_users_are_sent_to_the_login(town):
    response = client_for(None).get(url(town.meeting))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_the_superuser_may_register(town):
    from tests.factories import UserFactory

    admin = UserFactory(username="beheer", is_superuser=True)
    response = client_for(admin).post(url(town.meeting), post_data(row(0, town, unanimous="on")))
    assert response.status_code == 302
    assert Motion.objects.get().history.first().history_user == admin


def test_a_row_records_the_vote_per_fractie(town, other_town):
    fields = {
        "votes_for": "18",
        "votes_against": "9",
        f"party_{town.party.pk}": "split",
        f"party_{other_town.party.pk}": "for",  # not a field of this form: ignored
    }
    response = client_for(town.griffie).post(url(town.meeting), post_data(row(0, town, **fields)))
    assert response.status_code == 302
    assert [(pv.party, pv.choice) for pv in PartyVote.objects.all()] == [(town.party, "split")]


def test_a_fractie_vote_on_a_withdrawn_motion_is_refused(town):
    fields = {"outcome": "withdrawn", f"party_{town.party.pk}": "for"}
    response = client_for(town.griffie).post(url(town.meeting), post_data(row(0, town, **fields)))
    assert "Alleen een aangenomen of verworpen motie heeft een stemming." in row_html(
        response.text, 1
    )
    assert not Motion.objects.exists()


def test_the_form_asks_the_database_as_often_for_forty_rows_as_for_five(town):
    PersonFactory.create_batch(5, municipality=town.municipality, party=town.party)
    client = client_for(town.griffie)
    counts = []
    for rows in (5, 40):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{url(town.meeting)}?rows={rows}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
