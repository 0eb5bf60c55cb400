"""Toezeggingen on the public site and wherever deadlines are watched: only published
ones on every public surface; the dashboard, reminders and private calendars know them."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.models import Page, Site

from commitments.pages import CommitmentIndexPage
from commitments.publication import set_published
from governance.calendars import calendar_items
from governance.pages import HomePage
from governance.reminders import send_reminders
from governance.watchlist import watch_items
from tests.factories import CommitmentFactory
from tests.test_public_motions import status_badges


@pytest.fixture
def site(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        home = root.add_child(instance=HomePage(title=f"Raadsvolg {host}", slug=host[:9]))
        home.add_child(instance=CommitmentIndexPage(title="Toezeggingen", slug="toezeggingen"))
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=home, is_default_site=town_ is town
        )
        town_.municipality.save()


def get(path, host="dijkhoven.example"):
    return Client().get(path, HTTP_HOST=host)


def commitment(town, title, **kwargs):
    kwargs.setdefault("deadline", datetime.date(2026, 12, 15))
    kwargs.setdefault("meeting", town.meeting)
    kwargs.setdefault("portfolio", town.portfolio)
    return CommitmentFactory(municipality=town.municipality, title=title, **kwargs)


def test_only_published_commitments_show_and_a_withdrawn_one_disappears(town, site):
    shown, hidden = commitment(town, "Openbare belofte"), commitment(town, "Nog niet openbaar")
    set_published(shown, town.griffie, True)
    index = get("/toezeggingen/").text
    assert "Openbare belofte" in index and "Nog niet openbaar" not in index
    assert get(f"/toezeggingen/{shown.number}/").status_code == 200
    assert get(f"/toezeggingen/{hidden.number}/").status_code == 404
    set_published(shown, town.griffie, False)
    assert "Openbare belofte" not in get("/toezeggingen/").text
    assert get(f"/toezeggingen/{shown.number}/").status_code == 404


def test_the_page_shows_the_promise_its_progress_and_history(town, site):
    shown = commitment(town, "Brief over wachttijden", progress="De brief is bijna klaar.")
    set_published(shown, town.griffie, True)
    page = get(f"/toezeggingen/{shown.number}/").text
    assert shown.text in page
    assert "De brief is bijna klaar." in page
    assert town.portfolio.holder.name in page
    assert "Status" in page and "Open" in page


def test_another_municipalitys_commitments_stay_on_its_own_site(town, other_town, site):
    elsewhere = commitment(other_town, "Lindeburgse belofte")
    set_published(elsewhere, other_town.griffie, True)
    assert "Lindeburgse belofte" not in get("/toezeggingen/").text
    assert get(f"/toezeggingen/{elsewhere.number}/").status_code == 404
    assert "Lindeburgse belofte" in get("/toezeggingen/", host="lindeburg.example").text


def test_the_filters_select_by_status_portfolio_and_year(town, site):
    from tests.factories import MeetingFactory

    old = MeetingFactory(municipality=town.municipality, date=datetime.date(2025, 6, 1))
    first = commitment(town, "Eerste belofte", meeting=old)
    second = commitment(town, "Tweede belofte", completed=True, portfolio=town.other_portfolio)
    for item in (first, second):
        set_published(item, town.griffie, True)

    def shown(query):
        text = get("/toezeggingen/" + query).text
        return {title for title in ("Eerste belofte", "Tweede belofte") if title in text}

    assert shown("?status=completed") == {"Tweede belofte"}
    assert shown(f"?portfolio={town.portfolio.pk}") == {"Eerste belofte"}
    assert shown("?year=2025") == {"Eerste belofte"}
    assert shown("") == {"Eerste belofte", "Tweede belofte"}


def test_the_status_is_written_out_not_only_coloured(town, site):
    late = commitment(town, "Te late belofte", deadline=datetime.date(2026, 4, 30))
    set_published(late, town.griffie, True)
    assert status_badges(get("/toezeggingen/").text) == [("active", "Open"), ("danger", "te laat")]


@pytest.mark.parametrize(
    "query",
    [
        "?status=onzin",
        "?portfolio=abc",
        "?year=%3Cscript%3Ealert(1)%3C/script%3E",
        "?pagina=-3",
        "?status=" + "x" * 3000,
    ],
)
def test_odd_filter_input_answers_with_a_page_and_echoes_no_markup(town, site, query):
    response = get("/toezeggingen/" + query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.usefixtures("without_public_cache")
def test_the_index_query_count_is_the_same_at_5_and_at_50(town, site):
    for n in range(5):
        set_published(commitment(town, f"Belofte {n}"), town.griffie, True)
    get("/toezeggingen/")
    with CaptureQueriesContext(connection) as few:
        get("/toezeggingen/")
    for n in range(5, 50):
        set_published(commitment(town, f"Belofte {n}"), town.griffie, True)
    with CaptureQueriesContext(connection) as many:
        get("/toezeggingen/")
    assert len(many) == len(few)


def test_the_feed_and_the_sitemap_show_only_published_commitments(town, site):
    shown, hidden = commitment(town, "Openbare belofte"), commitment(town, "Nog niet openbaar")
    set_published(shown, town.griffie, True)
    feed, atom = get("/toezeggingen/feed/").text, get("/toezeggingen/feed/atom/").text
    sitemap = get("/sitemap-toezeggingen.xml").text
    assert "Openbare belofte" in feed and "Nog niet openbaar" not in feed
    assert "Openbare belofte" in atom and "Nog niet openbaar" not in atom
    assert "Toezeggingen van Dijkhoven" in feed
    assert f"/toezeggingen/{shown.number}/" in sitemap
    assert f"/toezeggingen/{hidden.number}/" not in sitemap
    set_published(shown, town.griffie, False)
    assert "Openbare belofte" not in get("/toezeggingen/feed/").text
    assert f"/toezeggingen/{shown.number}/" not in get("/sitemap-toezeggingen.xml").text


def test_search_finds_only_published_commitments(town, other_town, site):
    shown = commitment(town, "Wachttijden schuldhulp", text="Brief over de wachttijden.")
    commitment(town, "Wachttijden jeugdzorg", text="Nog geheim: de wachttijden.")
    elsewhere = commitment(other_town, "Wachttijden Lindeburg", text="De wachttijden.")
    set_published(shown, town.griffie, True)
    set_published(elsewhere, other_town.griffie, True)
    response = get("/zoeken/?q=wachttijden")
    assert "Wachttijden schuldhulp" in response.text
    assert f"/toezeggingen/{shown.number}/" in response.text
    assert "Wachttijden jeugdzorg" not in response.text
    assert "Wachttijden Lindeburg" not in response.text
    set_published(shown, town.griffie, False)
    assert "Wachttijden schuldhulp" not in get("/zoeken/?q=wachttijden").text


def ics_summaries(response):
    assert response.status_code == 200
    return [str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")]


@time_machine.travel(datetime.date(2026, 12, 10), tick=False)  # the feeds cover a window
def test_the_public_calendar_shows_only_published_open_commitments(town, site):
    shown, hidden = commitment(town, "Openbare belofte"), commitment(town, "Nog niet openbaar")
    done = commitment(town, "Afgedane belofte", completed=True)
    for item in (shown, done):
        set_published(item, town.griffie, True)
    summaries = " ".join(ics_summaries(get("/termijnen.ics")))
    assert "Toezegging: " in summaries and "Openbare belofte" in summaries
    assert "Nog niet openbaar" not in summaries and "Afgedane belofte" not in summaries
    set_published(shown, town.griffie, False)
    assert "Openbare belofte" not in " ".join(ics_summaries(get("/termijnen.ics")))
    assert hidden.title not in " ".join(ics_summaries(get("/termijnen.ics")))


@time_machine.travel(datetime.date(2026, 12, 10), tick=False)
def test_the_portfolio_calendar_has_its_commitments(town):
    mine = commitment(town, "Van deze portefeuille")
    commitment(town, "Van een andere", portfolio=town.other_portfolio)
    titles = [item.title for item in calendar_items(portfolio=town.portfolio)]
    assert titles == [f"{mine.number} Van deze portefeuille"]


def test_the_dashboard_shows_commitments_within_the_users_reach(town, other_town):
    today = datetime.date(2026, 12, 10)
    commitment(town, "Bijna", deadline=datetime.date(2026, 12, 15))
    commitment(town, "Andere portefeuille", portfolio=town.other_portfolio)
    commitment(town, "Afgedaan", completed=True)
    commitment(other_town, "Elders")

    def titles(user):
        return {item.title.split(" ", 1)[1] for item in watch_items(user, today)}

    assert titles(town.griffie) == {"Bijna", "Andere portefeuille"}
    assert titles(town.staff) == {"Bijna"}
    assert titles(other_town.griffie) == {"Elders"}
    assert titles(town.advisory_member) == set()


def test_staff_of_the_portfolio_are_reminded_of_a_commitment(town, other_town):
    town.staff.email = "staf@dijkhoven.example"
    town.staff.save()
    town.staff_other_portfolio.email = "staf2@dijkhoven.example"
    town.staff_other_portfolio.save()
    town.municipality.digest_weekday = 4  # not the day below: reminders only
    town.municipality.save()
    item = commitment(town, "Brief wachttijden", deadline=datetime.date(2026, 12, 15))
    send_reminders(datetime.date(2026, 12, 8))
    assert [m.to for m in mail.outbox] == [["staf@dijkhoven.example"]]
    assert item.number in mail.outbox[0].body


def test_the_griffies_weekly_digest_lists_overdue_commitments(town, other_town):
    town.griffie.email = "griffie@dijkhoven.example"
    town.griffie.save()
    town.municipality.digest_weekday = 0  # Monday
    town.municipality.save()
    commitment(town, "Te late belofte", deadline=datetime.date(2026, 11, 2))
    commitment(town, "Afgedane belofte", deadline=datetime.date(2026, 11, 2), completed=True)
    commitment(other_town, "Lindeburgse belofte", deadline=datetime.date(2026, 11, 2))
    send_reminders(datetime.date(2026, 11, 23))
    digest = [m for m in mail.outbox if m.to == ["griffie@dijkhoven.example"]]
    assert len(digest) == 1
    assert "Te late belofte" in digest[0].body
    assert "Afgedane belofte" not in digest[0].body
    assert "Lindeburgse belofte" not in digest[0].body


def test_the_public_history_shows_when_things_happened_not_when_they_were_typed_in(town, site):
    from commitments.lifecycle import apply_transition
    from tests.factories import MeetingFactory

    meeting = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 10, 8))
    shown = commitment(town, "Brief over wachttijden", meeting=meeting, completion_proposed=True)
    apply_transition(
        shown, town.griffie, "complete", reason="Raad akkoord.", on=datetime.date(2026, 11, 9)
    )
    set_published(shown, town.griffie, True)
    page = get(f"/toezeggingen/{shown.number}/").text
    assert '<time datetime="2026-10-08">8 oktober 2026</time>: Toegezegd' in page
    assert '<time datetime="2026-11-09">9 november 2026</time>: Afgedaan' in page
    assert "Raad akkoord." not in page
