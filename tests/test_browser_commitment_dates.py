"""Dates typed the Dutch way into the toezegging forms, in Chromium with the nl-NL
locale: the deadline of the add and edit forms and the date of the raad's decision in
the completion step. Typed `01-09-2027` or `1-9-2027` and left with Tab, the field keeps
what was typed and the date is stored; an impossible date is refused in Dutch and what
was stored stays. (The motie, advies and step forms: tests/test_browser_dates.py.)"""

import datetime

import pytest
from django.utils import timezone

from commitments.models import Commitment
from tests.browser import BROWSER_TEST, save, type_date
from tests.factories import CommitmentFactory

pytestmark = BROWSER_TEST


def open_commitment(town, **kwargs):
    return CommitmentFactory(
        municipality=town.municipality, meeting=town.meeting, portfolio=town.portfolio, **kwargs
    )


@pytest.mark.parametrize("typed", ["01-09-2027", "1-9-2027"])
def test_the_deadline_of_a_new_commitment_is_stored_as_typed(town, admin_as, typed):
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/new/")
    page.locator("#id_number").fill("T2026-77")
    page.locator("#id_title").fill("Brief over de wachttijden")
    page.locator("#id_meeting").select_option(str(town.meeting.pk))
    page.locator("#id_text").fill("De wethouder zegt toe de raad te informeren.")
    page.locator("#id_portfolio").select_option(str(town.portfolio.pk))
    type_date(page, "id_deadline", typed)
    save(page, "Toevoegen")
    assert Commitment.objects.get(number="T2026-77").deadline == datetime.date(2027, 9, 1)


@pytest.mark.parametrize("typed", ["01-09-2027", "1-9-2027"])
def test_the_deadline_of_a_commitment_is_changed_as_typed(town, admin_as, typed):
    commitment = open_commitment(town)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/edit/{commitment.pk}/")
    assert page.locator("#id_deadline").input_value() == "31-12-2026"
    type_date(page, "id_deadline", typed)
    save(page)
    assert Commitment.objects.get(pk=commitment.pk).deadline == datetime.date(2027, 9, 1)


def test_an_impossible_deadline_is_refused_and_nothing_is_lost(town, admin_as):
    commitment = open_commitment(town)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/edit/{commitment.pk}/")
    type_date(page, "id_deadline", "31-02-2027")
    save(page)
    assert "De datum 31-02-2027 bestaat niet." in page.content()
    assert page.locator("#id_deadline").input_value() == "31-02-2027"
    assert Commitment.objects.get(pk=commitment.pk).deadline == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("typed", ["05-11-2026", "5-11-2026"])
def test_the_completion_step_prefills_today_and_stores_the_typed_date(town, admin_as, typed):
    commitment = open_commitment(town, completion_proposed=True)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/{commitment.pk}/step/complete/")
    today = timezone.localdate().strftime("%d-%m-%Y")
    assert page.locator("#id_on").input_value() == today
    type_date(page, "id_on", typed)
    page.locator("#id_reason").fill("Raad akkoord in de vergadering van 5 november.")
    save(page, "Afdoening door de raad vastleggen")
    commitment.refresh_from_db()
    assert (commitment.status, commitment.completion_date) == (
        "completed",
        datetime.date(2026, 11, 5),
    )


def test_an_impossible_date_of_completion_is_refused_and_nothing_is_lost(town, admin_as):
    commitment = open_commitment(town, completion_proposed=True)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/{commitment.pk}/step/complete/")
    type_date(page, "id_on", "31-02-2026")
    page.locator("#id_reason").fill("Raad akkoord.")
    save(page, "Afdoening door de raad vastleggen")
    assert "De datum 31-02-2026 bestaat niet." in page.content()
    assert page.locator("#id_on").input_value() == "31-02-2026"
    commitment.refresh_from_db()
    assert (commitment.status, commitment.completion_date) == ("completion_proposed", None)


@pytest.mark.parametrize("step", ["propose_completion", "lapse"])
def test_the_other_steps_ask_no_date(town, admin_as, step):
    commitment = open_commitment(town)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/commitment/{commitment.pk}/step/{step}/")
    assert page.locator("#id_reason").count() == 1
    assert page.locator("#id_on").count() == 0
