"""The password reset (issue 14, item 9): Dutch throughout, and at most
RAADSVOLG_PASSWORD_RESET_LIMIT mails an hour per e-mail address and per client address,
refused alike whether the address has an account or not."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.http import urlsafe_base64_encode

from tests import factories as f

pytestmark = pytest.mark.django_db

RESET = "/admin/password_reset/"
TOO_MANY = "Te veel verzoeken om een nieuw wachtwoord voor dit adres of vanaf deze computer."


@pytest.fixture
def user():
    return f.UserFactory(username="anne", email="anne@example.org")


def ask(email, address="10.0.0.1"):
    return Client().post(RESET, {"email": email}, REMOTE_ADDR=address)


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_three_mails_an_hour_per_address_then_a_dutch_refusal_and_no_mail(user):
    for _ in range(3):
        assert ask("anne@example.org").status_code == 302
    assert len(mail.outbox) == 3
    refused = ask("anne@example.org", address="10.0.0.2")
    assert refused.status_code == 200
    assert TOO_MANY in text(refused)
    assert len(mail.outbox) == 3


def test_the_refusal_is_the_same_for_an_address_without_account(user):
    for _ in range(3):
        ask("nobody@example.org")
    assert mail.outbox == []
    assert TOO_MANY in text(ask("nobody@example.org", address="10.0.0.2"))


def test_one_computer_cannot_mail_many_addresses(user):
    for n in range(3):
        ask(f"other{n}@example.org")
    assert TOO_MANY in text(ask("anne@example.org"))
    assert mail.outbox == []
    assert ask("anne@example.org", address="10.0.0.9").status_code == 302
    assert len(mail.outbox) == 1


def test_an_hour_later_mails_go_again(user):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            ask("anne@example.org")
    with time_machine.travel(start + timedelta(minutes=61), tick=False):
        # LocMemCache reads the clock through time.time, which the travel moves.
        assert ask("anne@example.org").status_code == 302
    assert len(mail.outbox) == 4


def test_the_new_password_form_speaks_dutch(user):
    uid = urlsafe_base64_encode(str(user.pk).encode())
    client = Client()
    form = client.get(
        f"/admin/password_reset/confirm/{uid}/{default_token_generator.make_token(user)}/",
        follow=True,
    )
    url = form.redirect_chain[-1][0]
    response = client.post(url, {"new_password1": "ab", "new_password2": "ab"})
    page = text(response)
    assert "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten." in page
    assert "This password" not in page
    user.refresh_from_db()
    assert user.check_password("secret")
