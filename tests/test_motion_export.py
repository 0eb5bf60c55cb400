"""The motievolglijst export (XLSX and CSV through Wagtail's list_export): exactly the
moties of the filtered list the user sees, read back from the downloaded files."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motions.models import Motion, MotionSubmitter, Vote
from motions.votes import record_vote
from tests.admin_helpers import client_for, is_refused
from tests.factories import VOTE_DAY, MotionFactory, PersonFactory

HEADINGS = [
    "Nummer",
    "Titel",
    "Datum van de stemming",
    "Indieners",
    "Fracties",
    "Portefeuille",
    "Status",
    "Stemuitslag",
    "Termijn",
    "Dagen te laat",
    "Datum van afdoening",
]


def download(client, query="", export="xlsx"):
    response = client.get(f"{reverse('motion:index')}?export={export}{query}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def xlsx_rows(client, query=""):
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, query))).active
    return [list(row) for row in sheet.iter_rows()]


def xlsx_values(client, query=""):
    return [[cell.value for cell in row] for row in xlsx_rows(client, query)]


def csv_rows(client, query=""):
    return list(csv.reader(io.StringIO(download(client, query, "csv").decode())))


def make(town, **kwargs):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=kwargs.pop("portfolio", town.portfolio),
        submitters=[town.person],
        **kwargs,
    )


@pytest.fixture
def moties(town, other_town):
    """An overdue adopted motie with a vote, one with an unknown deadline, a completed
    one, one of another portfolio, and one of another municipality."""
    overdue = make(town, number="M2026-01", title="Schuldhulp", in_progress=True)
    overdue.deadline = datetime.date(2026, 10, 1)
    overdue.save()
    record_vote(overdue, town.griffie, outcome="adopted", votes_for=18, votes_against=9)
    unknown = make(town, number="M2026-02", title="Woningsplitsing", in_progress=True)
    unknown.deadline, unknown.deadline_unknown_reason = None, "Wacht op de Omgevingsvisie."
    unknown.save()
    record_vote(unknown, town.griffie, outcome="adopted", unanimous=True)
    done = make(town, number="M2026-03", title="Meldpunt", completed=True)
    other = make(town, number="M2026-04", title="Parkeren", portfolio=town.other_portfolio)
    foreign = make(other_town, number="M2026-05", title="Buurtbus")
    return {
        "overdue": overdue,
        "unknown": unknown,
        "done": done,
        "other": other,
        "foreign": foreign,
    }


def test_the_export_buttons_stand_in_the_list_header(town, moties):
    page = client_for(town.griffie).get(reverse("motion:index") + "?status=in_progress").text
    header = page[: page.index("</header>")]
    assert "Download XLSX" in header and "Download CSV" in header
    assert "?status=in_progress&amp;export=xlsx" in header


def test_the_xlsx_holds_every_column_with_dates_as_dates(town, moties, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 29, 12))
    rows = xlsx_rows(client_for(town.griffie), "&ordering=number")
    assert [cell.value for cell in rows[0]] == HEADINGS
    overdue = rows[1]
    assert [cell.value for cell in overdue][:8] == [
        "M2026-01",
        "Schuldhulp",
        VOTE_DAY,
        town.person.name,
        town.party.name,
        "Sociaal domein",
        "In uitvoering",
        "Aangenomen met 18 stemmen voor en 9 tegen",
    ]
    assert overdue[8].value == datetime.date(2026, 10, 1)
    assert overdue[8].number_format == overdue[2].number_format == "dd-mm-yyyy"
    assert overdue[9].value == 59
    unknown = [cell.value for cell in rows[2]]
    assert unknown[7] == "Aangenomen met algemene stemmen"
    assert unknown[8] == "onbekend: Wacht op de Omgevingsvisie."
    done = [cell.value for cell in rows[3]]
    assert done[10] == datetime.date(2026, 11, 1)


def test_the_csv_writes_dates_as_dd_mm_jjjj(town, moties):
    rows = csv_rows(client_for(town.griffie), "&ordering=number")
    assert rows[0] == HEADINGS
    assert rows[1][2] == "12-03-2026" and rows[1][8] == "01-10-2026"
    assert rows[3][10] == "01-11-2026"


def test_a_title_that_looks_like_a_formula_stays_text_in_the_csv(town, moties):
    motion = Motion.objects.get(number="M2026-01")
    Motion.objects.filter(pk=motion.pk).update(title='=HYPERLINK("http://evil.example","x")')
    rows = csv_rows(client_for(town.griffie), "&ordering=number")
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[2][1][:1] not in "=+-@"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"M2026-01", "M2026-02", "M2026-03", "M2026-04"}),
        ("&status=in_progress", {"M2026-01", "M2026-02"}),
        ("&overdue=yes", {"M2026-01"}),
        ("&q=Meldpunt", {"M2026-03"}),
    ],
)
def test_the_export_holds_exactly_the_filtered_list(town, moties, query, expected):
    client = client_for(town.griffie)
    assert {row[0] for row in xlsx_values(client, query)[1:]} == expected
    assert {row[0] for row in csv_rows(client, query)[1:]} == expected


def test_the_party_filter_gives_each_motie_once(town, moties):
    second = PersonFactory(municipality=town.municipality, party=town.party)
    MotionSubmitter.objects.create(motion=moties["overdue"], person=second, party=town.party)
    numbers = [row[0] for row in csv_rows(client_for(town.griffie), f"&party={town.party.pk}")[1:]]
    assert sorted(numbers) == ["M2026-01", "M2026-02", "M2026-03", "M2026-04"]


def test_college_staff_export_only_their_portfolios(town, moties):
    numbers = {row[0] for row in xlsx_values(client_for(town.staff))[1:]}
    assert numbers == {"M2026-01", "M2026-02", "M2026-03"}


def test_another_municipalitys_filter_value_exports_nothing_of_it(town, other_town, moties):
    query = (
        f"&portfolio={other_town.portfolio.pk}&meeting={other_town.meeting.pk}"
        f"&party={other_town.party.pk}"
    )
    numbers = {row[0] for row in csv_rows(client_for(town.griffie), query)[1:]}
    assert "M2026-05" not in numbers


def test_the_adviesraad_gets_no_export(town, moties):
    response = client_for(town.advisory_member).get(reverse("motion:index") + "?export=csv")
    assert is_refused(response)


def add_motions(town, count, start):
    motions = Motion.objects.bulk_create(
        Motion(
            municipality=town.municipality,
            meeting=town.meeting,
            meeting_held_on=town.meeting.date,
            portfolio=town.portfolio,
            number=f"B{start + i:05d}",
            title=f"Motie {start + i}",
            operative_text="verzoekt",
            status="adopted",
            vote_date=VOTE_DAY,
            deadline=datetime.date(2026, 6, 30),
        )
        for i in range(count)
    )
    MotionSubmitter.objects.bulk_create(
        MotionSubmitter(motion=m, person=town.person, party=town.party) for m in motions
    )
    Vote.objects.bulk_create(
        Vote(motion=m, outcome="adopted", votes_for=18, votes_against=9, date=VOTE_DAY)
        for m in motions
    )


def count_queries(client, export):
    with CaptureQueriesContext(connection) as queries:
        rows = download(client, "&status=adopted", export)
    return len(queries), rows


@pytest.mark.parametrize("export", ["xlsx", "csv"])
@pytest.mark.parametrize("who", ["griffie", "staff"])
def test_export_query_count_is_the_same_at_10_and_at_1000(town, export, who):
    client = client_for(getattr(town, who))
    add_motions(town, 10, 0)
    download(client, "", export)  # warm up caches filled once per process
    at_10, _rows = count_queries(client, export)
    add_motions(town, 990, 10)
    at_1000, content = count_queries(client, export)
    assert at_10 == at_1000, f"{at_10} queries at 10 moties, {at_1000} at 1000"
    if export == "csv":
        assert content.decode().count("\n") == 1001
