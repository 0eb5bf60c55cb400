"""Reminder mails: the right people, on the right days, never twice, none for
completed items, nothing for another municipality; and the weekly digest."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from governance.models import Role, SentReminder
from governance.reminders import send_reminders
from governance.tasks import send_reminders_task
from tests.factories import AdviceRequestFactory, MotionFactory

MONDAY = datetime.date(2026, 11, 23)
TUESDAY = MONDAY + datetime.timedelta(days=1)


@pytest.fixture
def people(town, other_town):
    for user, address in (
        (town.staff, "staf@dijkhoven.example"),
        (town.staff_other_portfolio, "staf2@dijkhoven.example"),
        (town.griffie, "griffie@dijkhoven.example"),
        (town.advisory_member, "lid@adviesraad.example"),
        (other_town.staff, "staf@lindeburg.example"),
        (other_town.griffie, "griffie@lindeburg.example"),
    ):
        user.email = address
        user.save()
    town.municipality.reminder_days_before = 7
    town.municipality.digest_weekday = 0  # Monday
    town.municipality.save()
    other_town.municipality.digest_weekday = 0
    other_town.municipality.save()


def motion(town, deadline, **traits):
    traits = traits or {"in_progress": True}
    return MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.portfolio,
        deadline=deadline,
        title="Taalhuis",
        **traits,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_staff_of_the_portfolio_are_reminded_days_before_and_on_the_day(town, people):
    motion(town, TUESDAY + datetime.timedelta(days=7))
    motion(town, TUESDAY)
    assert send_reminders(TUESDAY) == 2
    assert recipients() == ["staf@dijkhoven.example", "staf@dijkhoven.example"]
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Termijn verloopt over 7 dagen: Motie")
    assert subjects[1].startswith("Vandaag verloopt de termijn: Motie")
    assert "Beste " in mail.outbox[0].body


def test_nothing_for_items_beyond_the_window(town, people):
    motion(town, TUESDAY + datetime.timedelta(days=8))
    assert send_reminders(TUESDAY) == 0
    assert mail.outbox == []


def test_an_item_inside_the_window_gets_one_reminder_ahead_then_one_on_the_day(town, people):
    # Created (or missed by cron) when its deadline was already six days off.
    motion(town, TUESDAY + datetime.timedelta(days=6))
    assert send_reminders(TUESDAY) == 1
    assert mail.outbox[0].subject.startswith("Termijn verloopt over 6 dagen")
    for day in range(1, 6):
        assert send_reminders(TUESDAY + datetime.timedelta(days=day)) == 0
    assert send_reminders(TUESDAY + datetime.timedelta(days=6)) == 1
    assert mail.outbox[1].subject.startswith("Vandaag verloopt de termijn")


def test_running_twice_on_a_day_sends_nothing_twice(town, people):
    motion(town, TUESDAY)
    assert send_reminders(TUESDAY) == 1
    assert send_reminders(TUESDAY) == 0
    assert len(mail.outbox) == 1
    assert SentReminder.objects.count() == 1


def test_no_reminders_for_completed_items(town, people):
    motion(town, TUESDAY, completed=True)
    motion(town, TUESDAY, rejected=True)
    assert send_reminders(TUESDAY) == 0


def test_nothing_for_another_municipality(town, other_town, people):
    motion(town, TUESDAY)
    MotionFactory(
        municipality=other_town.municipality,
        meeting=other_town.meeting,
        portfolio=other_town.portfolio,
        deadline=TUESDAY,
        in_progress=True,
    )
    send_reminders(TUESDAY)
    assert recipients() == ["staf@dijkhoven.example", "staf@lindeburg.example"]
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "Taalhuis" in by_address["staf@dijkhoven.example"]
    assert "Taalhuis" not in by_address["staf@lindeburg.example"]


def test_a_role_holding_a_portfolio_of_another_municipality_is_not_reminded(
    town, other_town, people
):
    # Written past the rule (the form and Role.portfolios refuse it; a restored dump or
    # SQL need not): the reminder still stays home.
    role = other_town.staff.raadsvolg_roles.get()
    Role.portfolios.through.objects.create(role=role, portfolio=town.portfolio)
    motion(town, TUESDAY)
    send_reminders(TUESDAY)
    assert recipients() == ["staf@dijkhoven.example"]


def test_adviesraad_members_are_reminded_of_their_requests(town, people):
    request = AdviceRequestFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        letter_date=datetime.date(2026, 10, 12),
    )
    assert send_reminders(request.due_date) == 1
    assert recipients() == ["lid@adviesraad.example"]


def test_the_weekly_digest_goes_to_the_griffie_on_its_day_once(town, other_town, people):
    motion(town, MONDAY - datetime.timedelta(days=10))
    MotionFactory(
        municipality=town.municipality,
        meeting=town.meeting,
        portfolio=town.other_portfolio,
        deadline=MONDAY - datetime.timedelta(days=3),
        title="Begroting",
        in_progress=True,
    )
    send_reminders(MONDAY)
    digests = [m for m in mail.outbox if m.to == ["griffie@dijkhoven.example"]]
    assert len(digests) == 1
    assert digests[0].subject == "Dijkhoven: 2 termijnen verlopen"
    body = digests[0].body
    assert body.index("Financiën") < body.index("Begroting") < body.index("Sociaal domein")
    assert "10 dagen te laat" in body
    assert "griffie@lindeburg.example" not in recipients()  # Lindeburg has nothing overdue
    mail.outbox.clear()
    send_reminders(MONDAY)
    send_reminders(TUESDAY)
    assert [m for m in mail.outbox if m.to == ["griffie@dijkhoven.example"]] == []


def test_users_without_an_address_are_skipped(town, people):
    town.staff.email = ""
    town.staff.save()
    motion(town, TUESDAY)
    assert send_reminders(TUESDAY) == 0


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failed_send_is_not_recorded_and_is_tried_again(town, people, settings, caplog):
    motion(town, TUESDAY)
    settings.EMAIL_BACKEND = "tests.test_reminders.BrokenMailBackend"
    assert send_reminders(TUESDAY) == 0
    assert "could not be sent" in caplog.text
    assert town.staff.email not in caplog.text  # no personal data in the logs
    assert SentReminder.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_reminders(TUESDAY) == 1


def test_the_command_sends_for_a_given_date(town, people):
    motion(town, TUESDAY)
    out = io.StringIO()
    call_command("send_reminders", "--date", TUESDAY.isoformat(), stdout=out)
    assert "1 herinnering(en) verstuurd voor 24-11-2026." in out.getvalue()


@pytest.mark.parametrize(
    "value", ["24-11-2026", "morgen", "2026-02-30", "<script>", "9999-12-31", "0001-01-01"]
)
def test_the_command_refuses_a_date_it_cannot_read(db, value):
    with pytest.raises(CommandError) as error:
        call_command("send_reminders", "--date", value)
    assert "is geen datum; schrijf die als JJJJ-MM-DD" in str(error.value)


def test_the_task_runs_through_the_tasks_api(town, people):
    motion(town, TUESDAY)
    result = send_reminders_task.enqueue(TUESDAY.isoformat())
    assert result.return_value == 1
    out = io.StringIO()
    call_command("send_reminders", "--date", TUESDAY.isoformat(), "--enqueue", stdout=out)
    assert "in de wachtrij gezet" in out.getvalue()
    assert len(mail.outbox) == 1  # the enqueued run found nothing new to send


def test_subjects_are_plain_text_not_html(town, people):
    motion(town, TUESDAY).__class__.objects.update(title='Zorg & welzijn "dichtbij"')
    send_reminders(TUESDAY)
    assert 'Zorg & welzijn "dichtbij"' in mail.outbox[0].subject


def test_college_staff_are_reminded_of_responses_due(town, people):
    from advice.lifecycle import take_step
    from tests.factories import AdviceFactory

    advice = AdviceFactory(
        municipality=town.municipality,
        advisory_council=town.advisory_council,
        portfolio=town.portfolio,
        points=2,
    )
    take_step(advice, town.advisory_member, "submit", on=datetime.date(2026, 11, 2))
    advice.refresh_from_db()
    assert send_reminders(advice.response_due_date) == 1
    assert recipients() == ["staf@dijkhoven.example"]
