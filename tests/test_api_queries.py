"""Every list of the API reads its related rows in a fixed number of queries: the
count for a page of many rows equals that for a few."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.publication import set_published as publish_commitment
from motions.publication import set_published
from motions.votes import record_vote
from tests.api_helpers import (
    CompletionLetter,
    CouncilInformationLetter,
    ResponseLetter,
    advice,
    commitment,
    get,
    letter,
    motion,
    sites,  # noqa: F401  (a fixture)
)
from tests.factories import MeetingFactory, PartyFactory

pytestmark = pytest.mark.usefixtures("sites")


def published_motion(town, n):
    made = motion(town, f"Motie {n}", meeting=MeetingFactory(municipality=town.municipality))
    record_vote(
        made,
        town.griffie,
        outcome="adopted",
        votes_for=10,
        votes_against=5,
        party_votes={town.party: "for"},
    )
    set_published(made, town.griffie, True)
    letter(CompletionLetter, motion=made)
    return made


def published_commitment(town, n):
    publish_commitment(commitment(town, f"Toezegging {n}"), town.griffie, True)


def published_advice(town, n):
    made = advice(town, f"Advies {n}", points=3)
    letter(ResponseLetter, advice=made)
    letter(CouncilInformationLetter, advice=made)


def party(town, n):
    PartyFactory(municipality=town.municipality, name=f"Fractie {n}")


def queries(path):
    cache.clear()  # the rate limit's count is not what is measured
    with CaptureQueriesContext(connection) as captured:
        response = get(path + "?per_pagina=100")
    assert response.status_code == 200
    return len(captured), len(response.json()["resultaten"])


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/api/v1/moties/", published_motion),
        ("/api/v1/toezeggingen/", published_commitment),
        ("/api/v1/adviezen/", published_advice),
        ("/api/v1/brieven/", published_advice),
        ("/api/v1/vergaderingen/", published_motion),
        ("/api/v1/fracties/", party),
    ],
)
def test_the_query_count_of_a_list_does_not_grow_with_its_rows(town, path, make):
    for n in range(2):
        make(town, n)
    get(path)  # the first request warms Wagtail's site cache
    few, few_rows = queries(path)
    for n in range(2, 12):
        make(town, n)
    many, many_rows = queries(path)
    assert many_rows > few_rows
    assert many == few, f"{path}: {few} queries for {few_rows} rows, {many} for {many_rows}"
