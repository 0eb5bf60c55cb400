"""Every role × action × municipality for moties, through the admin and by direct URL.

Allowed means the page answers or the change is made; refused means 404, 403 or a
redirect to the admin home, and nothing changes."""

import pytest
from django.urls import reverse

from motions.constants import MotionStatus
from motions.models import Motion
from tests.admin_helpers import client_for, edit_form_data, is_refused, motion_form_data
from tests.factories import MotionFactory, UserFactory

ACTORS = [
    "griffie",
    "staff",
    "staff_other_portfolio",
    "advisory_member",
    "other_griffie",
    "other_staff",
]
SEES = {"griffie", "staff"}
EDITS = {"griffie"}


def actor(name, town, other_town):
    if name.startswith("other_"):
        return getattr(other_town, name.removeprefix("other_"))
    return getattr(town, name)


@pytest.fixture
def motion(town, other_town):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        title="Zichtbaar alleen binnen Dijkhoven",
    )


@pytest.mark.parametrize("who", ACTORS)
def test_motion_list_shows_only_what_the_role_reaches(town, other_town, motion, who):
    response = client_for(actor(who, town, other_town)).get(reverse("motion:index"))
    if who == "advisory_member":
        assert is_refused(response)
        return
    assert response.status_code == 200
    assert (motion.title in response.text) is (who in SEES)


@pytest.mark.parametrize("view", ["inspect", "history"])
@pytest.mark.parametrize("who", ACTORS)
def test_motion_pages_by_direct_url(town, other_town, motion, who, view):
    response = client_for(actor(who, town, other_town)).get(
        reverse(f"motion:{view}", args=[motion.pk])
    )
    if who in SEES:
        assert response.status_code == 200
        assert motion.title in response.text
    else:
        assert is_refused(response)
        assert motion.title not in response.text


@pytest.mark.parametrize("who", ACTORS)
def test_edit_form_by_direct_url(town, other_town, motion, who):
    response = client_for(actor(who, town, other_town)).get(
        reverse("motion:edit", args=[motion.pk])
    )
    if who in EDITS:
        assert response.status_code == 200
    else:
        assert is_refused(response)


@pytest.mark.parametrize("who", ACTORS)
def test_edit_post_changes_only_for_the_griffie(town, other_town, motion, who):
    data = edit_form_data(motion, town, title="Gewijzigde titel")
    response = client_for(actor(who, town, other_town)).post(
        reverse("motion:edit", args=[motion.pk]), data
    )
    motion.refresh_from_db()
    if who in EDITS:
        assert response.status_code == 302, response.context and response.context["form"].errors
        assert motion.title == "Gewijzigde titel"
    else:
        assert is_refused(response)
        assert motion.title == "Zichtbaar alleen binnen Dijkhoven"


@pytest.mark.parametrize("who", ACTORS)
def test_add_is_for_the_griffie_of_that_municipality(town, other_town, who):
    response = client_for(actor(who, town, other_town)).post(
        reverse("motion:add"), motion_form_data(town)
    )
    created = Motion.objects.filter(number="M2026-100").exists()
    if who == "griffie":
        assert response.status_code == 302
        assert created
    elif who == "other_griffie":
        # Lindeburg's griffie may add moties, but not in Dijkhoven.
        assert response.status_code == 200
        assert "Selecteer een geldige keuze" in response.text
        assert not created
    else:
        assert is_refused(response)
        assert not created


@pytest.mark.parametrize("who", ACTORS)
def test_delete_of_a_submitted_motion_is_for_its_griffie(town, other_town, motion, who):
    response = client_for(actor(who, town, other_town)).post(
        reverse("motion:delete", args=[motion.pk])
    )
    exists = Motion.objects.filter(pk=motion.pk).exists()
    if who == "griffie":
        assert response.status_code == 302
        assert not exists
    else:
        assert is_refused(response)
        assert exists


def test_an_adopted_motion_cannot_be_deleted_even_by_its_griffie(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        adopted=True,
    )
    response = client_for(town.griffie).post(reverse("motion:delete", args=[motion.pk]))
    assert is_refused(response)
    assert Motion.objects.filter(pk=motion.pk).exists()


@pytest.mark.parametrize("who", ACTORS)
def test_recording_adoption_by_direct_url(town, other_town, motion, who):
    url = reverse("motion:transition", args=[motion.pk, "adopt"])
    client = client_for(actor(who, town, other_town))
    page = client.get(url)
    response = client.post(
        url, {"reason": "Aangenomen.", "deadline": "2026-12-31", "vote-unanimous": "on"}
    )
    motion.refresh_from_db()
    if who == "griffie":
        assert page.status_code == 200
        assert response.status_code == 302
        assert motion.status == MotionStatus.adopted
    else:
        assert page.status_code != 200
        assert motion.status == MotionStatus.submitted


@pytest.mark.parametrize("who", ACTORS)
def test_proposing_completion_by_direct_url(town, other_town, who):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        in_progress=True,
    )
    url = reverse("motion:transition", args=[motion.pk, "propose_completion"])
    data = {"reason": "Raadsvoorstel.", "route": "council_proposal", "reference": "RV 2026-41"}
    response = client_for(actor(who, town, other_town)).post(url, data)
    motion.refresh_from_db()
    if who in ("griffie", "staff"):
        assert response.status_code == 302
        assert motion.status == MotionStatus.completion_proposed
    else:
        assert motion.status == MotionStatus.in_progress


def test_a_refused_step_tells_why_in_dutch(town, motion):
    client = client_for(town.staff)
    url = reverse("motion:transition", args=[motion.pk, "adopt"])
    response = client.post(url, {"reason": "Aangenomen."}, follow=True)
    assert "Je hebt geen recht om deze stap voor deze motie te zetten." in response.text
    motion.refresh_from_db()
    assert motion.status == MotionStatus.submitted


def test_anonymous_users_are_sent_to_the_login(motion):
    for url in (reverse("motion:index"), reverse("motion:inspect", args=[motion.pk])):
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_a_user_without_a_role_has_no_admin(motion):
    response = client_for(UserFactory()).get(reverse("motion:index"))
    assert response.status_code == 403
    assert "Je hebt nog geen rol in Raadsvolg" in response.text
    assert motion.title not in response.text


def test_superuser_sees_every_municipality(town, other_town, motion):
    other = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
    )
    admin = UserFactory(username="beheer", is_superuser=True)
    response = client_for(admin).get(reverse("motion:index"))
    assert motion.title in response.text and other.title in response.text
