"""The deadline panel on the admin home, scoped to the user's role."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from advice.models import Advice
from governance.dashboard import DeadlinePanel
from governance.watchlist import PANEL_SIZE, watch_items, watch_panel
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory, AdviceRequestFactory, CommitmentFactory, MotionFactory

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


# The panel is bounded: PANEL_SIZE items per group, the rest counted and linked to the
# lists, whose filter shows exactly the group's records to the same user.

MORE = PANEL_SIZE + 3


def advice_request(town, subject, letter_date):
    return AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject=subject,
        letter_date=letter_date,
        received_date=letter_date,
    )


@pytest.fixture
def many(town, other_town):
    """More overdue and more due-soon items than the panel shows, of several kinds."""
    late = [motion(town, f"LATE-{n:02d}", datetime.date(2026, 10, 1 + n)) for n in range(MORE)]
    soon = [
        motion(town, f"SOON-{n:02d}", datetime.date(2026, 11, 25 + n // 3)) for n in range(MORE)
    ]
    requests = [
        advice_request(town, f"Laat verzoek {n:02d}", datetime.date(2026, 8, 1 + n))
        for n in range(MORE)
    ]
    commitments = [
        CommitmentFactory(
            municipality=town.municipality,
            meeting=town.meeting,
            portfolio=town.portfolio,
            title=f"Toezegging te laat {n:02d}",
            deadline=datetime.date(2026, 9, 1 + n),
        )
        for n in range(2)
    ]
    motion(other_town, "ELSEWHERE", datetime.date(2026, 10, 1))
    return {"late": late, "soon": soon, "requests": requests, "commitments": commitments}


def group_links(html, heading):
    """The links of the group below `heading`, by their text."""
    section = html.split(heading, 1)[1].split("</p>", 1)[0]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', section.split("<p", 1)[1])
    return {text.strip(): unescape(href) for href, text in links}


def test_the_panel_shows_the_bound_the_total_and_the_most_urgent_first(town, many):
    panel = watch_panel(town.griffie, TODAY)
    overdue, soon = panel["overdue"], panel["due_soon"]
    assert len(overdue.items) == PANEL_SIZE and len(soon.items) == PANEL_SIZE
    assert overdue.total == 2 * MORE + 2 and soon.total == MORE
    # The most overdue first, whatever their kind.
    dues = sorted(
        [m.deadline for m in many["late"]]
        + [r.due_date for r in many["requests"]]
        + [c.deadline for c in many["commitments"]]
    )
    assert [item.due for item in overdue.items] == dues[:PANEL_SIZE]
    assert len({item.kind for item in overdue.items}) > 1
    assert {k.kind: k.count for k in overdue.kinds} == {
        "Motie": MORE,
        "Adviesaanvraag": MORE,
        "Toezegging": 2,
    }
    assert overdue.hidden == 2 * MORE + 2 - PANEL_SIZE


def test_the_admin_home_says_how_many_more_and_links_to_them(town, many):
    with time_machine.travel(TODAY, tick=False):
        page = client_for(town.griffie).get("/admin/").text
    assert f"Te laat ({2 * MORE + 2})" in page
    assert f"En nog {2 * MORE + 2 - PANEL_SIZE} andere." in page
    assert f"Verloopt binnen 14 dagen ({MORE})" in page
    assert "SOON-09" in page
    assert "SOON-12" not in page and "LATE-12" not in page  # beyond the bound
    links = group_links(page, "Te laat (")
    assert links == {
        f"Motie ({MORE})": "/admin/motion/?overdue=yes",
        f"Adviesaanvraag ({MORE})": "/admin/advice_request/?overdue=yes",
        "Toezegging (2)": "/admin/commitment/?overdue=yes",
    }


def test_a_thousand_and_more_is_written_the_dutch_way(town):
    from governance.watchlist import KindCount, PanelGroup

    panel = DeadlinePanel(town.griffie, TODAY)
    group = PanelGroup([], 1234, [KindCount("Motie", 1234, "/admin/motion/?overdue=yes")])
    with translation.override("nl"):
        html = render_to_string(
            "governance/admin/deadline_rows.html", {"group": panel._group(group, True)}
        )
    assert "En nog 1.234 andere." in html and "Motie (1.234)" in html


def listed(number, page):
    return re.search(rf">\s*{re.escape(number)}\s*<", page) is not None


def list_page(user, url):
    with time_machine.travel(TODAY, tick=False):
        response = client_for(user).get(url)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("role", ["griffie", "staff"])
def test_the_links_lead_each_role_to_the_hidden_items(town, many, role):
    user = getattr(town, role)
    panel = watch_panel(user, TODAY)
    for group, records in (("overdue", many["late"]), ("due_soon", many["soon"])):
        url = next(k.url for k in panel[group].kinds if k.kind == "Motie")
        page = list_page(user, url)
        shown = {item.title.split()[0] for item in panel[group].items}
        hidden = [r for r in records if r.number not in shown]
        assert hidden, "the test needs items the panel leaves out"
        for record in records:  # exactly the group: all of them, and no other
            assert listed(record.number, page)
        other = many["soon"] if group == "overdue" else many["late"]
        assert not listed(other[0].number, page)
        assert "ELSEWHERE" not in page


def test_the_advice_request_link_leads_a_member_of_the_adviesraad_to_all(town, many):
    panel = watch_panel(town.advisory_member, TODAY)
    assert [k.kind for k in panel["overdue"].kinds] == ["Adviesaanvraag"]
    assert len(panel["overdue"].items) == PANEL_SIZE
    page = list_page(town.advisory_member, panel["overdue"].kinds[0].url)
    for request in many["requests"]:
        assert request.subject in page


def test_staff_of_another_portfolio_get_no_links_to_what_they_may_not_see(town, many):
    panel = watch_panel(town.staff_other_portfolio, TODAY)
    assert panel["overdue"].total == 0 and panel["overdue"].kinds == []


def test_the_panel_query_count_is_fixed_whatever_the_number_of_items(town, items):
    _panel_queries(town.griffie)
    few = _panel_queries(town.griffie)
    for n in range(3 * PANEL_SIZE):
        motion(town, f"MORE-{n}", datetime.date(2026, 10, 1 + n % 28))
        motion(town, f"NEAR-{n}", datetime.date(2026, 11, 30))
    # Two per source and group (the first PANEL_SIZE; the count): 4 sources, 2 groups.
    assert _panel_queries(town.griffie) == few == 16


def test_the_response_link_leads_college_staff_to_the_adviezen_awaiting_a_response(town):
    adviezen = []
    for n in range(PANEL_SIZE + 1):
        advice = AdviceFactory(
            municipality=town.municipality,
            advisory_council=town.advisory_council,
            portfolio=town.portfolio,
            subject=f"Advies wacht {n:02d}",
        )
        Advice.objects.filter(pk=advice.pk).update(
            status="submitted", response_due_date=datetime.date(2026, 11, 1 + n)
        )
        adviezen.append(advice)
    panel = watch_panel(town.staff, TODAY)
    assert len(panel["overdue"].items) == PANEL_SIZE and panel["overdue"].total == PANEL_SIZE + 1
    [kind] = panel["overdue"].kinds
    page = list_page(town.staff, kind.url)
    for advice in adviezen:
        assert advice.subject in page
    assert "Advies wacht" not in list_page(town.staff, "/admin/advice/?overdue=soon")


@pytest.mark.parametrize(
    "url", ["/admin/motion/", "/admin/commitment/", "/admin/advice_request/", "/admin/advice/"]
)
def test_every_list_offers_the_panels_groups_as_a_filter(town, url):
    page = list_page(town.griffie, url)
    assert re.search(r'<option value="yes"[^>]*>\s*Te laat\s*</option>', page)
    assert re.search(r'<option value="soon"[^>]*>\s*Verloopt binnen 14 dagen\s*</option>', page)
