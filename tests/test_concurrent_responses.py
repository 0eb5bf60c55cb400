"""Two people save the response to the same point at the same moment: no server error
(no IntegrityError on PostgreSQL, no "database is locked" on SQLite), one response."""

import threading

import pytest
from django.db import connection

from advice.models import PointResponse
from tests import factories as f
from tests.admin_helpers import client_for
from tests.test_respond_form import advice_with_points, answer
from tests.test_respond_form import url as respond_url

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def post_together(posts) -> list[int]:
    """Post each (client, url, data) from its own thread, all released at once."""
    barrier = threading.Barrier(len(posts))
    statuses = [None] * len(posts)

    def run(index, client, url, data):
        try:
            barrier.wait()
            statuses[index] = client.post(url, data).status_code
        except Exception as error:
            statuses[index] = repr(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(index, *post)) for index, post in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the test database of SQLite is in memory, shared between threads by table locks",
)
@pytest.mark.parametrize("same_text", [True, False])
def test_simultaneous_first_responses_to_one_point(town, same_text):
    advice = advice_with_points(town, {1: "Wonen"})
    url = respond_url(advice, 1)
    texts = ["Akkoord.", "Akkoord."] if same_text else ["Anna: ja.", "Bram: ja."]
    posts = [
        (client_for(user), url, answer(advice, [1], text=text))
        for user, text in zip([town.staff, f.college_staff([town.portfolio])], texts, strict=True)
    ]
    statuses = post_together(posts)
    assert statuses == [302, 302], statuses  # without a token the later one updates
    assert PointResponse.objects.filter(point__advice=advice).count() == 1
    assert PointResponse.objects.get(point__advice=advice).text in texts
