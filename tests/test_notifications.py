"""E-mail at every hand-over: per hand-over the exact recipients, a Dutch subject and a
link into the admin that opens for them; nobody of another municipality, portfolio or
adviesraad gets anything; the actor gets nothing; preferences; never twice; retries."""

import datetime
import io
import re
import smtplib

import pytest
import time_machine
from django import forms
from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse

from advice.lifecycle import take_step
from advice.models import Advice, PointResponse, ResponseLetter
from commitments.lifecycle import apply_transition as take_commitment_step
from governance.constants import NotificationKind as K
from governance.models import Letterhead, Notification, NotificationOptOut
from governance.notifications import informed, notify, send_unsent
from governance.tasks import send_reminders_task
from motions.lifecycle import apply_transition as take_motion_step
from motions.publication import set_published as publish_motion
from tests import factories as f
from tests.admin_helpers import client_for
from tests.test_advice_requests import request_data

D = datetime.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0), tick=False):
        yield


@pytest.fixture
def people(town, other_town):
    """Everyone with an address; besides the towns' users a second griffie member and a
    member of a neighbouring adviesraad that also serves Dijkhoven."""
    for place in (town, other_town):
        for role in ("griffie", "staff", "staff_other_portfolio", "advisory_member"):
            user = getattr(place, role)
            user.email = f"{role}@{user.username}.example"
            user.save()
    neighbour = f.AdvisoryCouncilFactory(name="Adviesraad Buurgemeenten")
    neighbour.municipalities.add(town.municipality)
    town.second_griffie = f.griffie(
        town.municipality, user__username="griffie2", user__email="griffie2@dijkhoven.example"
    )
    town.neighbour_member = f.advisory_member(
        neighbour, user__username="buur", user__email="buur@adviesraad.example"
    )
    return town


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the on-commit sends of what happens inside the block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def addresses() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def emails(*users) -> list[str]:
    return sorted(user.email for user in users)


def message_to(user):
    (message,) = [message for message in mail.outbox if user.email in message.to]
    return message


def assert_link_opens(message, user, url: str) -> None:
    """The mail links to `url` in the admin, absolutely, and it opens for the recipient."""
    base = re.escape(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    link = re.search(rf"{base}(/admin/\S+)", message.body)
    assert link is not None, message.body
    assert link[1] == url
    assert client_for(user).get(url).status_code == 200


def motion(town, **traits):
    return f.MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Taalhuis",
        **traits,
    )


def commitment(town, **traits):
    return f.CommitmentFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        title="Informeren over jeugdzorg",
        **traits,
    )


def advice(town, **kwargs):
    return f.AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        reference="A2026-03",
        subject="Beleidsplan armoede",
        points=2,
        **kwargs,
    )


def adopted_advice(town):
    Letterhead.objects.create(
        municipality=town.municipality,
        name="Gemeente Dijkhoven",
        place="Dijkhoven",
        secretary_name="mr. J. de Wit",
        mayor_name="H. Pieters",
    )
    record = advice(town)
    take_step(record, town.advisory_member, "submit", on=D(2026, 11, 3))
    take_step(record, town.staff, "start_response")
    for point in record.points.all():
        PointResponse.objects.create(point=point, position="adopted", text="Wij doen dit.")
    take_step(record, town.staff, "adopt_response", on=D(2026, 11, 20))
    return Advice.objects.get(pk=record.pk)


# Every hand-over ------------------------------------------------------------------------


def test_a_new_advice_request_mails_the_members_of_its_adviesraad(people, other_town, commit):
    town = people
    with commit():
        response = client_for(town.staff).post(
            reverse("advice_request:add"),
            request_data(town, subject="Beleidsnota mantelzorg", received_date="2026-11-23"),
        )
    assert response.status_code == 302
    assert addresses() == emails(town.advisory_member)
    message = message_to(town.advisory_member)
    assert message.subject == "Nieuwe adviesaanvraag: Beleidsnota mantelzorg"
    assert "Het advies wordt verwacht op" in message.body
    request = town.advisory_council.advice_requests.get()
    assert_link_opens(
        message, town.advisory_member, reverse("advice_request:inspect", args=[request.pk])
    )


def test_a_submitted_advice_mails_the_portfolio_staff_and_the_griffie(people, other_town, commit):
    town = people
    record = advice(town)
    with commit():
        take_step(record, town.advisory_member, "submit", on=D(2026, 11, 23))
    assert addresses() == emails(town.staff, town.griffie, town.second_griffie)
    message = message_to(town.staff)
    assert message.subject == "Advies A2026-03 ingediend: Beleidsplan armoede"
    assert "De reactie wordt verwacht op" in message.body
    url = reverse("advice:inspect", args=[record.pk])
    assert_link_opens(message, town.staff, url)
    assert_link_opens(message_to(town.griffie), town.griffie, url)


def test_a_sent_response_letter_goes_to_the_adviesraad_with_the_pdf(people, other_town, commit):
    town = people
    record = adopted_advice(town)
    letter = ResponseLetter.objects.create(advice=record)
    with commit():
        letter.send(town.staff)
    assert addresses() == emails(town.advisory_member)
    message = message_to(town.advisory_member)
    assert message.subject == "Collegereactie op advies A2026-03 verzonden: Beleidsplan armoede"
    letter.refresh_from_db()
    ((name, content, mimetype),) = message.attachments
    assert name == f"collegereactie-v{letter.version}.pdf" and mimetype == "application/pdf"
    assert content == letter.stored_pdf()
    assert_link_opens(message, town.advisory_member, reverse("advice:inspect", args=[record.pk]))


def test_a_corrected_response_letter_is_sent_to_the_adviesraad_again(people, commit):
    town = people
    letter = ResponseLetter.objects.create(advice=adopted_advice(town))
    with commit():
        letter.send(town.staff)
        correction = letter.new_version(town.staff)
        correction.send(town.staff)
    assert addresses() == emails(town.advisory_member, town.advisory_member)
    correction.refresh_from_db()
    assert mail.outbox[1].attachments[0][1] == correction.stored_pdf()


def test_a_proposed_completion_of_a_motion_mails_the_griffie(people, other_town, commit):
    town = people
    record = motion(town, in_progress=True)
    with commit():
        take_motion_step(
            record,
            town.staff,
            "propose_completion",
            reason="Uitgevoerd.",
            route="council_proposal",
            reference="Raadsvoorstel 2026-041",
        )
    assert addresses() == emails(town.griffie, town.second_griffie)
    message = message_to(town.griffie)
    assert message.subject == f"Afdoening voorgesteld: motie {record}"
    assert "Raadsvoorstel 2026-041" in message.body
    assert_link_opens(message, town.griffie, reverse("motion:inspect", args=[record.pk]))


def test_a_proposed_completion_of_a_commitment_mails_the_griffie(people, other_town, commit):
    town = people
    record = commitment(town)
    with commit():
        take_commitment_step(record, town.staff, "propose_completion", reason="Gedaan.")
    assert addresses() == emails(town.griffie, town.second_griffie)
    message = message_to(town.griffie)
    assert message.subject == f"Afdoening voorgesteld: toezegging {record}"
    assert_link_opens(message, town.griffie, reverse("commitment:inspect", args=[record.pk]))


def test_the_councils_decision_on_completion_mails_the_portfolio_staff(people, other_town, commit):
    town = people
    record = motion(town, completion_proposed=True)
    with commit():
        take_motion_step(
            record, town.griffie, "complete", reason="Raad akkoord.", on=D(2026, 11, 19)
        )
    assert addresses() == emails(town.staff)
    message = message_to(town.staff)
    assert message.subject == f"De raad heeft motie {record} afgedaan"
    assert "19 november 2026" in message.body
    assert_link_opens(message, town.staff, reverse("motion:inspect", args=[record.pk]))


def test_the_council_not_agreeing_mails_the_portfolio_staff(people, other_town, commit):
    town = people
    record = commitment(town, completion_proposed=True)
    with commit():
        take_commitment_step(record, town.griffie, "reopen", reason="Raad niet akkoord.")
    assert addresses() == emails(town.staff)
    message = message_to(town.staff)
    assert message.subject == f"De raad stemde niet in met afdoening van toezegging {record}"
    assert_link_opens(message, town.staff, reverse("commitment:inspect", args=[record.pk]))


def test_an_adopted_motion_mails_the_portfolio_staff(people, other_town, commit):
    town = people
    record = motion(town)
    with commit():
        take_motion_step(
            record, town.griffie, "adopt", reason="Aangenomen.", deadline=D(2027, 6, 30)
        )
    assert addresses() == emails(town.staff)
    message = message_to(town.staff)
    assert message.subject == f"Aangenomen door de raad: motie {record}"
    assert "30 juni 2027" in message.body


def test_a_published_advice_mails_its_adviesraad(people, other_town, commit):
    town = people
    record = adopted_advice(town)
    take_step(record, town.staff, "send_response", on=D(2026, 11, 23))
    with commit():
        take_step(record, town.griffie, "publish")
    assert addresses() == emails(town.advisory_member)
    message = message_to(town.advisory_member)
    assert message.subject == "Gepubliceerd: advies A2026-03 Beleidsplan armoede"
    assert_link_opens(message, town.advisory_member, reverse("advice:inspect", args=[record.pk]))


def test_a_published_motion_mails_the_portfolio_staff(people, other_town, commit):
    town = people
    record = motion(town, adopted=True)
    with commit():
        publish_motion(record, town.griffie, True)
        publish_motion(record, town.griffie, False)  # withdrawing mails nobody
    assert addresses() == emails(town.staff)
    message = message_to(town.staff)
    assert message.subject == f"Gepubliceerd: motie {record}"
    assert_link_opens(message, town.staff, reverse("motion:inspect", args=[record.pk]))


# Nobody else -----------------------------------------------------------------------------


def test_the_actor_does_not_get_their_own_mail(people, commit):
    town = people
    record = motion(town, in_progress=True)
    with commit():
        take_motion_step(
            record,
            town.griffie,
            "propose_completion",
            reason="Uitgevoerd.",
            route="council_proposal",
            reference="Raadsvoorstel 2026-041",
        )
    assert addresses() == emails(town.second_griffie)


def test_nobody_of_another_municipality_portfolio_or_adviesraad_gets_anything(
    people, other_town, commit
):
    town = people
    with commit():
        take_step(advice(town), town.advisory_member, "submit", on=D(2026, 11, 23))
        take_motion_step(
            motion(town, completion_proposed=True), town.griffie, "complete", reason="Akkoord."
        )
        publish_motion(motion(town, adopted=True), town.griffie, True)
    outsiders = emails(
        town.staff_other_portfolio,
        town.neighbour_member,
        other_town.griffie,
        other_town.staff,
        other_town.staff_other_portfolio,
        other_town.advisory_member,
    )
    assert mail.outbox and not set(addresses()) & set(outsiders)


def test_a_kind_turned_off_is_not_sent(people, commit):
    town = people
    NotificationOptOut.objects.create(user=town.staff, kind=K.council_decision)
    with commit():
        take_motion_step(
            motion(town, completion_proposed=True), town.griffie, "complete", reason="Akkoord."
        )
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_inactive_users_and_users_without_address_are_skipped(people, commit):
    town = people
    town.griffie.is_active = False
    town.griffie.save()
    town.second_griffie.email = ""
    town.second_griffie.save()
    with commit():
        take_commitment_step(commitment(town), town.staff, "propose_completion", reason="Gedaan.")
    assert mail.outbox == []


def test_the_same_hand_over_twice_is_one_mail(people, commit):
    town = people
    record = motion(town, completion_proposed=True)
    with commit():
        record = take_motion_step(record, town.griffie, "complete", reason="Akkoord.")
        assert notify(K.council_decision, record, actor=town.griffie) == 0
    assert Notification.objects.count() == 1
    assert addresses() == emails(town.staff)
    assert send_unsent() == 0
    assert len(mail.outbox) == 1


def test_a_second_occasion_of_the_same_step_is_mailed_again(people, commit):
    town = people
    record = commitment(town)
    with commit():
        record = take_commitment_step(record, town.staff, "propose_completion", reason="Gedaan.")
        record = take_commitment_step(record, town.griffie, "reopen", reason="Niet akkoord.")
        take_commitment_step(record, town.staff, "propose_completion", reason="Nu wel.")
    assert addresses().count(town.griffie.email) == 2


# The mail server fails -------------------------------------------------------------------


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


def test_a_failed_send_is_kept_with_its_error_and_the_sweep_sends_it_once(people, commit, settings):
    town = people
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with commit():
        take_commitment_step(
            commitment(town, completion_proposed=True), town.griffie, "reopen", reason="Nee."
        )
    notification = Notification.objects.get()
    assert (notification.sent_at, notification.attempts) == (None, 1)
    assert "Service not available" in notification.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_notifications", stdout=out)
    assert "1 melding(en) verstuurd." in out.getvalue()
    call_command("send_notifications", stdout=io.StringIO())
    assert addresses() == emails(town.staff)
    notification.refresh_from_db()
    assert notification.sent_at is not None and notification.attempts == 2
    assert notification.last_error == ""


def test_the_daily_reminder_run_retries_failed_mails(people, commit, settings):
    town = people
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with commit():
        take_commitment_step(commitment(town), town.staff, "propose_completion", reason="Gedaan.")
    assert Notification.objects.filter(sent_at=None).count() == 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_reminders", "--date", "2026-11-24", stdout=out)
    assert "2 melding(en) verstuurd." in out.getvalue()
    assert addresses() == emails(town.griffie, town.second_griffie)


def test_the_reminder_task_retries_failed_mails_too(people, commit, settings):
    town = people
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with commit():
        take_commitment_step(commitment(town), town.staff, "propose_completion", reason="Gedaan.")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_reminders_task.enqueue("2026-11-24")
    assert addresses() == emails(town.griffie, town.second_griffie)


def test_a_mail_that_keeps_failing_is_given_up_after_ten_attempts(people, commit, settings):
    town = people
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with commit():
        take_commitment_step(
            commitment(town, completion_proposed=True), town.griffie, "reopen", reason="Nee."
        )
    for _attempt in range(12):
        send_unsent()
    assert Notification.objects.get().attempts == 10


def test_a_recipient_who_left_before_the_retry_is_not_mailed(people, commit, settings):
    town = people
    settings.EMAIL_BACKEND = "tests.test_notifications.RefusingBackend"
    with commit():
        take_commitment_step(
            commitment(town, completion_proposed=True), town.griffie, "reopen", reason="Nee."
        )
    town.staff.is_active = False
    town.staff.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_unsent() == 0
    assert mail.outbox == []
    assert Notification.objects.get().last_error == (
        "De ontvanger is niet meer actief of heeft geen e-mailadres."
    )


def test_a_mail_is_sent_only_after_the_step_commits(people):
    town = people
    take_commitment_step(commitment(town), town.staff, "propose_completion", reason="Gedaan.")
    assert mail.outbox == []  # the test's transaction never commits
    assert Notification.objects.filter(sent_at=None).count() == 2


# Who is informed, before the step -------------------------------------------------------


def test_the_step_page_says_who_gets_an_email(people):
    town = people
    record = motion(town, in_progress=True)
    page = client_for(town.staff).get(
        reverse("motion:transition", args=[record.pk, "propose_completion"])
    )
    assert "Een e-mail hierover gaat naar de griffie van Dijkhoven." in page.text


def test_the_commitment_step_page_says_who_gets_an_email(people):
    town = people
    record = commitment(town, completion_proposed=True)
    page = client_for(town.griffie).get(
        reverse("commitment:transition", args=[record.pk, "complete"])
    )
    assert "Een e-mail hierover gaat naar de medewerkers van portefeuille Sociaal domein." in (
        page.text
    )


def test_a_step_without_hand_over_says_nothing_about_email(people):
    town = people
    page = client_for(town.griffie).get(
        reverse("commitment:transition", args=[commitment(town).pk, "lapse"])
    )
    assert page.status_code == 200
    assert "e-mail" not in page.text.split("<main", 1)[-1].lower()


def test_the_advice_step_page_names_the_portfolio_staff_and_the_griffie(people):
    town = people
    record = advice(town)
    page = client_for(town.advisory_member).get(reverse("advice:step", args=[record.pk, "submit"]))
    assert (
        "Een e-mail hierover gaat naar de medewerkers van portefeuille Sociaal domein en "
        "de griffie van Dijkhoven." in page.text
    )


def test_the_letter_confirmation_names_the_adviesraad(people):
    town = people
    letter = ResponseLetter.objects.create(advice=adopted_advice(town))
    page = client_for(town.staff).get(reverse("response_letter:action", args=[letter.pk, "send"]))
    assert f"Een e-mail hierover gaat naar de leden van {town.advisory_council}." in page.text


def test_the_publication_confirmation_names_the_portfolio_staff(people):
    town = people
    record = motion(town, adopted=True)
    page = client_for(town.griffie).get(
        reverse("motion:publication", args=[record.pk]), {"publish": "1"}
    )
    assert "Een e-mail hierover gaat naar de medewerkers van portefeuille Sociaal domein." in (
        page.text
    )


def test_when_nobody_can_be_told_the_page_says_so(town):
    record = motion(town, in_progress=True)  # nobody has an address
    assert informed(K.completion_proposed, record, actor=town.staff) == (
        "Niemand krijgt hierover een e-mail: wie nu aan zet is, heeft geen e-mailadres in "
        "Raadsvolg of heeft deze e-mails uitgezet."
    )


# Preferences ------------------------------------------------------------------------------


def account_data(page) -> dict:
    """The account form as the page shows it, ready to post back."""
    data = {}
    for panels in page.context["panels_by_tab"].values():
        for panel in panels:
            for field in panel.get_form():
                value = field.value()
                if isinstance(field.field, forms.FileField):
                    continue
                if value is True:
                    data[field.html_name] = "on"
                elif value not in (None, False):
                    data[field.html_name] = value
    return data


def test_the_account_page_shows_only_the_kinds_of_the_users_roles(people):
    town = people
    page = client_for(town.advisory_member).get(reverse("wagtailadmin_account"))
    assert "Een nieuwe adviesaanvraag aan mijn adviesraad" in page.text
    assert "De reactie van het college op een advies van mijn adviesraad" in page.text
    assert "Een advies dat bij het college is ingediend" not in page.text
    assert "submitted_notifications" not in page.text  # Wagtail's page moderation mails
    staff_page = client_for(town.staff).get(reverse("wagtailadmin_account"))
    assert "Een advies dat bij het college is ingediend" in staff_page.text
    assert "Een nieuwe adviesaanvraag aan mijn adviesraad" not in staff_page.text


def test_turning_a_kind_off_in_the_account_page_saves_it(people, commit):
    town = people
    client = client_for(town.staff)
    page = client.get(reverse("wagtailadmin_account"))
    data = account_data(page)
    assert data["handover_mail-council_decision"] == "on"  # all on by default
    del data["handover_mail-council_decision"]
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    assert list(town.staff.notification_opt_outs.values_list("kind", flat=True)) == [
        K.council_decision
    ]
    with commit():
        take_motion_step(
            motion(town, completion_proposed=True), town.griffie, "complete", reason="Akkoord."
        )
    assert mail.outbox == []
    data["handover_mail-council_decision"] = "on"
    client.post(reverse("wagtailadmin_account"), data)
    assert not town.staff.notification_opt_outs.exists()


def test_loading_the_demo_data_mails_nobody(db, settings, commit):
    settings.RAADSVOLG_DEMO = True
    with commit():
        call_command("load_demo_data", stdout=io.StringIO())
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_an_attachment_is_named_without_the_storage_suffix():
    from governance.notifications import attachment_name

    assert attachment_name("letters/2026/collegereactie-v1_e7ZMyd5.pdf") == "collegereactie-v1.pdf"
    assert attachment_name("letters/2026/responseletter-v2.pdf") == "responseletter-v2.pdf"
