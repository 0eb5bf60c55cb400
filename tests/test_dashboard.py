"""The deadline panel on the admin home, scoped to the user's role."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.dashboard import DeadlinePanel
from governance.watchlist import watch_items
from tests.admin_helpers import client_for
from tests.factories import AdviceRequestFactory, MotionFactory

TODAY = datetime.date(2026, 11, 24)


def motion(town, number, deadline, portfolio=None, **traits):
    traits = traits or {"in_progress": True}
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        number=number,
        portfolio=portfolio or town.portfolio,
        deadline=deadline,
        **traits,
    )


@pytest.fixture
def items(town, other_town):
    motion(town, "LATE", datetime.date(2026, 11, 1))
    motion(town, "SOON", datetime.date(2026, 12, 5))
    motion(town, "LATER", datetime.date(2027, 3, 1))
    motion(town, "DONE", datetime.date(2026, 11, 1), completed=True)
    motion(town, "OTHER-PF", datetime.date(2026, 11, 20), portfolio=town.other_portfolio)
    motion(other_town, "ELSEWHERE", datetime.date(2026, 11, 10))
    AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject="Aanvraag bijna",
        letter_date=datetime.date(2026, 10, 19),
        received_date=datetime.date(2026, 10, 20),
    )


def titles(user):
    return [item.title.split()[0] for item in watch_items(user, TODAY)]


def test_griffie_sees_everything_of_its_municipality_overdue_first(town, items):
    assert titles(town.griffie) == ["LATE", "OTHER-PF", "Aanvraag", "SOON"]


def test_college_staff_see_their_portfolios(town, items):
    assert titles(town.staff) == ["LATE", "Aanvraag", "SOON"]
    assert titles(town.staff_other_portfolio) == ["OTHER-PF"]


def test_adviesraad_members_see_their_open_requests(town, other_town, items):
    assert titles(town.advisory_member) == ["Aanvraag"]
    assert titles(other_town.advisory_member) == []


def test_the_panel_on_the_admin_home_shows_days_overdue_and_left(town, items):
    with time_machine.travel(TODAY, tick=False):
        page = client_for(town.griffie).get("/admin/").text
    assert "Termijnen" in page
    assert "23 dagen te laat" in page
    assert "nog 11 dagen" in page
    assert "LATER" not in page and "DONE" not in page and "ELSEWHERE" not in page


def _panel_queries(user):
    with CaptureQueriesContext(connection) as queries:
        DeadlinePanel(user, TODAY).render_html({})
    return len(queries)


def test_the_panel_query_count_does_not_grow(town, items):
    _panel_queries(town.griffie)  # the user's scope is read once and cached
    few = _panel_queries(town.griffie)
    for n in range(20):
        motion(town, f"EXTRA-{n}", datetime.date(2026, 11, 30))
        AdviceRequestFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=town.portfolio,
            letter_date=datetime.date(2026, 10, 19),
        )
    assert _panel_queries(town.griffie) == few
