"""iCalendar feeds: the public one shows published deadlines only; private ones need
the user's current token and a role that reaches the portfolio or adviesraad."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page, Site

from commitments.publication import set_published as publish_commitment
from governance.calendars import months_back, renew_token, token_for
from motions.publication import set_published
from tests.admin_helpers import client_for
from tests.factories import AdviceRequestFactory, CommitmentFactory, MotionFactory

DEADLINE = datetime.date(2026, 12, 15)
TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(autouse=True)
def today():
    """The feeds cover a window around today: the dates above are read from this day."""
    with time_machine.travel(TODAY, tick=False):
        yield


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


@pytest.fixture
def sites(town, other_town):
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for town_, host in ((town, "dijkhoven.example"), (other_town, "lindeburg.example")):
        town_.municipality.site = Site.objects.create(
            hostname=host, port=80, root_page=root, is_default_site=town_ is town
        )
        town_.municipality.save()


def motion(town, title, deadline=DEADLINE, **kwargs):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title=title,
        deadline=deadline,
        in_progress=True,
        **kwargs,
    )


def public(host):
    return client_for(None).get(reverse("public_deadlines_ics"), HTTP_HOST=host)


def test_public_feed_shows_only_published_deadlines_of_its_municipality(town, other_town, sites):
    shown = motion(town, "Gepubliceerd")
    motion(town, "Concept")
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        title="Lindeburg",
        deadline=DEADLINE,
        in_progress=True,
    )
    set_published(shown, town.griffie, True)
    set_published(elsewhere, other_town.griffie, True)
    found = events(public("dijkhoven.example"))
    assert list(found) == [f"Motie: {shown.number} Gepubliceerd"]
    assert found[f"Motie: {shown.number} Gepubliceerd"] == DEADLINE
    assert list(events(public("lindeburg.example"))) == [f"Motie: {elsewhere.number} Lindeburg"]


def test_a_withdrawn_publication_disappears_from_the_public_feed(town, sites):
    shown = motion(town, "Even zichtbaar")
    set_published(shown, town.griffie, True)
    assert events(public("dijkhoven.example"))
    set_published(shown, town.griffie, False)
    assert events(public("dijkhoven.example")) == {}


def test_completed_moties_leave_the_feed(town, sites):
    done = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        completed=True,
        deadline=DEADLINE,
    )
    set_published(done, town.griffie, True)
    assert events(public("dijkhoven.example")) == {}


def portfolio_url(user, portfolio, token=None):
    token = token or token_for(user).token
    return reverse("portfolio_deadlines_ics", args=[token, portfolio.pk])


def test_a_private_portfolio_feed_with_the_users_token(town):
    motion(town, "Taalhuis")
    found = events(client_for(None).get(portfolio_url(town.staff, town.portfolio)))
    assert any("Taalhuis" in summary for summary in found)


@pytest.mark.parametrize("who", ["staff_other_portfolio", "advisory_member", "other_griffie"])
def test_a_token_without_a_role_for_the_portfolio_gives_404(town, other_town, who):
    motion(town, "Geheim")
    user = other_town.griffie if who == "other_griffie" else getattr(town, who)
    response = client_for(None).get(portfolio_url(user, town.portfolio))
    assert response.status_code == 404
    assert b"Geheim" not in response.content


def test_an_old_token_gives_404_after_renewal(town):
    motion(town, "Taalhuis")
    old = token_for(town.staff).token
    renew_token(town.staff)
    response = client_for(None).get(portfolio_url(town.staff, town.portfolio, token=old))
    assert response.status_code == 404
    assert events(client_for(None).get(portfolio_url(town.staff, town.portfolio)))


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "%3Cscript%3E"])
def test_an_unknown_token_gives_404(town, token):
    url = f"/kalender/{token}/portefeuille/{town.portfolio.pk}.ics"
    assert client_for(None).get(url).status_code == 404


def test_the_adviesraad_feed_for_its_members_only(town, other_town):
    AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject="Beleidsplan",
    )
    url = reverse(
        "advisory_council_deadlines_ics",
        args=[token_for(town.advisory_member).token, town.advisory_council.pk],
    )
    assert "Adviesaanvraag: Beleidsplan" in events(client_for(None).get(url))
    stranger = reverse(
        "advisory_council_deadlines_ics",
        args=[token_for(other_town.advisory_member).token, town.advisory_council.pk],
    )
    assert client_for(None).get(stranger).status_code == 404


def test_the_admin_page_lists_the_feeds_and_renews_the_token(town):
    client = client_for(town.staff)
    page = client.get(reverse("raadsvolg_calendar_feeds"))
    token = token_for(town.staff).token
    assert portfolio_url(town.staff, town.portfolio) in page.text
    assert town.other_portfolio.name not in page.text
    response = client.post(reverse("raadsvolg_calendar_feeds"), follow=True)
    assert "Je agenda-adressen zijn vernieuwd" in response.text
    assert token_for(town.staff).token != token


def test_a_griffie_sees_only_its_own_requests_in_a_regional_adviesraad_feed(town, other_town):
    regional = town.advisory_council
    regional.municipalities.add(other_town.municipality)
    AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=regional,
        portfolio=town.portfolio,
        subject="Van Dijkhoven",
    )
    AdviceRequestFactory(
        municipality=other_town.municipality,
        advisory_council=regional,
        portfolio=other_town.portfolio,
        subject="Van Lindeburg",
    )
    url = reverse(
        "advisory_council_deadlines_ics", args=[token_for(town.griffie).token, regional.pk]
    )
    found = events(client_for(None).get(url))
    assert "Adviesaanvraag: Van Dijkhoven" in found
    assert "Adviesaanvraag: Van Lindeburg" not in found
    member_url = reverse(
        "advisory_council_deadlines_ics", args=[token_for(town.advisory_member).token, regional.pk]
    )
    assert "Adviesaanvraag: Van Lindeburg" in events(client_for(None).get(member_url))


def test_a_token_with_odd_characters_gives_404(town):
    for token in ("%00", "a%2Fb", "%C3%A9"):
        url = f"/kalender/{token}/portefeuille/{town.portfolio.pk}.ics"
        assert client_for(None).get(url).status_code == 404


# The window: the past three months up to twelve months ahead, at most CALENDAR_SIZE
# events (the earliest first), filtered and cut in the database.

WINDOW = {
    "Vier maanden geleden": datetime.date(2026, 7, 24),
    "Drie maanden en een dag": datetime.date(2026, 8, 23),
    "Precies drie maanden": datetime.date(2026, 8, 24),
    "Twee maanden geleden": datetime.date(2026, 9, 24),
    "Over elf maanden": datetime.date(2027, 10, 24),
    "Precies twaalf maanden": datetime.date(2027, 11, 24),
    "Twaalf maanden en een dag": datetime.date(2027, 11, 25),
    "Over dertien maanden": datetime.date(2027, 12, 24),
    "Over vijf jaar": datetime.date(2031, 11, 24),
}
IN_WINDOW = {
    "Precies drie maanden",
    "Twee maanden geleden",
    "Over elf maanden",
    "Precies twaalf maanden",
}


def window_titles(found):
    return {summary.split(" ", 2)[2] for summary in found}


def test_the_public_feed_covers_three_months_back_up_to_twelve_ahead(town, sites):
    for title, deadline in WINDOW.items():
        set_published(motion(town, title, deadline=deadline), town.griffie, True)
    assert window_titles(events(public("dijkhoven.example"))) == IN_WINDOW


def commitment(town, title, deadline):
    return CommitmentFactory(
        municipality=town.municipality,
        portfolio=town.portfolio,
        title=title,
        deadline=deadline,
    )


@pytest.mark.usefixtures("without_public_cache")
def test_the_feeds_have_the_earliest_events_up_to_the_cap(town, sites):
    # Moties and toezeggingen interleaved: the cap applies to the merged feed, not per kind.
    days = [datetime.date(2026, 12, day) for day in range(1, 8)]
    for n, day in enumerate(days):
        if n % 2:
            publish_commitment(commitment(town, f"Dag {day.day}", day), town.griffie, True)
        else:
            set_published(motion(town, f"Dag {day.day}", deadline=day), town.griffie, True)
    with mock.patch("governance.calendars.CALENDAR_SIZE", 3):
        found = events(public("dijkhoven.example"))
        private = events(client_for(None).get(portfolio_url(town.staff, town.portfolio)))
    assert sorted(found.values()) == days[:3]
    assert sorted(private.values()) == days[:3]
    assert len(events(public("dijkhoven.example"))) == len(days)


def test_the_private_feeds_cover_the_same_window(town):
    for title, deadline in WINDOW.items():
        motion(town, title, deadline=deadline)
    found = events(client_for(None).get(portfolio_url(town.staff, town.portfolio)))
    assert window_titles(found) == IN_WINDOW
    AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject="Oude aanvraag",
        letter_date=datetime.date(2026, 5, 1),
        received_date=datetime.date(2026, 5, 1),
    )
    url = reverse(
        "advisory_council_deadlines_ics",
        args=[token_for(town.advisory_member).token, town.advisory_council.pk],
    )
    assert "Adviesaanvraag: Oude aanvraag" not in events(client_for(None).get(url))


def test_the_calendar_says_what_it_covers(town, sites):
    response = public("dijkhoven.example")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALDESC"]) == (
        "Openstaande termijnen van de afgelopen 3 maanden tot 12 maanden vooruit, "
        "hoogstens 500 (de vroegste eerst); andere termijnen staan niet in deze kalender."
    )


def test_the_site_and_the_admin_say_what_the_calendar_covers(town, sites):
    page = client_for(None).get("/zoeken/", HTTP_HOST="dijkhoven.example").text
    assert (
        "Termijnenkalender (iCalendar; de afgelopen 3 maanden tot 12 maanden vooruit, "
        "hoogstens 500)"
    ) in page
    admin = client_for(town.staff).get(reverse("raadsvolg_calendar_feeds")).text
    assert (
        "de openstaande termijnen van de afgelopen 3 maanden tot 12 maanden vooruit, "
        "hoogstens 500, de vroegste eerst; andere termijnen vind je in de lijsten"
    ) in admin


def feed_queries(url, **headers):
    with CaptureQueriesContext(connection) as queries:
        assert client_for(None).get(url, **headers).status_code == 200
    return len(queries)


@pytest.mark.usefixtures("without_public_cache")
def test_the_feeds_query_count_does_not_grow(town, sites):
    public_url = reverse("public_deadlines_ics")
    private_url = portfolio_url(town.staff, town.portfolio)
    feed_queries(public_url, HTTP_HOST="dijkhoven.example")  # caches filled
    few = feed_queries(public_url, HTTP_HOST="dijkhoven.example")
    few_private = feed_queries(private_url)
    for n in range(15):
        set_published(motion(town, f"Meer {n}"), town.griffie, True)
    assert feed_queries(public_url, HTTP_HOST="dijkhoven.example") == few
    assert feed_queries(private_url) == few_private
    with mock.patch("governance.calendars.CALENDAR_SIZE", 3):
        assert feed_queries(public_url, HTTP_HOST="dijkhoven.example") == few
        assert feed_queries(private_url) == few_private


@pytest.mark.parametrize(
    "day,expected",
    [
        (datetime.date(2026, 11, 24), datetime.date(2026, 8, 24)),
        (datetime.date(2026, 5, 31), datetime.date(2026, 2, 28)),
        (datetime.date(2027, 2, 15), datetime.date(2026, 11, 15)),
    ],
)
def test_three_months_back_is_the_same_day_or_the_months_last(day, expected):
    assert months_back(day, 3) == expected


def test_the_events_link_to_the_records_admin_page(town):
    """The URLs are built from one reverse() per kind; they are the records' own."""
    shown = motion(town, "Met link")
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        subject="Met link",
    )
    response = client_for(None).get(portfolio_url(town.staff, town.portfolio))
    urls = {str(e["url"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert urls == {
        base + reverse("motion:inspect", args=[shown.pk]),
        base + reverse("advice_request:inspect", args=[request.pk]),
    }
