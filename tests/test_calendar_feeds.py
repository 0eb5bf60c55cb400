"""iCalendar feeds: the public one shows published deadlines only; private ones need
the user's current token and a role that reaches the portfolio or adviesraad."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar
from wagtail.models import Page, Site

from governance.calendars import renew_token, token_for
from motions.publication import set_published
from tests.admin_helpers import client_for
from tests.factories import AdviceRequestFactory, MotionFactory

DEADLINE = datetime.date(2026, 12, 15)


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


def motion(town, title, **kwargs):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title=title,
        deadline=DEADLINE,
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
