"""The history of a toezegging on the one timeline: events named after what happened,
dated by the day they happened, beside who recorded them and when."""

import datetime

import time_machine
from django.urls import reverse

from commitments.lifecycle import apply_transition, update_progress
from commitments.models import Commitment
from commitments.publication import set_published
from commitments.timeline import commitment_timeline
from tests.admin_helpers import client_for
from tests.factories import CommitmentFactory, MeetingFactory

D = datetime.date
MEETING_DAY = D(2026, 10, 8)


def at(day, hour=10):
    return time_machine.travel(datetime.datetime(*day, hour, tzinfo=datetime.UTC), tick=False)


def promised(town, **kwargs):
    meeting = MeetingFactory(municipality=town.municipality, date=MEETING_DAY)
    with at((2026, 10, 20)):
        return CommitmentFactory(
            municipality=town.municipality,
            meeting=meeting,
            portfolio=town.portfolio,
            **kwargs,
        )


def events(commitment):
    entries = commitment_timeline(Commitment.objects.get(pk=commitment.pk))
    return [(e.what, e.happened_on, e.recorded_at.date()) for e in entries]


def test_each_event_is_named_and_dated_by_when_it_happened(town):
    commitment = promised(town)
    with at((2026, 11, 2)):
        update_progress(commitment, town.staff, "De brief is in de maak.")
    with at((2026, 11, 3)):
        apply_transition(commitment, town.staff, "propose_completion", reason="Brief verstuurd.")
    with at((2026, 11, 10)):
        apply_transition(commitment, town.griffie, "reopen", reason="Raad wil meer weten.")
    with at((2026, 11, 12)):
        apply_transition(commitment, town.staff, "propose_completion", reason="Aanvulling.")
    with at((2026, 11, 25)):
        apply_transition(
            commitment, town.griffie, "complete", reason="Raad akkoord.", on=D(2026, 11, 19)
        )
    with at((2026, 11, 25), hour=11):
        set_published(commitment, town.griffie, True)
    assert events(commitment) == [
        ("Gepubliceerd", D(2026, 11, 25), D(2026, 11, 25)),
        ("Afgedaan", D(2026, 11, 19), D(2026, 11, 25)),
        ("Afdoening voorgesteld", D(2026, 11, 12), D(2026, 11, 12)),
        ("Raad niet akkoord met de afdoening: weer open", D(2026, 11, 10), D(2026, 11, 10)),
        ("Afdoening voorgesteld", D(2026, 11, 3), D(2026, 11, 3)),
        ("Stand van zaken gewijzigd", D(2026, 11, 2), D(2026, 11, 2)),
        ("Toegezegd", MEETING_DAY, D(2026, 10, 20)),
    ]
    completed = commitment_timeline(commitment)[1]
    assert (completed.who, completed.why) == (town.griffie, "Raad akkoord.")
    assert completed.recorded_later


def test_a_lapsed_commitment_says_so(town):
    commitment = promised(town)
    with at((2026, 11, 4)):
        apply_transition(commitment, town.griffie, "lapse", reason="Niet meer aan de orde.")
    assert events(commitment)[0] == ("Vervallen", D(2026, 11, 4), D(2026, 11, 4))


def test_a_save_that_changes_nothing_leaves_no_entry(town):
    commitment = promised(town, text="Regel een.\nRegel twee.")
    data = {
        "municipality": town.municipality.pk,
        "number": commitment.number,
        "title": commitment.title,
        "meeting": commitment.meeting_id,
        "text": "Regel een.\r\nRegel twee.",  # what a browser sends back
        "portfolio": commitment.portfolio_id,
        "holder": "",
        "deadline": "31-12-2026",
        "deadline_unknown_reason": "",
        "progress": "",
        "change_reason": "",
    }
    url = reverse("commitment:edit", args=[commitment.pk])
    assert client_for(town.griffie).post(url, data).status_code == 302
    assert commitment.history.count() == 2  # the save was recorded …
    assert [e[0] for e in events(commitment)] == ["Toegezegd"]  # … but is no event
    response = client_for(town.griffie).post(url, data | {"deadline": "01-02-2027"})
    assert response.status_code == 302
    assert events(commitment)[0][0] == "Termijn gewijzigd"


def test_the_history_tab_and_the_page_show_the_same_timeline(town, other_town):
    commitment = promised(town)
    apply_transition(commitment, town.staff, "propose_completion", reason="Brief verstuurd.")
    url = reverse("commitment:history", args=[commitment.pk])
    page = client_for(town.griffie).get(url)
    assert page.status_code == 200
    assert "Afdoening voorgesteld" in page.text and "Brief verstuurd." in page.text
    assert "Toegezegd" in page.text and "8 oktober 2026" in page.text
    inspect = client_for(town.griffie).get(reverse("commitment:inspect", args=[commitment.pk]))
    assert "Afdoening voorgesteld" in inspect.text and "8 oktober 2026" in inspect.text
    assert client_for(other_town.griffie).get(url).status_code == 404
