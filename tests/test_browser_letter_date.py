"""The date a letter carries, typed on the send page the Dutch way in Chromium with the
nl-NL locale: the letter is sent with that date; a date that cannot be read or lies
before the vote is refused in Dutch, what was typed stays and nothing is sent."""

import datetime

import pytest
from django.utils import timezone

from governance.letters import LetterStatus
from motions.models import CompletionLetter, Motion
from tests.browser import BROWSER_TEST, save, type_date
from tests.test_completion_letter import letter, letterhead  # noqa: F401 (fixtures)

pytestmark = BROWSER_TEST


@pytest.fixture
def voted_two_months_ago(letter):  # noqa: F811
    voted = timezone.localdate() - datetime.timedelta(days=60)
    Motion.objects.filter(pk=letter.motion_id).update(vote_date=voted)
    return voted


def test_the_date_of_the_collegebesluit_is_typed_and_the_letter_carries_it(
    town,
    admin_as,
    letter,  # noqa: F811
    voted_two_months_ago,
):
    besluit = timezone.localdate() - datetime.timedelta(days=7)
    page = admin_as(town.staff)
    page.goto(f"{page.base}/admin/completion_letter/{letter.pk}/send/")
    assert page.locator("#id_letter_date").input_value() == timezone.localdate().strftime(
        "%d-%m-%Y"
    )
    type_date(page, "id_letter_date", f"{besluit.day}-{besluit.month}-{besluit.year}")
    save(page, "Brief verzenden")
    sent = CompletionLetter.objects.get(pk=letter.pk)
    assert (sent.status, sent.letter_date) == (LetterStatus.sent, besluit)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("31-02-2026", "De datum 31-02-2026 bestaat niet."), ("1-1-2020", "over de motie werd")],
)
def test_a_wrong_date_is_refused_and_kept_and_nothing_is_sent(
    town,
    admin_as,
    letter,  # noqa: F811
    voted_two_months_ago,
    typed,
    message,
):
    page = admin_as(town.staff)
    page.goto(f"{page.base}/admin/completion_letter/{letter.pk}/send/")
    type_date(page, "id_letter_date", typed)
    save(page, "Brief verzenden")
    assert message in page.content()
    assert page.locator("#id_letter_date").input_value() == typed
    assert CompletionLetter.objects.get(pk=letter.pk).status == LetterStatus.draft
