"""The college works on its response in private: until it is sent, the adviesraad sees
neither how many points are answered nor who works on them — not on the advies's page,
not in its list, not in the point histories and not in the History tab. After sending
it reads the responses, but never the names of the civil servants who wrote them: the
response is the college's (docs/decisions.md). Staff and griffie see both throughout."""

import datetime

import pytest
from django.urls import reverse

from advice.lifecycle import take_step
from advice.models import Advice, PointResponse
from tests.admin_helpers import client_for
from tests.factories import AdviceFactory

D = datetime.date
EDITOR = "Stefanie Stellingwerf"
PROGRESS = "2 van 3 punten beantwoord"
RESPONSE = "Het college neemt punt"


@pytest.fixture
def advice(town):
    town.staff.first_name, town.staff.last_name = EDITOR.split()
    town.staff.save()
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=3,
    )
    take_step(advice, town.advisory_member, "submit", on=D(2026, 11, 3))
    take_step(advice, town.staff, "start_response")
    for point in advice.points.order_by("number")[:2]:
        response = PointResponse(point=point, position="adopted", text=f"{RESPONSE} {point.number}")
        response._history_user = town.staff
        response.save()
    return Advice.objects.get(pk=advice.pk)


def answer_all_and_send(advice, town):
    point = advice.points.get(number=3)
    PointResponse.objects.create(point=point, position="adopted", text=f"{RESPONSE} 3")
    take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    take_step(advice, town.staff, "send_response", on=D(2026, 11, 24))
    return Advice.objects.get(pk=advice.pk)


def pages(user, advice) -> dict[str, str]:
    client = client_for(user)
    urls = {
        "inspect": reverse("advice:inspect", args=[advice.pk]),
        "history": reverse("advice:history", args=[advice.pk]),
        "list": reverse("advice:index"),
    }
    answers = {name: client.get(url) for name, url in urls.items()}
    assert all(answer.status_code == 200 for answer in answers.values())
    return {name: answer.content.decode() for name, answer in answers.items()}


@pytest.mark.parametrize("state", ["response_in_preparation", "response_adopted"])
def test_before_sending_the_adviesraad_sees_no_progress_and_no_names(town, advice, state):
    if state == "response_adopted":
        PointResponse.objects.create(
            point=advice.points.get(number=3), position="adopted", text=f"{RESPONSE} 3"
        )
        take_step(advice, town.staff, "adopt_response", on=D(2026, 11, 20))
    seen = pages(town.advisory_member, Advice.objects.get(pk=advice.pk))
    assert "punten beantwoord" not in seen["inspect"]
    assert "<progress" not in seen["inspect"]
    assert RESPONSE not in seen["inspect"]
    assert "Het college bereidt zijn reactie voor." in seen["inspect"]
    assert "reactie aangemaakt" not in seen["inspect"]  # no history rows of responses
    for name in ("inspect", "history", "list"):
        assert EDITOR not in seen[name], name
    assert "van 3" not in seen["list"]
    assert "Vastgelegd door het college" in seen["history"]


@pytest.mark.parametrize("who", ["staff", "griffie"])
def test_before_sending_staff_and_griffie_see_progress_and_names(town, advice, who):
    seen = pages(getattr(town, who), advice)
    assert PROGRESS in seen["inspect"] and "<progress" in seen["inspect"]
    assert f"reactie aangemaakt, {EDITOR}" in seen["inspect"]
    assert EDITOR in seen["history"]
    assert "2 van 3" in seen["list"]


def test_after_sending_the_adviesraad_reads_the_responses_without_names(town, advice):
    seen = pages(town.advisory_member, answer_all_and_send(advice, town))
    assert "3 van 3 punten beantwoord" in seen["inspect"]
    assert f"{RESPONSE} 1" in seen["inspect"] and f"{RESPONSE} 3" in seen["inspect"]
    assert "reactie aangemaakt" in seen["inspect"]  # the rows, without the editor
    assert "3 van 3" in seen["list"]
    for name in ("inspect", "history", "list"):
        assert EDITOR not in seen[name], name


def test_after_sending_staff_still_see_who_did_what(town, advice):
    seen = pages(town.staff, answer_all_and_send(advice, town))
    assert f"reactie aangemaakt, {EDITOR}" in seen["inspect"]
    assert EDITOR in seen["history"]


def test_the_adviesraad_sees_publication_by_the_griffie_not_by_a_clerk(town, advice):
    clerk = "Gerrit Griffioen"
    town.griffie.first_name, town.griffie.last_name = clerk.split()
    town.griffie.save()
    advice = answer_all_and_send(advice, town)
    take_step(advice, town.griffie, "publish")
    take_step(Advice.objects.get(pk=advice.pk), town.griffie, "withdraw_publication")
    seen = pages(town.advisory_member, Advice.objects.get(pk=advice.pk))
    assert "Vastgelegd door de griffie" in seen["history"]
    for name in ("inspect", "history"):
        assert clerk not in seen[name], name
    assert clerk in pages(town.griffie, Advice.objects.get(pk=advice.pk))["history"]
