"""The list of e-mails that did not go out: only the functional administrator reads it,
and sending again sends what failed once the cause is mended."""

import pytest
from django.core import mail
from django.urls import reverse

from governance.constants import NotificationKind as K
from governance.models import Notification
from governance.notifications import MAX_ATTEMPTS
from tests import factories as f
from tests.admin_helpers import client_for, is_refused

INDEX = reverse("unsent_mail:index")
RETRY = reverse("unsent_mail:retry")


@pytest.fixture
def administrator(db):
    return f.UserFactory(username="beheer", email="beheer@example.org", is_superuser=True)


def notification(user, *, key, attempts=1, sent=False, error="SMTPConnectError: (421, 'weg')"):
    return Notification.objects.create(
        kind=K.published,
        recipient=user,
        key=key,
        subject=f"Onderwerp {key}",
        body="Tekst",
        link="https://raadsvolg.example/admin/",
        attempts=attempts,
        last_error=error,
        sent_at="2026-11-24T10:00:00+01:00" if sent else None,
    )


@pytest.fixture
def mails(town, other_town):
    town.staff.email, other_town.staff.email = "staf@dijkhoven.example", "staf@lindeburg.example"
    town.staff.save()
    other_town.staff.save()
    return {
        "failed": notification(town.staff, key="failed"),
        "given_up": notification(other_town.staff, key="given-up", attempts=MAX_ATTEMPTS),
        "sent": notification(town.staff, key="sent", sent=True, error=""),
        "waiting": notification(town.staff, key="waiting", attempts=0, error=""),
    }


def test_the_administrator_sees_every_failed_mail_with_its_reason(administrator, mails):
    page = client_for(administrator).get(INDEX).content.decode()
    assert "Onderwerp failed" in page and "Onderwerp given-up" in page
    assert "staf@lindeburg.example" in page and "421" in page
    assert "Onderwerp sent" not in page  # went out
    assert "Onderwerp waiting" not in page  # not tried yet: the task sends it
    assert "Niet verzonden e-mail" in page and "Alles opnieuw versturen" in page


@pytest.mark.parametrize("role", ["griffie", "staff", "advisory_member"])
def test_nobody_else_reads_the_list_or_sends_again(town, mails, role):
    client = client_for(getattr(town, role))
    assert is_refused(client.get(INDEX))
    assert is_refused(client.post(RETRY))
    assert not mail.outbox
    assert Notification.objects.get(key="failed").attempts == 1


def test_sending_again_sends_the_failed_and_the_given_up_mails(administrator, mails):
    answer = client_for(administrator).post(RETRY, follow=True)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "staf@dijkhoven.example",
        "staf@lindeburg.example",
    ]
    assert "2 e-mails verstuurd." in answer.content.decode()
    assert Notification.objects.filter(sent_at=None, attempts__gt=0).count() == 0
    assert Notification.objects.get(key="waiting").sent_at is None  # left to its task


def test_a_mail_that_fails_again_stays_in_the_list_with_the_new_reason(
    administrator, mails, settings
):
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    answer = client_for(administrator).post(RETRY, follow=True).content.decode()
    assert "2 e-mails zijn opnieuw mislukt; de redenen staan in de lijst." in answer
    failed = Notification.objects.get(key="failed")
    assert (failed.sent_at, failed.attempts) == (None, 1)
    assert "Service not available" in failed.last_error


def test_the_list_cannot_be_read_with_get_on_the_action(administrator, mails):
    assert client_for(administrator).get(RETRY).status_code == 405
    assert not mail.outbox
