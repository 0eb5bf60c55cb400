"""The organisation in the admin: the griffie keeps its own municipality's records,
nobody reaches another municipality's, and only the administrator keeps roles."""

import pytest
from django.urls import reverse

from governance.models import Meeting, Party, Person, Portfolio
from tests.admin_helpers import client_for, is_refused
from tests.factories import PersonFactory, UserFactory

RECORDS = {
    "meeting": lambda town: town.meeting,
    "party": lambda town: town.party,
    "person": lambda town: town.person,
    "portfolio": lambda town: town.portfolio,
}
ACTORS = ["griffie", "staff", "advisory_member", "other_griffie"]


def actor(name, town, other_town):
    return other_town.griffie if name == "other_griffie" else getattr(town, name)


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_edit_page_of_a_record_by_direct_url(town, other_town, kind, who):
    record = RECORDS[kind](town)
    response = client_for(actor(who, town, other_town)).get(
        reverse(f"{kind}:edit", args=[record.pk])
    )
    if who == "griffie":
        assert response.status_code == 200
    else:
        assert is_refused(response)


@pytest.mark.parametrize("who", ACTORS)
@pytest.mark.parametrize("kind", sorted(RECORDS))
def test_index_lists_only_own_records(town, other_town, kind, who):
    own, other = RECORDS[kind](town), RECORDS[kind](other_town)
    response = client_for(actor(who, town, other_town)).get(reverse(f"{kind}:index"))
    if who in ("griffie", "other_griffie"):
        visible = town if who == "griffie" else other_town
        assert response.status_code == 200
        shown = {o.pk for o in response.context["object_list"]}
        assert RECORDS[kind](visible).pk in shown
        assert (other if visible is town else own).pk not in shown
    else:
        assert is_refused(response)


def test_griffie_renames_a_party_of_its_own_municipality(town):
    response = client_for(town.griffie).post(
        reverse("party:edit", args=[town.party.pk]),
        {"municipality": town.municipality.pk, "name": "Nieuwe Naam", "abbreviation": "NN"},
    )
    assert response.status_code == 302
    town.party.refresh_from_db()
    assert town.party.name == "Nieuwe Naam"


def test_griffie_cannot_move_a_record_to_another_municipality(town, other_town):
    response = client_for(town.griffie).post(
        reverse("party:edit", args=[town.party.pk]),
        {"municipality": other_town.municipality.pk, "name": "Weg", "abbreviation": "W"},
    )
    # Their only municipality is not asked: the posted one is ignored, never stored.
    assert response.status_code == 302
    town.party.refresh_from_db()
    assert town.party.municipality == town.municipality


def test_a_portfolio_holder_must_be_alderman_or_mayor(town):
    councillor = PersonFactory(municipality=town.municipality)
    response = client_for(town.griffie).post(
        reverse("portfolio:add"),
        {"municipality": town.municipality.pk, "name": "Cultuur", "holder": councillor.pk},
    )
    assert response.status_code == 200
    assert not Portfolio.objects.filter(name="Cultuur").exists()


def test_a_duplicate_party_name_is_refused_in_dutch(town):
    response = client_for(town.griffie).post(
        reverse("party:add"),
        {"municipality": town.municipality.pk, "name": town.party.name, "abbreviation": "X"},
    )
    assert "Deze gemeente heeft al een fractie met deze naam." in response.text
    assert Party.objects.filter(name=town.party.name).count() == 1


def test_deleting_a_party_that_people_belong_to_is_refused_and_loses_nothing(town):
    response = client_for(town.griffie).post(
        reverse("party:delete", args=[town.party.pk]), follow=True
    )
    assert response.status_code == 200
    assert Party.objects.filter(pk=town.party.pk).exists()
    assert Person.objects.filter(pk=town.person.pk, party=town.party).exists()
    assert "kan niet worden verwijderd" in response.text


def test_deleting_an_unused_meeting_works(town):
    spare = Meeting.objects.create(municipality=town.municipality, date="2026-06-01")
    response = client_for(town.griffie).post(reverse("meeting:delete", args=[spare.pk]))
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=spare.pk).exists()


@pytest.mark.parametrize("kind", ["role", "municipality", "advisory_council"])
@pytest.mark.parametrize("who", ACTORS)
def test_installation_records_are_for_the_administrator_only(town, other_town, kind, who):
    response = client_for(actor(who, town, other_town)).get(reverse(f"{kind}:index"))
    assert is_refused(response)
    admin = UserFactory(username="beheer", is_superuser=True)
    assert client_for(admin).get(reverse(f"{kind}:index")).status_code == 200


def test_deleting_a_meeting_with_moties_is_refused_and_loses_nothing(town):
    from tests.factories import MotionFactory

    motion = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    response = client_for(town.griffie).post(
        reverse("meeting:delete", args=[town.meeting.pk]), follow=True
    )
    assert "kan niet worden verwijderd: andere gegevens verwijzen ernaar." in response.text
    assert Meeting.objects.filter(pk=town.meeting.pk).exists()
    motion.refresh_from_db()
