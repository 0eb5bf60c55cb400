"""Choices that follow from the role: a municipality or adviesraad with one possible
value for the user is set and not asked, and a posted value for it is ignored; users
with several possible values still choose. 'Gevraagd' follows from the adviesaanvraag."""

import pytest
from django.urls import reverse

from advice.models import Advice, AdviceRequest
from governance.constants import RoleKind
from motions.models import Motion
from tests.admin_helpers import client_for, motion_form_data
from tests.factories import AdviceRequestFactory, RoleFactory
from tests.test_advice_requests import request_data


def advice_data(**overrides) -> dict:
    """A POST of the advies add form with only what the adviesraad member is asked."""
    data = {
        "request": "",
        "reference": "ASD-2026-09",
        "date": "2026-11-20",
        "subject": "Advies over de Wmo",
        "portfolio": "",
        "text": "",
        "points-TOTAL_FORMS": "0",
        "points-INITIAL_FORMS": "0",
        "points-MIN_NUM_FORMS": "0",
        "points-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def form_of(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return response.context["form"], response.text


def hidden(form, name) -> bool:
    return form[name].is_hidden and form.fields[name].disabled


# Adviesraad member of one adviesraad that serves one municipality.


def test_an_adviesraad_member_does_not_choose_municipality_or_adviesraad(town):
    form, page = form_of(client_for(town.advisory_member), "advice:add")
    assert hidden(form, "municipality") and hidden(form, "advisory_council")
    assert 'name="municipality"' not in page and 'name="advisory_council"' not in page
    assert 'name="solicited"' not in page  # no pre-ticked "Gevraagd"


def test_the_advice_of_a_member_gets_their_municipality_and_adviesraad(town):
    response = client_for(town.advisory_member).post(reverse("advice:add"), advice_data())
    assert response.status_code == 302
    advice = Advice.objects.get(subject="Advies over de Wmo")
    assert advice.municipality == town.municipality
    assert advice.advisory_council == town.advisory_council
    assert advice.solicited is False


def test_a_posted_municipality_and_adviesraad_of_another_town_are_ignored(town, other_town):
    data = advice_data(
        municipality=other_town.municipality.pk, advisory_council=other_town.advisory_council.pk
    )
    response = client_for(town.advisory_member).post(reverse("advice:add"), data)
    assert response.status_code == 302
    advice = Advice.objects.get(subject="Advies over de Wmo")
    assert (advice.municipality, advice.advisory_council) == (
        town.municipality,
        town.advisory_council,
    )
    assert not Advice.objects.filter(municipality=other_town.municipality).exists()


def test_gevraagd_follows_from_the_chosen_adviesaanvraag(town):
    advice_request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    client = client_for(town.advisory_member)
    client.post(reverse("advice:add"), advice_data(request=advice_request.pk))
    assert Advice.objects.get(subject="Advies over de Wmo").solicited is True
    # A ticked box that is no longer on the form makes no advice solicited.
    client.post(reverse("advice:add"), advice_data(subject="Ongevraagd", solicited="on"))
    assert Advice.objects.get(subject="Ongevraagd").solicited is False


def test_editing_without_the_adviesaanvraag_makes_the_advice_unsolicited(town):
    advice_request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    client = client_for(town.advisory_member)
    client.post(reverse("advice:add"), advice_data(request=advice_request.pk))
    advice = Advice.objects.get(subject="Advies over de Wmo")
    response = client.post(reverse("advice:edit", args=[advice.pk]), advice_data())
    assert response.status_code == 302
    advice.refresh_from_db()
    assert (advice.request, advice.solicited) == (None, False)
    assert advice.municipality == town.municipality


def test_a_member_whose_adviesraad_serves_two_municipalities_chooses_the_municipality(
    town, other_town
):
    town.advisory_council.municipalities.add(other_town.municipality)
    form, _page = form_of(client_for(town.advisory_member), "advice:add")
    assert hidden(form, "advisory_council")
    assert not form["municipality"].is_hidden
    assert set(form.fields["municipality"].queryset) == {town.municipality, other_town.municipality}
    response = client_for(town.advisory_member).post(
        reverse("advice:add"), advice_data(municipality=other_town.municipality.pk)
    )
    assert response.status_code == 302
    advice = Advice.objects.get(subject="Advies over de Wmo")
    assert (advice.municipality, advice.advisory_council) == (
        other_town.municipality,
        town.advisory_council,
    )


def test_a_member_of_two_adviesraden_chooses_the_adviesraad(town, other_town):
    RoleFactory(
        user=town.advisory_member,
        kind=RoleKind.advisory_member,
        municipality=None,
        advisory_council=other_town.advisory_council,
    )
    form, _page = form_of(client_for(town.advisory_member), "advice:add")
    assert not form["advisory_council"].is_hidden and not form["municipality"].is_hidden


# College staff, registering an adviesaanvraag.


def test_college_staff_do_not_choose_their_municipality_or_its_only_adviesraad(town, other_town):
    client = client_for(town.staff)
    form, _page = form_of(client, "advice_request:add")
    assert hidden(form, "municipality") and hidden(form, "advisory_council")
    assert not form["portfolio"].is_hidden
    data = request_data(
        town,
        subject="Nieuwe aanvraag",
        municipality=other_town.municipality.pk,
        advisory_council=other_town.advisory_council.pk,
    )
    assert client.post(reverse("advice_request:add"), data).status_code == 302
    saved = AdviceRequest.objects.get(subject="Nieuwe aanvraag")
    assert (saved.municipality, saved.advisory_council) == (
        town.municipality,
        town.advisory_council,
    )


# The griffie, registering a motie.


def test_the_griffie_of_one_municipality_does_not_choose_it(town, other_town):
    client = client_for(town.griffie)
    form, page = form_of(client, "motion:add")
    assert hidden(form, "municipality")
    assert 'name="municipality"' not in page
    data = motion_form_data(town, municipality=other_town.municipality.pk)
    assert client.post(reverse("motion:add"), data).status_code == 302
    assert Motion.objects.get(number="M2026-100").municipality == town.municipality


def test_a_hidden_municipality_stays_on_edit(town, other_town):
    client = client_for(town.griffie)
    client.post(reverse("motion:add"), motion_form_data(town))
    motion = Motion.objects.get(number="M2026-100")
    form = client.get(reverse("motion:edit", args=[motion.pk])).context["form"]
    assert hidden(form, "municipality")


# A user with two municipalities still chooses; another's id is refused.


@pytest.fixture
def two_towns_griffie(town, other_town):
    RoleFactory(user=town.griffie, kind=RoleKind.griffie, municipality=other_town.municipality)
    return town.griffie


def test_a_griffie_of_two_municipalities_chooses(town, other_town, two_towns_griffie):
    client = client_for(two_towns_griffie)
    form, page = form_of(client, "motion:add")
    assert not form["municipality"].is_hidden and not form.fields["municipality"].disabled
    assert 'name="municipality"' in page
    data = motion_form_data(
        other_town,
        municipality=other_town.municipality.pk,
        number="M2026-200",
    )
    assert client.post(reverse("motion:add"), data).status_code == 302
    assert Motion.objects.get(number="M2026-200").municipality == other_town.municipality


def test_a_municipality_outside_the_users_roles_is_refused_with_a_dutch_message(
    town, two_towns_griffie
):
    from tests.factories import MunicipalityFactory

    third = MunicipalityFactory(name="Elders", tooi_code="gm9903")
    client = client_for(two_towns_griffie)
    response = client.post(reverse("motion:add"), motion_form_data(town, municipality=third.pk))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.text
    assert not Motion.objects.filter(number="M2026-100").exists()
