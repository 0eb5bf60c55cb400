"""Lost updates: two people edit the same record; the second save must not silently
revert the first one's change (governance.concurrency)."""

import html
import re

import pytest
from django.urls import reverse

from tests import factories as f
from tests.admin_helpers import client_for, edit_form_data
from tests.test_commitments_admin import edit_data

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
        "Iemand anders heeft dit veld intussen gewijzigd: nu «Titel van Anna», jouw waarde «Titel van Bram»"
        in page
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
