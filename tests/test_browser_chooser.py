"""The motie of a new raadsbrief, chosen in Chromium with the nl-NL locale through the
chooser that replaces the <select> once there are more moties in progress than a
select should hold: the griffie opens it, searches, picks and saves, and the letter is
stored for that motie; college staff find only their portfolios' moties in it."""

from django.urls import reverse
from playwright.sync_api import expect

from motions.models import CompletionLetter
from tests.browser import BROWSER_TEST, save
from tests.test_admin_forms_at_scale import (  # noqa: F401 (fixtures)
    chooser_limit,
    in_progress,
    letter_motions,
)

pytestmark = BROWSER_TEST


def open_chooser(page):
    page.goto(page.base + reverse("completion_letter:add"))
    assert page.locator('select[name="motion"]').count() == 0
    page.get_by_role("button", name="Kies een motie").click()
    modal = page.locator(".modal-content")
    expect(modal.get_by_role("heading", name="Kies een motie")).to_be_visible()
    return modal


def test_the_griffie_searches_chooses_and_saves_the_motion_of_a_new_letter(
    town,
    admin_as,
    chooser_limit,  # noqa: F811
    letter_motions,  # noqa: F811
):
    page = admin_as(town.griffie)
    modal = open_chooser(page)
    choices = modal.locator("[data-chooser-modal-choice]")
    expect(choices).to_have_count(2)  # the municipality's two, not Lindeburg's
    modal.get_by_role("textbox").first.press_sequentially("mantelzorg")
    expect(choices).to_have_count(1)
    choices.first.click()
    expect(page.locator(".modal-content")).to_have_count(0)
    expect(page.locator("[data-chooser-title]").first).to_have_text(str(letter_motions["own"]))
    page.get_by_role("button", name="Toevoegen").first.wait_for()
    save(page, "Toevoegen")
    letter = CompletionLetter.objects.get()
    assert letter.motion == letter_motions["own"]


def test_college_staff_find_only_their_portfolios_motions(
    town,
    admin_as,
    chooser_limit,  # noqa: F811
    letter_motions,  # noqa: F811
):
    second = in_progress(town, town.portfolio, "Tweede eigen motie")
    page = admin_as(town.staff)
    modal = open_chooser(page)
    choices = modal.locator("[data-chooser-modal-choice]")
    expect(choices).to_have_count(2)  # not the other portfolio's, nor Lindeburg's
    assert sorted(choices.all_inner_texts()) == sorted([str(letter_motions["own"]), str(second)])
