"""Lost updates: two people edit the same record; the second save must not silently
revert the first one's change (governance.concurrency)."""

import html
import re

import pytest
from django.urls import reverse

from advice.models import PointResponse
from tests import factories as f
from tests.admin_helpers import client_for, edit_form_data
from tests.test_commitments_admin import edit_data
from tests.test_respond_form import advice_with_points, answer
from tests.test_respond_form import point as respond_point
from tests.test_respond_form import url as respond_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="edit_version" value="([^"]*)"')


def opened(client, url, prefix="") -> str:
    """The version token of the edit form as the page gives it."""
    page = client.get(url).content.decode()
    pattern = re.compile(rf'name="{re.escape(prefix)}edit_version" value="([^"]*)"')
    match = pattern.search(page)
    assert match, "the edit form carries no version token"
    return html.unescape(match.group(1))


def test_second_save_of_a_motion_is_refused_with_both_values(town):
    motion = f.MotionFactory(
        municipality=town.municipality, title="Oude titel", submitters=[town.person]
    )
    url = reverse("motion:edit", args=[motion.pk])
    anna, bram = client_for(town.griffie), client_for(town.griffie)
    anna_token, bram_token = opened(anna, url), opened(bram, url)

    first = anna.post(
        url, edit_form_data(motion, town, title="Titel van Anna", edit_version=anna_token)
    )
    assert first.status_code == 302
    second = bram.post(
        url, edit_form_data(motion, town, title="Titel van Bram", edit_version=bram_token)
    )

    assert second.status_code == 200
    page = html.unescape(second.content.decode())
    assert (
        "Iemand anders heeft dit veld intussen gewijzigd: "
        "nu «Titel van Anna», jouw waarde «Titel van Bram»" in page
    )
    assert "er is niets opgeslagen" in page
    assert 'value="Titel van Bram"' in page  # what Bram typed stays in the form
    motion.refresh_from_db()
    assert motion.title == "Titel van Anna"

    # Bram decides to keep his title: saving the returned form goes through.
    renewed = TOKEN.search(second.content.decode()).group(1)
    third = bram.post(
        url,
        edit_form_data(motion, town, title="Titel van Bram", edit_version=html.unescape(renewed)),
    )
    assert third.status_code == 302
    motion.refresh_from_db()
    assert motion.title == "Titel van Bram"


def test_a_field_the_second_editor_left_alone_is_not_reverted(town):
    motion = f.MotionFactory(
        municipality=town.municipality, title="Oude titel", submitters=[town.person]
    )
    url = reverse("motion:edit", args=[motion.pk])
    anna, bram = client_for(town.griffie), client_for(town.griffie)
    anna_token, bram_token = opened(anna, url), opened(bram, url)
    stale = edit_form_data(motion, town, edit_version=bram_token)

    anna.post(
        url,
        edit_form_data(motion, town, recitals="constaterende dat Anna …;", edit_version=anna_token),
    )
    response = bram.post(url, {**stale, "title": "Titel van Bram"})

    assert response.status_code == 200
    assert "nu «constaterende dat Anna …;»" in html.unescape(response.content.decode())
    motion.refresh_from_db()
    assert (motion.title, motion.recitals) == ("Oude titel", "constaterende dat Anna …;")


def test_the_same_change_by_both_is_no_conflict(town):
    motion = f.MotionFactory(municipality=town.municipality, submitters=[town.person])
    url = reverse("motion:edit", args=[motion.pk])
    anna, bram = client_for(town.griffie), client_for(town.griffie)
    anna_token, bram_token = opened(anna, url), opened(bram, url)
    anna.post(url, edit_form_data(motion, town, title="Zelfde", edit_version=anna_token))
    response = bram.post(url, edit_form_data(motion, town, title="Zelfde", edit_version=bram_token))
    assert response.status_code == 302


def test_commitment_edit_conflict(town):
    commitment = f.CommitmentFactory(
        municipality=town.municipality, portfolio=town.portfolio, title="Oud"
    )
    url = reverse("commitment:edit", args=[commitment.pk])
    anna, bram = client_for(town.griffie), client_for(town.griffie)
    anna_token, bram_token = opened(anna, url), opened(bram, url)
    posted = anna.post(url, edit_data(commitment, town, title="Van Anna", edit_version=anna_token))
    assert posted.status_code == 302
    response = bram.post(
        url, edit_data(commitment, town, title="Van Bram", edit_version=bram_token)
    )
    assert response.status_code == 200
    assert "nu «Van Anna», jouw waarde «Van Bram»" in html.unescape(response.content.decode())
    commitment.refresh_from_db()
    assert commitment.title == "Van Anna"


# The college's response per point


def _respond_tokens(client, advice, numbers) -> dict:
    page = client.get(respond_url(advice, 1)).content.decode()
    tokens = {}
    for number in numbers:
        prefix = f"point-{respond_point(advice, number).pk}-"
        match = re.search(rf'name="{prefix}edit_version" value="([^"]*)"', page)
        assert match, "the response form carries no version token"
        tokens[f"{prefix}edit_version"] = html.unescape(match.group(1))
    return tokens


def test_second_response_save_is_refused_with_both_values(town):
    advice = advice_with_points(town, {1: "Wonen", 2: "Wonen"})
    anna, bram = client_for(town.staff), client_for(town.staff)
    anna_tokens, bram_tokens = (_respond_tokens(c, advice, [1, 2]) for c in (anna, bram))

    first = anna.post(
        respond_url(advice, 1), {**answer(advice, [1, 2], text="Anna zegt ja."), **anna_tokens}
    )
    assert first.status_code == 302
    second = bram.post(
        respond_url(advice, 1), {**answer(advice, [1, 2], text="Bram zegt ja."), **bram_tokens}
    )

    assert second.status_code == 200
    page = html.unescape(second.content.decode())
    assert "nu «Anna zegt ja.», jouw waarde «Bram zegt ja.»" in page
    assert PointResponse.objects.get(point=respond_point(advice, 1)).text == "Anna zegt ja."

    renewed = _tokens_in(second.content.decode(), advice, [1, 2])
    third = bram.post(
        respond_url(advice, 1), {**answer(advice, [1, 2], text="Bram zegt ja."), **renewed}
    )
    assert third.status_code == 302
    assert PointResponse.objects.get(point=respond_point(advice, 1)).text == "Bram zegt ja."
    assert PointResponse.objects.filter(point__advice=advice).count() == 2


def _tokens_in(page, advice, numbers) -> dict:
    tokens = {}
    for number in numbers:
        name = f"point-{respond_point(advice, number).pk}-edit_version"
        tokens[name] = html.unescape(re.search(rf'name="{name}" value="([^"]*)"', page).group(1))
    return tokens


def test_a_response_created_meanwhile_is_updated_not_created_twice(town):
    """Without a token (a script, an old form) the second save updates the response that
    the first one created: one row, no IntegrityError."""
    advice = advice_with_points(town, {1: "Wonen"})
    client = client_for(town.staff)
    assert (
        client.post(respond_url(advice, 1), answer(advice, [1], text="Eerst.")).status_code == 302
    )
    # A form built before that response existed: its instance is a new one.
    from advice.forms import PointResponseForm
    from advice.views import RespondView

    view = RespondView()
    stale = PointResponseForm(
        answer(advice, [1], text="Daarna."),
        prefix=f"point-{respond_point(advice, 1).pk}",
        instance=PointResponse(point=respond_point(advice, 1)),
    )
    assert stale.is_valid()
    view.object = advice
    assert view.settle_versions([stale])
    stale.save()
    assert PointResponse.objects.filter(point__advice=advice).count() == 1
    assert PointResponse.objects.get(point__advice=advice).text == "Daarna."
