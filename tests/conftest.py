"""Shared fixtures: two municipalities with one user per role, built from factories."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from tests import factories as f
from tests.browser import admin_as, browser, serial_live_server  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: rate limits (the API's, password resets)
    and Wagtail's cached site roots count from nothing."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def without_public_cache(settings):
    """For the tests that count a view's queries: every request reaches the view, none
    is answered from the cache of public answers (operations/public_cache.py)."""
    settings.RAADSVOLG_PUBLIC_CACHE = False


@dataclass
class Town:
    """One municipality with its records and a user for every role."""

    municipality: object
    portfolio: object
    other_portfolio: object
    meeting: object
    party: object
    person: object
    griffie: object
    staff: object
    staff_other_portfolio: object
    advisory_member: object
    advisory_council: object


def make_town(name, code) -> Town:
    municipality = f.MunicipalityFactory(name=name, tooi_code=code)
    portfolio = f.PortfolioFactory(municipality=municipality, name="Sociaal domein")
    other_portfolio = f.PortfolioFactory(municipality=municipality, name="Financiën")
    council = f.AdvisoryCouncilFactory()
    council.municipalities.add(municipality)
    party = f.PartyFactory(municipality=municipality)
    return Town(
        municipality=municipality,
        portfolio=portfolio,
        other_portfolio=other_portfolio,
        meeting=f.MeetingFactory(municipality=municipality),
        party=party,
        person=f.PersonFactory(municipality=municipality, party=party),
        griffie=f.griffie(municipality, user__username=f"griffie-{code}"),
        staff=f.college_staff([portfolio], user__username=f"staff-{code}"),
        staff_other_portfolio=f.college_staff([other_portfolio], user__username=f"staff2-{code}"),
        advisory_member=f.advisory_member(council, user__username=f"adviesraad-{code}"),
        advisory_council=council,
    )


@pytest.fixture
def town(db):
    return make_town("Dijkhoven", "gm9901")


@pytest.fixture
def other_town(db):
    return make_town("Lindeburg", "gm9902")


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"
