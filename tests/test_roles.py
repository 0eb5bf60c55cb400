"""Roles are scoped, hold together, and are what lets a user into the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from governance.constants import RoleKind
from governance.models import Role
from governance.roles import scope_for
from tests.factories import AdvisoryCouncilFactory, MunicipalityFactory, UserFactory


def test_scope_collects_each_role(town, other_town):
    scope = scope_for(town.staff)
    assert scope.staff_portfolio_ids == {town.portfolio.pk}
    assert scope.griffie_municipality_ids == frozenset()
    assert scope_for(town.griffie).griffie_municipality_ids == {town.municipality.pk}


def test_role_holders_get_into_the_admin_and_others_do_not(town):
    assert town.griffie.has_perm("wagtailadmin.access_admin")
    assert town.advisory_member.has_perm("wagtailadmin.access_admin")
    assert not UserFactory().has_perm("wagtailadmin.access_admin")


def test_an_inactive_user_has_no_scope(town):
    town.griffie.is_active = False
    assert not scope_for(town.griffie).has_role


@pytest.mark.django_db
def test_a_role_needs_the_scope_of_its_kind():
    role = Role(
        user=UserFactory(), kind=RoleKind.advisory_member, municipality=MunicipalityFactory()
    )
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert "Een lid van een adviesraad hoort bij een adviesraad" in str(error.value)
    with pytest.raises(IntegrityError):
        role.save()


@pytest.mark.django_db
def test_a_griffie_role_without_municipality_is_refused():
    role = Role(
        user=UserFactory(), kind=RoleKind.griffie, advisory_council=AdvisoryCouncilFactory()
    )
    with pytest.raises(ValidationError):
        role.full_clean()


def test_a_portfolio_of_another_municipality_is_refused_however_it_is_added(town, other_town):
    """The role form says so first; a shell or an import meets the same refusal, as the
    college staff's lists rely on it (Scope.staff_reach)."""
    role = Role.objects.get(user=town.staff, kind=RoleKind.college_staff)
    # Each in its own savepoint: the refusal rolls back the transaction it is raised in.
    with pytest.raises(ValidationError) as error, transaction.atomic():
        role.portfolios.add(other_town.portfolio)
    assert "Deze portefeuilles horen bij een andere gemeente" in str(error.value)
    with pytest.raises(ValidationError), transaction.atomic():
        other_town.portfolio.staff_roles.add(role)
    assert set(role.portfolios.all()) == {town.portfolio}
    role.portfolios.add(town.portfolio)  # its own: no refusal


def test_college_staff_do_not_list_a_record_of_another_municipality_in_their_portfolio(
    town, other_town
):
    """Data written past the rules (a Lindeburg motie with a Dijkhoven portfolio): the
    staff's reach names their municipality (Scope.staff_reach), so it shows less, never
    more."""
    from motions.models import Motion
    from tests.factories import MotionFactory

    own = MotionFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio
    )
    elsewhere = MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
    )
    Motion.objects.filter(pk=elsewhere.pk).update(portfolio=town.portfolio)  # past the forms
    visible = set(Motion.objects.visible_to(town.staff))
    assert own in visible and elsewhere not in visible
