"""The motievolglijst fetches related rows up front: its query count does not grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from motions.models import Motion, MotionSubmitter
from tests.admin_helpers import client_for
from tests.factories import MotionFactory

LIST_URLS = [
    "",
    "?overdue=yes",
    "?status=in_progress&status=adopted",
    "?q=motie",
    "?ordering=-deadline",
    "?ordering=portfolio__name",
]


def add_motions(town, count, start=0):
    motions = [
        Motion(
            municipality=town.municipality,
            meeting=town.meeting,
            meeting_held_on=town.meeting.date,
            portfolio=town.portfolio,
            number=f"Q{start + i:04d}",
            title=f"Motie {start + i}",
            operative_text="verzoekt",
        )
        for i in range(count)
    ]
    Motion.objects.bulk_create(motions)
    MotionSubmitter.objects.bulk_create(
        MotionSubmitter(motion=m, person=town.person, party=town.party) for m in motions
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", LIST_URLS)
@pytest.mark.parametrize("who", ["griffie", "staff"])
def test_list_query_count_is_the_same_at_5_and_at_500(town, query, who):
    client = client_for(getattr(town, who))
    url = reverse("motion:index") + query
    add_motions(town, 5)
    client.get(url)  # warm up caches that are filled once per process
    at_5 = count_queries(client, url)
    add_motions(town, 495, start=5)
    at_500 = count_queries(client, url)
    assert at_5 == at_500, f"{at_5} queries at 5 moties, {at_500} at 500"


def test_motion_page_query_count_does_not_grow_with_history(town):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    client = client_for(town.griffie)
    url = reverse("motion:inspect", args=[motion.pk])
    client.get(url)
    few = count_queries(client, url)
    for n in range(20):
        motion.title = f"Titel {n}"
        motion.deadline_unknown_reason = f"Reden {n}"
        motion.save()
    assert count_queries(client, url) == few
