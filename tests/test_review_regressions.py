"""Rules that an earlier review found could be slipped past; each must hold."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from governance.constants import RoleKind
from governance.models import Role
from motions.constants import MotionStatus
from motions.lifecycle import TransitionError, apply_transition
from motions.models import Motion
from tests.admin_helpers import client_for, edit_form_data, motion_form_data
from tests.factories import MotionFactory, PersonFactory, RoleFactory, UserFactory


def test_a_long_reason_is_kept_whole(town):
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    reason = "Ingetrokken na uitvoerig overleg met de indieners. " * 10
    apply_transition(motion, town.griffie, "withdraw", reason=reason)
    assert Motion.history.filter(id=motion.pk).first().history_change_reason == reason.strip()


def test_a_griffie_of_two_municipalities_cannot_mix_their_submitters(town, other_town):
    Role.objects.create(
        user=town.griffie, kind=RoleKind.griffie, municipality=other_town.municipality
    )
    data = motion_form_data(
        town, **{"submitters-0-person": other_town.person.pk, "submitters-0-party": ""}
    )
    response = client_for(town.griffie).post(reverse("motion:add"), data)
    assert response.status_code == 200
    assert "Dit hoort bij een andere gemeente." in response.text
    assert not Motion.objects.exists()


def test_a_party_of_another_municipality_is_refused_for_a_submitter(town, other_town):
    admin = UserFactory(username="beheer", is_superuser=True)
    data = motion_form_data(town, **{"submitters-0-party": other_town.party.pk})
    response = client_for(admin).post(reverse("motion:add"), data)
    assert "Dit hoort bij een andere gemeente." in response.text
    assert not Motion.objects.exists()


def test_a_staff_role_cannot_hold_portfolios_of_another_municipality(town, other_town):
    admin = UserFactory(username="beheer", is_superuser=True)
    user = UserFactory()
    response = client_for(admin).post(
        reverse("role:add"),
        {
            "user": user.pk,
            "kind": RoleKind.college_staff,
            "municipality": town.municipality.pk,
            "advisory_council": "",
            "portfolios": [other_town.portfolio.pk],
        },
    )
    assert response.status_code == 200
    assert "Deze portefeuilles horen bij een andere gemeente: Sociaal domein." in response.text
    assert not Role.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    ("step", "status", "on", "message"),
    [
        (
            "adopt",
            MotionStatus.submitted,
            datetime.date(1900, 1, 1),
            "De stemming kan niet vóór de vergadering (12-03-2026) liggen.",
        ),
        (
            "adopt",
            MotionStatus.submitted,
            datetime.date(2099, 1, 1),
            "De datum van de stemming kan niet in de toekomst liggen.",
        ),
        (
            "complete",
            MotionStatus.completion_proposed,
            datetime.date(2099, 12, 31),
            "De datum van afdoening kan niet in de toekomst liggen.",
        ),
        (
            "complete",
            MotionStatus.completion_proposed,
            datetime.date(2026, 1, 1),
            "De datum van afdoening kan niet vóór de stemming liggen.",
        ),
    ],
)
def test_lifecycle_dates_must_make_sense(town, step, status, on, message):
    traits = {} if status == MotionStatus.submitted else {status: True}
    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, **traits
    )
    with translation.override("nl"), pytest.raises(TransitionError) as refused:
        apply_transition(
            motion, town.griffie, step, reason="x", on=on, deadline=datetime.date(2099, 12, 31)
        )
    assert message in str(refused.value)
    assert Motion.objects.get(pk=motion.pk).status == status


def test_an_adopted_motion_keeps_its_portfolio(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        adopted=True,
    )
    data = edit_form_data(motion, town, portfolio="")
    response = client_for(town.griffie).post(reverse("motion:edit", args=[motion.pk]), data)
    assert "Een aangenomen motie heeft een portefeuille nodig." in response.text
    motion.refresh_from_db()
    assert motion.portfolio == town.portfolio


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url_name", ["motion:add", "portfolio:add"])
def test_forms_query_count_does_not_grow_with_people(town, url_name):
    client = client_for(town.griffie)
    url = reverse(url_name)
    client.get(url)
    few = _count(client, url)
    for _ in range(30):
        PersonFactory(municipality=town.municipality)
    assert _count(client, url) == few


def test_role_list_query_count_does_not_grow(town):
    admin = UserFactory(username="beheer", is_superuser=True)
    client = client_for(admin)
    url = reverse("role:index")
    client.get(url)
    few = _count(client, url)
    for _ in range(20):
        RoleFactory(municipality=town.municipality)
    assert _count(client, url) == few
