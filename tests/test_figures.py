"""The public figures /cijfers/: each figure on constructed data, only what is published
and of the site's municipality, a fixed number of queries, the year asked for, the CSV,
and the accessible parts of the charts and tables."""

import csv
import datetime
import io
import json
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Site

from advice.constants import AdviceStatus, Position
from advice.models import AdviceResponse, PointResponse
from governance.pages import HomePage
from opendata.charts import Bar, bar_chart
from opendata.figures import compute, current, yearly_figures
from opendata.models import FiguresSummary
from tests.factories import AdviceFactory, MotionFactory

TODAY = datetime.date(2026, 11, 30)
HOST = "dijkhoven.example"
VOTE = datetime.date(2026, 3, 12)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(
        datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield TODAY


@pytest.fixture
def sites(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, HOST), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=host, slug=host[:9]))
        town_.municipality.site = Site.objects.create(hostname=host, port=80, root_page=home)
        town_.municipality.save()


def motion(town, *, published=True, vote=datetime.date(2026, 3, 12), **kwargs):
    """A motie of the town, voted on `vote`; `completed=True` and such give its state."""
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        vote_date=vote,
        published_at=timezone.now() if published else None,
        **kwargs,
    )


def completed(town, days, deadline=datetime.date(2026, 12, 31), vote=VOTE, **kwargs):
    """A motie completed `days` after its vote (12 March 2026 unless said otherwise)."""
    return motion(
        town,
        completed=True,
        vote=vote,
        completion_date=vote + datetime.timedelta(days=days),
        deadline=deadline,
        **kwargs,
    )


def advice(town, positions, *, status=AdviceStatus.published, sent=None, due=None, **kwargs):
    """An advies of 1 November 2026 with a point per position, its response sent on
    `sent` and due on `due`."""
    created = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=len(positions),
        status=status,
        received_date=datetime.date(2026, 11, 2),
        response_due_date=due,
        **kwargs,
    )
    for point, position in zip(created.points.order_by("number"), positions, strict=True):
        PointResponse.objects.create(point=point, position=position, text="Reactie.")
    if sent:
        AdviceResponse.objects.create(advice=created, sent_on=sent)
    return created


def page(jaar=None, host=HOST):
    response = Client().get("/cijfers/", {"jaar": jaar} if jaar else {}, HTTP_HOST=host)
    return response


def row(html, label):
    """The value cell of the year table's row with this label."""
    match = re.search(
        rf'<th scope="row"[^>]*>{re.escape(label)}</th>\s*<td[^>]*>([^<]*)</td>', html
    )
    assert match, label
    return match.group(1)


# Moties


def test_each_motion_figure_counts_the_adopted_moties_of_the_year_of_the_vote(town):
    completed(town, 30)  # on time
    completed(town, 90, deadline=datetime.date(2026, 5, 1))  # after its deadline
    completed(town, 180, deadline=None, deadline_unknown_reason="Niet toegezegd")
    motion(town, in_progress=True, deadline=datetime.date(2026, 6, 30))  # overdue now
    motion(town, adopted=True)  # deadline 31 December: not overdue
    figures = compute(town.municipality).year(2026).motions
    assert figures.adopted == 5
    assert figures.completed == 3
    assert figures.completed_on_time == 1  # not the late one, nor the one without deadline
    assert figures.overdue == 1
    assert figures.median_days_to_completion == 90


def test_completion_on_the_deadline_itself_is_on_time(town):
    completed(town, 30, deadline=datetime.date(2026, 4, 11))
    assert compute(town.municipality).year(2026).motions.completed_on_time == 1


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two(town, sites):
    completed(town, 30)
    completed(town, 91)
    figures = compute(town.municipality).year(2026).motions
    assert figures.median_days_to_completion == 60.5
    assert row(page().text, "Mediaan dagen tot afdoening") == "60,5"


def test_with_nothing_completed_the_median_is_a_dash(town, sites):
    motion(town, in_progress=True)
    assert compute(town.municipality).year(2026).motions.median_days_to_completion is None
    html = page().text
    assert row(html, "Mediaan dagen tot afdoening") == "—"
    assert row(html, "Aangenomen moties") == "1"


def test_unpublished_withdrawn_rejected_and_unadopted_moties_are_not_counted(town):
    completed(town, 30, published=False)
    motion(town, withdrawn=True, vote=None)
    motion(town, rejected=True)
    motion(town, held=True)
    motion(town, vote=None)  # submitted, not voted on
    figures = compute(town.municipality).year(2026).motions
    assert figures.adopted == figures.completed == 0


def test_a_motie_counts_in_the_year_of_its_vote(town):
    completed(town, 45, vote=datetime.date(2025, 12, 18))
    figures = compute(town.municipality)
    assert figures.year(2025).motions.adopted == 1
    assert figures.year(2025).motions.median_days_to_completion == 45
    assert figures.year(2026).motions.adopted == 0
    assert figures.years_with_data == [2025]


def test_an_imported_motie_without_a_date_of_the_vote_counts_by_its_meeting(town):
    motion(town, adopted=True, vote=None)
    assert compute(town.municipality).year(town.meeting.date.year).motions.adopted == 1


def test_overdue_is_the_dashboards_rule(town):
    from motions.models import Motion

    motion(town, in_progress=True, deadline=datetime.date(2026, 6, 30))
    motion(town, completion_proposed=True, deadline=datetime.date(2026, 11, 29))
    motion(town, adopted=True, deadline=datetime.date(2026, 11, 30))  # due today: not yet
    completed(town, 200, deadline=datetime.date(2026, 5, 1))  # late, but no longer open
    assert compute(town.municipality).year(2026).motions.overdue == 2
    assert Motion.objects.overdue().count() == 2


def test_another_municipality_is_not_counted(town, other_town):
    completed(other_town, 30)
    advice(other_town, [Position.adopted], sent=datetime.date(2026, 11, 20))
    assert not compute(town.municipality).year(2026).has_data
    assert compute(other_town.municipality).year(2026).motions.completed == 1


# Adviezen


def test_each_advice_figure_counts_the_published_adviezen_of_the_year(town):
    positions = [Position.adopted, Position.adopted, Position.partly_adopted, Position.noted]
    advice(town, positions, sent=datetime.date(2026, 11, 20), due=datetime.date(2026, 12, 14))
    advice(
        town,
        [Position.not_adopted],
        sent=datetime.date(2026, 11, 25),
        due=datetime.date(2026, 11, 24),
    )  # one day late
    figures = compute(town.municipality).year(2026).advice
    assert (figures.advices, figures.points) == (2, 5)
    assert (figures.adopted, figures.partly_adopted, figures.not_adopted, figures.noted) == (
        2,
        1,
        1,
        1,
    )
    assert (figures.responses_sent, figures.responses_within_term) == (2, 1)


def test_a_response_sent_on_its_due_date_is_within_the_term(town):
    advice(
        town, [Position.adopted], sent=datetime.date(2026, 11, 24), due=datetime.date(2026, 11, 24)
    )
    assert compute(town.municipality).year(2026).advice.responses_within_term == 1


def test_adviezen_that_are_not_published_are_not_counted(town):
    for status in (AdviceStatus.draft, AdviceStatus.response_adopted, AdviceStatus.response_sent):
        advice(town, [Position.adopted], status=status, sent=datetime.date(2026, 11, 20))
    figures = compute(town.municipality).year(2026).advice
    assert figures.advices == figures.points == figures.responses_sent == 0


# Queries


@pytest.mark.usefixtures("without_public_cache")
def test_the_figures_take_four_queries_whatever_the_number_of_records(town, sites):
    def queries():
        with CaptureQueriesContext(connection) as computing:
            compute(town.municipality)
        FiguresSummary.objects.all().delete()  # the page computes them, as after a change
        with CaptureQueriesContext(connection) as serving:
            assert page().status_code == 200
        with CaptureQueriesContext(connection) as stored:
            assert page().status_code == 200
        assert len(stored) == len(serving) - 5  # four to compute, one to store
        return len(computing), len(serving)

    completed(town, 30)
    advice(town, [Position.adopted], sent=datetime.date(2026, 11, 20))
    page()  # the first request fills Wagtail's cache of site roots; count the next
    few = queries()
    for days in range(20):
        completed(town, days, vote=datetime.date(2025, 3, 12))
        motion(town, in_progress=True, deadline=datetime.date(2026, 6, 30))
    for _ in range(5):
        advice(town, [Position.adopted, Position.not_adopted], sent=datetime.date(2026, 11, 20))
    assert queries() == few
    assert few[0] == 4


# The stored summary


def test_the_figures_are_stored_and_read_back_while_nothing_public_changed(town, sites):
    completed(town, 30)
    completed(town, 31)
    advice(town, [Position.adopted, Position.noted], sent=datetime.date(2026, 11, 20))
    computed = compute(town.municipality)
    with CaptureQueriesContext(connection) as first:
        assert current(town.municipality).years == computed.years
    with CaptureQueriesContext(connection) as second:
        stored = current(town.municipality)
    assert len(first) > 4 and len(second) == 2  # the stamp, and the stored row
    assert stored.years == computed.years and stored.reference_date == TODAY
    assert stored.year(2026).motions.median_days_to_completion == 30.5
    assert FiguresSummary.objects.get().reference_date == TODAY


def test_a_public_change_computes_the_figures_again_even_for_an_old_municipality_object(
    town, sites
):
    completed(town, 30)
    loaded_before = type(town.municipality).objects.get(pk=town.municipality.pk)
    assert current(loaded_before).year(2026).motions.completed == 1
    # Publishing a motie is a public change (an hour later: the fixture froze the clock).
    with time_machine.travel(datetime.datetime(2026, 11, 30, 13, 0, tzinfo=datetime.UTC)):
        completed(town, 40)
    figures = current(loaded_before)
    assert figures.year(2026).motions.completed == 2
    assert figures.year(2026).motions.median_days_to_completion == 35


def test_the_next_day_computes_the_figures_again(town, sites):
    # Due on 1 December: not overdue on the 30th of November, overdue on the 2nd.
    motion(town, in_progress=True, deadline=datetime.date(2026, 12, 1))
    assert current(town.municipality).year(2026).motions.overdue == 0
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, 0, tzinfo=datetime.UTC)):
        figures = current(town.municipality)
    assert figures.year(2026).motions.overdue == 1
    assert figures.reference_date == datetime.date(2026, 12, 2)


def test_the_api_and_the_csv_read_the_same_stored_figures(town, sites):
    completed(town, 30)
    current(town.municipality)
    FiguresSummary.objects.update(years=[])  # what is stored is what is served
    assert yearly_figures(town.municipality)["years"] == []
    assert yearly_figures(town.municipality, today=TODAY)["years"] != []


# The year asked for


def test_the_current_year_is_the_default_and_other_years_with_data_are_linked(town, sites):
    completed(town, 31, vote=datetime.date(2024, 5, 1))
    html = page().text
    assert "Cijfers 2026 van Dijkhoven" in html
    assert 'href="/cijfers/?jaar=2024"' in html
    assert "Over 2026 is niets gepubliceerd" in html
    earlier = page("2024").text
    assert row(earlier, "Afgedaan") == "1"
    assert 'href="/cijfers/?jaar=2026"' in earlier and 'href="/cijfers/?jaar=2024"' not in earlier


@pytest.mark.parametrize(
    ("jaar", "message"),
    [
        ("twintig", "“twintig” is geen jaar. Geef een jaar van vier cijfers, zoals 2026."),
        ("20266", "“20266” is geen jaar. Geef een jaar van vier cijfers, zoals 2026."),
        ("٢٠٢٦", "“٢٠٢٦” is geen jaar. Geef een jaar van vier cijfers, zoals 2026."),
        ("0000", "“0000” is geen jaar. Geef een jaar van vier cijfers, zoals 2026."),
        ("2027", "2027 is nog niet begonnen: daarover zijn geen cijfers."),
    ],
)
def test_a_wrong_year_gets_a_dutch_message(town, sites, jaar, message):
    response = page(jaar)
    assert response.status_code == 400
    assert message in response.text
    csv_response = Client().get("/cijfers/cijfers.csv", {"jaar": jaar}, HTTP_HOST=HOST)
    assert csv_response.status_code == 400 and message in csv_response.text


def test_an_unknown_host_is_not_found(town, sites):
    assert page(host="elders.example").status_code == 404


def test_each_host_shows_its_own_municipality(town, other_town, sites):
    completed(other_town, 30)
    assert row(page(host="lindeburg.example").text, "Afgedaan") == "1"
    assert row(page().text, "Afgedaan") == "0"


# CSV


def csv_rows(jaar=None):
    response = Client().get("/cijfers/cijfers.csv", {"jaar": jaar} if jaar else {}, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response, list(csv.reader(io.StringIO(response.getvalue().decode())))


def test_the_csv_holds_the_same_figures_with_dutch_headings(town, sites):
    completed(town, 30)
    completed(town, 91)
    completed(town, 30, vote=datetime.date(2025, 3, 12), deadline=datetime.date(2025, 12, 31))
    response, rows = csv_rows("2026")
    assert response["Content-Disposition"] == 'attachment; filename="cijfers-dijkhoven-2026.csv"'
    assert rows[0][:8] == [
        "Gemeente",
        "Jaar",
        "Peildatum",
        "Aangenomen moties",
        "Afgedaan",
        "Op tijd afgedaan",
        "Nu over de termijn",
        "Mediaan dagen tot afdoening",
    ]
    assert rows[0][-2:] == ["Reacties verzonden", "Reacties binnen de termijn"]
    assert rows[1][:8] == ["Dijkhoven", "2026", "30-11-2026", "2", "2", "2", "0", "60.5"]
    assert len(rows) == 2
    _response, every_year = csv_rows()
    assert [r[1] for r in every_year[1:]] == ["2025", "2026"]


def test_the_csv_leaves_the_median_empty_when_nothing_was_completed(town, sites):
    motion(town, adopted=True)
    _response, rows = csv_rows("2026")
    assert rows[1][3] == "1" and rows[1][7] == ""


def test_a_name_that_looks_like_a_formula_is_guarded_in_the_csv(town, sites):
    town.municipality.name = "=HYPERLINK(1)"
    town.municipality.save()
    _response, rows = csv_rows("2026")
    assert rows[1][0] == "'=HYPERLINK(1)"


# JSON for the API


def test_yearly_figures_are_json_ready_and_the_same_as_the_page(town, sites):
    completed(town, 30)
    advice(town, [Position.partly_adopted], sent=datetime.date(2026, 11, 20))
    data = yearly_figures(town.municipality, 2026)
    assert json.loads(json.dumps(data)) == data
    assert data["reference_date"] == "2026-11-30" and data["tooi_code"] == "gm9901"
    (year,) = data["years"]
    assert year["year"] == 2026
    assert year["motions"]["completed_on_time"] == 1
    assert year["motions"]["median_days_to_completion"] == 30
    assert year["advice"]["partly_adopted"] == 1
    assert [y["year"] for y in yearly_figures(town.municipality)["years"]] == [2026]


# Accessible charts and tables


def test_a_chart_is_an_image_named_and_described_with_every_number():
    svg = str(bar_chart("c", "Moties <2026>", [Bar("Aangenomen", 12), Bar("Afgedaan", 0)]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Moties &lt;2026&gt;</title>' in svg
    assert '<desc id="c-desc">Aangenomen: 12; Afgedaan: 0</desc>' in svg
    assert ">Aangenomen</text>" in svg and ">12</text>" in svg and ">0</text>" in svg
    assert "style" not in svg


def test_the_page_has_charts_tables_and_definitions_without_style_attributes(town, sites):
    completed(town, 30)
    html = page().text
    assert html.count('role="img"') == 3
    for chart in ("chart-motions", "chart-points", "chart-responses"):
        assert f'<title id="{chart}-title">' in html and f'<desc id="{chart}-desc">' in html
    assert "Aangenomen moties: 1; Afgedaan: 1; Op tijd afgedaan: 1; Nu over de termijn: 0" in html
    assert '<caption class="utrecht-table__caption">Moties aangenomen in 2026</caption>' in html
    assert html.count('scope="col"') >= 4 and 'scope="row"' in html
    assert "tellen alleen wat op deze site is gepubliceerd" in html
    assert "Hoe we tellen" in html
    assert " style=" not in html
