"""Dates typed the Dutch way into the admin, in Chromium with the nl-NL locale.

A griffier types `01-09-2027` (or `1-9-2027`, or ISO) into a date field, leaves it with
Tab and saves: what is stored is that date. A date that cannot be read is refused with a
Dutch message and what was stored stays. Every date field of the motie, advies,
adviesaanvraag and step forms is typed into here."""

import datetime

import pytest

from advice.models import Advice, AdviceRequest
from motions.models import Motion
from tests.browser import BROWSER_TEST, save, type_date
from tests.factories import AdviceFactory, AdviceRequestFactory, MeetingFactory, MotionFactory

pytestmark = BROWSER_TEST


def motion_in_progress(town):
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        in_progress=True,
    )


@pytest.mark.parametrize("typed", ["01-09-2027", "1-9-2027", "2027-09-01", "1 september 2027"])
def test_a_deadline_typed_the_dutch_way_is_stored_as_typed(town, admin_as, typed):
    motion = motion_in_progress(town)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/motion/edit/{motion.pk}/")
    assert page.locator("#id_deadline").input_value() == "31-12-2026"
    type_date(page, "id_deadline", typed)
    save(page)
    motion.refresh_from_db()
    assert motion.deadline == datetime.date(2027, 9, 1)


def test_a_date_that_cannot_be_read_is_refused_and_nothing_is_lost(town, admin_as):
    motion = motion_in_progress(town)
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/motion/edit/{motion.pk}/")
    type_date(page, "id_deadline", "31-02-2027")
    save(page)
    assert "De datum 31-02-2027 bestaat niet." in page.content()
    assert page.locator("#id_deadline").input_value() == "31-02-2027"
    motion.refresh_from_db()
    assert motion.deadline == datetime.date(2026, 12, 31)


def test_the_adopt_step_prefills_visibly_and_stores_what_was_typed(town, admin_as):
    meeting = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 11, 9))
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
    )
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/motion/{motion.pk}/step/adopt/")
    assert page.locator("#id_on").input_value() == "09-11-2026"
    assert page.locator("#id_deadline").input_value() == "31-12-2026"
    type_date(page, "id_on", "10-11-2026")
    type_date(page, "id_deadline", "1-7-2027")
    page.locator("#id_reason").fill("Besluitenlijst van 9 november.")
    page.locator("#id_vote-unanimous").check()
    save(page, "Aanneming vastleggen")
    motion.refresh_from_db()
    assert (motion.status, motion.vote_date, motion.deadline) == (
        "adopted",
        datetime.date(2026, 11, 10),
        datetime.date(2027, 7, 1),
    )


def test_the_completion_step_stores_the_typed_date_of_the_councils_decision(town, admin_as):
    motion = MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        submitters=[town.person],
        completion_proposed=True,
    )
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/motion/{motion.pk}/step/complete/")
    type_date(page, "id_on", "5-11-2026")
    page.locator("#id_reason").fill("Raad akkoord.")
    save(page, "Afdoening door de raad vastleggen")
    assert Motion.objects.get(pk=motion.pk).completion_date == datetime.date(2026, 11, 5)


def test_the_date_of_an_advice_letter_is_stored_as_typed(town, admin_as):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    page = admin_as(town.advisory_member)
    page.goto(f"{page.base}/admin/advice/edit/{advice.pk}/")
    assert page.locator("#id_date").input_value() == "01-11-2026"
    type_date(page, "id_date", "03-11-2026")
    save(page)
    assert Advice.objects.get(pk=advice.pk).date == datetime.date(2026, 11, 3)


def test_the_submit_step_of_an_advice_stores_the_typed_date_of_receipt(town, admin_as):
    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=1,
    )
    page = admin_as(town.advisory_member)
    page.goto(f"{page.base}/admin/advice/{advice.pk}/step/submit/")
    assert "de tekst wordt vastgezet als versie 1" in page.content()  # said before it happens
    type_date(page, "id_on", "4-11-2026")
    save(page, "Indienen bij het college")
    assert Advice.objects.get(pk=advice.pk).received_date == datetime.date(2026, 11, 4)


def test_the_dates_of_an_advice_request_are_stored_as_typed(town, admin_as):
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
    )
    page = admin_as(town.griffie)
    page.goto(f"{page.base}/admin/advice_request/edit/{request.pk}/")
    type_date(page, "id_letter_date", "5-11-2026")
    type_date(page, "id_received_date", "06-11-2026")
    save(page)
    request.refresh_from_db()
    assert (request.letter_date, request.received_date) == (
        datetime.date(2026, 11, 5),
        datetime.date(2026, 11, 6),
    )
    assert AdviceRequest.objects.get(pk=request.pk).due_date is not None
