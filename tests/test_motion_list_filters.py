"""The motievolglijst filters, searches and sorts; odd input answers with a page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from tests.admin_helpers import client_for
from tests.factories import MeetingFactory, MotionFactory, PartyFactory, PersonFactory

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def motions(town):
    def motion(number, **kwargs):
        kwargs.setdefault("portfolio", town.portfolio)
        return MotionFactory(
            municipality=town.municipality, meeting=town.meeting, number=number, **kwargs
        )

    other_party = PartyFactory(municipality=town.municipality, name="Andere Partij")
    other_person = PersonFactory(municipality=town.municipality, party=other_party)
    return {
        "overdue": motion(
            "A-1",
            title="Laat",
            in_progress=True,
            deadline=datetime.date(2026, 10, 1),
            submitters=[town.person],
        ),
        "on_time": motion(
            "A-2",
            title="Op tijd",
            adopted=True,
            deadline=datetime.date(2027, 1, 31),
            submitters=[other_person],
        ),
        "completed": motion(
            "A-3",
            title="Klaar",
            completed=True,
            deadline=datetime.date(2026, 6, 1),
            submitters=[town.person],
        ),
        "other_portfolio": motion(
            "A-4",
            title="Financieel",
            portfolio=town.other_portfolio,
            operative_text="verzoekt het college de begroting …",
        ),
    }


def listed(town, query):
    with time_machine.travel(TODAY, tick=False):
        response = client_for(town.griffie).get(reverse("motion:index") + query)
    assert response.status_code == 200
    return [m.number for m in response.context["object_list"]]


def test_overdue_filter_shows_open_moties_past_their_deadline(town, motions):
    assert listed(town, "?overdue=yes") == ["A-1"]
    assert sorted(listed(town, "?overdue=no")) == ["A-2", "A-3", "A-4"]


def test_status_filter(town, motions):
    assert sorted(listed(town, "?status=in_progress&status=completed")) == ["A-1", "A-3"]


def test_portfolio_filter(town, motions):
    assert listed(town, f"?portfolio={town.other_portfolio.pk}") == ["A-4"]


def test_party_filter_follows_the_submitters(town, motions):
    assert sorted(listed(town, f"?party={town.party.pk}")) == ["A-1", "A-3"]


def test_deadline_range_filter(town, motions):
    query = "?deadline_from=2026-09-01&deadline_to=2027-02-01"
    assert sorted(listed(town, query)) == ["A-1", "A-2"]


def test_meeting_filter(town, motions):
    assert len(listed(town, f"?meeting={town.meeting.pk}")) == 4


def test_the_meeting_filter_offers_recent_meetings_and_keeps_an_older_one_chosen(
    town, motions, monkeypatch
):
    """A municipality's meetings grow without end: the filter offers the recent and
    upcoming ones, and a link to an older meeting's moties still filters on it."""
    from governance import forms

    monkeypatch.setattr(forms, "RECENT_MEETINGS", 2)
    monkeypatch.setattr(forms, "UPCOMING_MEETINGS", 1)
    old = MeetingFactory(municipality=town.municipality, date=datetime.date(2019, 1, 10))
    held = [
        MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 11, day))
        for day in (10, 20)
    ]
    planned = [
        MeetingFactory(municipality=town.municipality, date=datetime.date(2027, 1, day))
        for day in (10, 20)
    ]
    MotionFactory(
        municipality=town.municipality, meeting=old, portfolio=town.portfolio, number="O-1"
    )

    def offered(query=""):
        with time_machine.travel(TODAY, tick=False):
            response = client_for(town.griffie).get(reverse("motion:index") + query)
        field = response.context["filters"].form.fields["meeting"]
        return response, set(field.queryset.values_list("pk", flat=True))

    __, choices = offered()
    assert choices == {held[0].pk, held[1].pk, planned[0].pk}
    response, choices = offered(f"?meeting={old.pk}")
    assert old.pk in choices
    assert [m.number for m in response.context["object_list"]] == ["O-1"]
    # Another municipality's meeting is no choice, named or not.
    __, choices = offered(f"?meeting={MeetingFactory().pk}")
    assert choices == {held[0].pk, held[1].pk, planned[0].pk}


def test_search_on_number_title_and_text(town, motions):
    assert listed(town, "?q=A-2") == ["A-2"]
    assert listed(town, "?q=klaar") == ["A-3"]
    assert listed(town, "?q=begroting") == ["A-4"]


def test_sorting_by_deadline(town, motions):
    # Where a motie without deadline goes differs per database; the rest is in order.
    ordered = [n for n in listed(town, "?ordering=deadline") if n != "A-4"]
    assert ordered == ["A-3", "A-1", "A-2"]
    assert [n for n in listed(town, "?ordering=-deadline") if n != "A-4"] == ["A-2", "A-1", "A-3"]


@pytest.mark.parametrize(
    "query",
    [
        "?status=nonsense",
        "?portfolio=abc",
        "?portfolio=999999",
        "?deadline_from=gisteren",
        "?overdue=misschien",
        "?ordering=password",
        "?q=" + "x" * 5000,
        "?q=%27%3B+DROP+TABLE+motions_motion%3B--",
        "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "?p=-1",
        "?p=99999",
    ],
)
def test_odd_input_answers_with_a_page_and_never_echoes_markup(town, motions, query):
    response = client_for(town.griffie).get(reverse("motion:index") + query)
    assert response.status_code in (200, 404)
    assert "<script>alert(1)</script>" not in response.text


def test_a_portfolio_of_another_municipality_is_no_way_in(town, other_town, motions):
    MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        number="L-1",
    )
    # Not a valid choice for this griffie: the filter is ignored, Lindeburg stays out.
    assert sorted(listed(town, f"?portfolio={other_town.portfolio.pk}")) == [
        "A-1",
        "A-2",
        "A-3",
        "A-4",
    ]


@pytest.mark.parametrize("list_name", ["motion:index", "commitment:index"])
def test_filtering_on_status_adds_no_distinct(town, list_name):
    """The status is a column of the record: no join, so no DISTINCT, which made the
    database sort every row of the list and of its count (docs/scale.md)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(town.griffie)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(list_name), {"status": ["in_progress", "open"]})
    assert response.status_code == 200
    table = "motions_motion" if list_name.startswith("motion") else "commitments_commitment"
    listed = [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
    assert listed and not any("DISTINCT" in sql for sql in listed)
