"""The lijst van moties en toezeggingen: open moties grouped by portfolio, a tagged
PDF/UA-1 in Dutch, for one meeting if asked, and only for those who may print it."""

import datetime
import io
import logging
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from motions import agenda_list
from motions.agenda_list import (
    AgendaRow,
    ListRequest,
    list_portfolios_for,
    register_row_source,
    render_agenda_list,
)
from tests.admin_helpers import client_for, is_refused
from tests.factories import CommitmentFactory, MeetingFactory, MotionFactory

build_list = agenda_list.agenda_list

TODAY = datetime.date(2027, 1, 20)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12, 0), tick=False):
        yield


@pytest.fixture
def motions(town):
    """Open moties in two portfolios, and closed ones that the list leaves out."""

    def motion(number, portfolio, **kwargs):
        kwargs.setdefault("meeting", town.meeting)
        return MotionFactory(
            municipality=town.municipality,
            portfolio=portfolio,
            number=number,
            title=f"Motie {number}",
            **kwargs,
        )

    later = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 6, 4))
    return {
        "social_late": motion(
            "M2026-020",
            town.portfolio,
            meeting=later,
            adopted=True,
            vote_date=later.date,
            deadline=None,
            deadline_unknown_reason="na de evaluatie",
        ),
        "social": motion(
            "M2026-002", town.portfolio, in_progress=True, progress="Eerste taalpunt open."
        ),
        "finance": motion("M2026-001", town.other_portfolio, completion_proposed=True),
        "completed": motion("M2026-003", town.portfolio, completed=True),
        "rejected": motion("M2026-004", town.portfolio, rejected=True),
        "submitted": motion("M2026-005", town.other_portfolio),
    }


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_open_motions_are_grouped_by_portfolio_in_order(town, motions):
    groups = build_list(ListRequest(town.municipality))
    assert [g.portfolio for g in groups] == ["Financiën", "Sociaal domein"]
    assert [r.number for r in groups[1].rows] == ["M2026-002", "M2026-020"]
    row = groups[1].rows[0]
    assert (row.kind, row.status, row.deadline, row.days_overdue, row.progress) == (
        "Motie",
        "In uitvoering",
        datetime.date(2026, 12, 31),
        20,
        "Eerste taalpunt open.",
    )


def test_the_pdf_shows_the_groups_in_order_and_leaves_closed_motions_out(town, motions):
    _html, pdf = render_agenda_list(ListRequest(town.municipality))
    text = " ".join(pdf_text(pdf).split())
    assert "Lijst van moties en toezeggingen" in text
    assert "stand per 20 januari 2027" in text
    order = [
        "Portefeuille Financiën",
        "M2026-001",
        "Afdoening voorgesteld",
        "Portefeuille Sociaal domein",
        "M2026-002",
        "Eerste taalpunt open.",
        "M2026-020",
        "onbekend: na de evaluatie",
    ]
    positions = [text.index(item) for item in order]
    assert positions == sorted(positions)
    for closed in ("M2026-003", "M2026-004", "M2026-005"):
        assert closed not in text


def test_the_pdf_is_tagged_pdf_ua_1_in_dutch_with_a_title(town, motions):
    _html, pdf = render_agenda_list(ListRequest(town.municipality))
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl-NL"
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title == "Lijst van moties en toezeggingen — Dijkhoven"
    xmp = root["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfuaid:part(="1"|>1<)', xmp)
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape


def test_weasyprint_logs_no_error_while_rendering(town, motions, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        render_agenda_list(ListRequest(town.municipality))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_for_one_meeting_only_the_open_motions_it_adopted(town, motions):
    later = motions["social_late"].meeting
    _html, pdf = render_agenda_list(ListRequest(town.municipality, meeting=later))
    text = " ".join(pdf_text(pdf).split())
    assert "Aangenomen in de raadsvergadering van 4 juni 2026" in text
    assert "M2026-020" in text
    assert "M2026-002" not in text and "M2026-001" not in text


def test_a_meeting_of_another_municipality_is_refused(town, other_town, motions):
    with pytest.raises(PermissionDenied):
        render_agenda_list(ListRequest(town.municipality, meeting=other_town.meeting))


def test_markup_in_a_title_is_printed_as_text(town, motions):
    motions["social"].title = "<b>Vet</b> & co"
    motions["social"].save()
    html, pdf = render_agenda_list(ListRequest(town.municipality))
    assert "&lt;b&gt;Vet&lt;/b&gt; &amp; co" in html
    assert "<b>Vet</b> & co" in pdf_text(pdf)


def test_a_second_source_adds_rows_of_the_same_shape(town, motions, monkeypatch):
    monkeypatch.setattr(agenda_list, "ROW_SOURCES", list(agenda_list.ROW_SOURCES))

    def commitments(request):
        yield AgendaRow(
            kind="Toezegging",
            number="T2026-001",
            title="Raad informeren over taalhuizen",
            meeting_date=datetime.date(2026, 3, 12),
            status="Open",
            deadline=None,
            deadline_unknown_reason="",
            days_overdue=0,
            progress="",
            portfolio="Sociaal domein",
            kind_order=1,
        )

    register_row_source(commitments)
    register_row_source(commitments)
    rows = build_list(ListRequest(town.municipality))[1].rows
    assert [r.number for r in rows] == ["M2026-002", "M2026-020", "T2026-001"]


# Who may print it ---------------------------------------------------------------------


def test_the_griffie_gets_every_portfolio_and_staff_only_theirs(town, other_town):
    assert list_portfolios_for(town.griffie, town.municipality) is None
    assert list_portfolios_for(town.staff, town.municipality) == {town.portfolio.pk}
    for user, municipality in [
        (town.advisory_member, town.municipality),
        (town.griffie, other_town.municipality),
        (town.staff, other_town.municipality),
    ]:
        with pytest.raises(PermissionDenied):
            list_portfolios_for(user, municipality)


def download(user, municipality, meeting=None):
    params = {"municipality": municipality.pk}
    if meeting is not None:
        params["meeting"] = meeting.pk
    return client_for(user).get(reverse("motion:agenda_list"), params)


def test_the_griffie_downloads_the_list_from_the_admin(town, motions):
    response = download(town.griffie, town.municipality)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "lijst-moties-en-toezeggingen-dijkhoven.pdf" in response["Content-Disposition"]
    assert "M2026-001" in pdf_text(response.content)


def test_college_staff_get_only_their_portfolios(town, motions):
    text = pdf_text(download(town.staff, town.municipality).content)
    assert "M2026-002" in text
    assert "M2026-001" not in text  # Financiën is not theirs
    assert "Alleen de portefeuilles waarvoor u werkt." in " ".join(text.split())


def test_the_adviesraad_gets_no_list(town, motions):
    assert is_refused(download(town.advisory_member, town.municipality))


def test_another_municipality_and_its_meetings_are_refused(town, other_town, motions):
    # The griffie of one municipality is not asked for one: another's id is ignored.
    response = download(town.griffie, other_town.municipality)
    assert response["Content-Type"] == "application/pdf"
    assert "dijkhoven.pdf" in response["Content-Disposition"]
    response = download(town.griffie, town.municipality, other_town.meeting)
    assert response["Content-Type"].startswith("text/html")
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_one_municipality_is_not_asked_for(town):
    page = client_for(town.griffie).get(reverse("motion:agenda_list")).content.decode()
    assert f'type="hidden" name="municipality" value="{town.municipality.pk}"' in page
    assert ">Gemeente<" not in page


def test_the_motion_list_shows_the_buttons_by_role(town):
    page = client_for(town.griffie).get(reverse("motion:index")).content.decode()
    assert reverse("motion:import") in page and reverse("motion:agenda_list") in page
    page = client_for(town.staff).get(reverse("motion:index")).content.decode()
    assert reverse("motion:import") not in page and reverse("motion:agenda_list") in page


# The command ------------------------------------------------------------------------


def test_the_command_writes_the_list(town, motions, tmp_path):
    output = tmp_path / "lijst.pdf"
    call_command("render_motion_list", "gm9901", output=str(output))
    assert "M2026-020" in pdf_text(output.read_bytes())


def test_the_command_takes_a_meeting_of_that_municipality_only(town, other_town, tmp_path):
    output = tmp_path / "lijst.pdf"
    call_command("render_motion_list", "gm9901", output=str(output), meeting=town.meeting.pk)
    assert output.exists()
    with pytest.raises(CommandError, match=r"Dijkhoven heeft geen vergadering met id"):
        call_command(
            "render_motion_list", "gm9901", output=str(output), meeting=other_town.meeting.pk
        )


def test_the_command_refuses_an_unknown_municipality(db, tmp_path):
    with pytest.raises(CommandError, match=r"Er is geen gemeente met TOOI-code gm0000\."):
        call_command("render_motion_list", "gm0000", output=str(tmp_path / "x.pdf"))


# Toezeggingen on the same list -----------------------------------------------------------


def test_open_toezeggingen_follow_the_moties_of_their_portfolio(town, other_town, motions):
    def commitment(number, portfolio, **traits):
        return CommitmentFactory(
            municipality=town.municipality,
            meeting=town.meeting,
            portfolio=portfolio,
            number=number,
            title=f"Toezegging {number}",
            progress="Brief in voorbereiding." if number == "T2026-001" else "",
            **traits,
        )

    commitment("T2026-001", town.portfolio)
    commitment("T2026-002", town.other_portfolio, completion_proposed=True)
    commitment("T2026-003", town.portfolio, completed=True)
    commitment("T2026-004", town.portfolio, lapsed=True)
    CommitmentFactory(municipality=other_town.municipality, number="T2026-009")
    groups = build_list(ListRequest(town.municipality))
    assert [r.number for r in groups[0].rows] == ["M2026-001", "T2026-002"]
    assert [r.number for r in groups[1].rows] == ["M2026-002", "M2026-020", "T2026-001"]
    text = " ".join(pdf_text(render_agenda_list(ListRequest(town.municipality))[1]).split())
    assert "T2026-001" in text
    assert "Brief in voorbereiding." in text
    for absent in ("T2026-003", "T2026-004", "T2026-009"):
        assert absent not in text


def test_college_staff_see_only_the_toezeggingen_of_their_portfolios(town, motions):
    CommitmentFactory(municipality=town.municipality, portfolio=town.portfolio, number="T1")
    CommitmentFactory(municipality=town.municipality, portfolio=town.other_portfolio, number="T2")
    request = ListRequest(town.municipality, portfolio_ids=frozenset({town.portfolio.pk}))
    numbers = [row.number for group in build_list(request) for row in group.rows]
    assert "T1" in numbers and "T2" not in numbers


def test_the_meeting_choice_offers_the_recent_meetings_and_takes_an_older_one_by_link(
    town, motions, monkeypatch
):
    from governance import forms as governance_forms

    monkeypatch.setattr(governance_forms, "RECENT_MEETINGS", 2)
    old = [
        MeetingFactory(municipality=town.municipality, date=datetime.date(2019, 3, day))
        for day in (4, 11, 18)
    ]
    page = client_for(town.griffie).get(reverse("motion:agenda_list")).content.decode()
    offered = set(map(int, re.findall(r'<option value="(\d+)"', page)))
    # The two last meetings held (the list's own and the one of June 2026), not 2019's.
    assert offered == {town.meeting.pk, motions["social_late"].meeting_id}
    # An old meeting still comes through a link with its id.
    old_motion = MotionFactory(
        municipality=town.municipality,
        portfolio=town.portfolio,
        meeting=old[0],
        adopted=True,
        vote_date=old[0].date,
        number="M2019-001",
        title="Oude motie",
    )
    response = download(town.griffie, town.municipality, old[0])
    assert response["Content-Type"] == "application/pdf"
    assert old_motion.number in pdf_text(response.content)
