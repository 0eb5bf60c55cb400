"""Scheduled work through Django's Tasks API (immediate in tests and development, a
database-backed worker in production: `manage.py db_worker`)."""

import datetime

from django.utils import timezone
from django_tasks import task

from .notifications import send_unsent
from .reminders import send_reminders


@task()
def send_reminders_task(day: str | None = None) -> int:
    """Send the reminders of `day` (ISO date; today when empty), and retry the
    hand-over mails that failed before. Returns how many reminders were sent."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    count = send_reminders(today)
    send_unsent()
    return count


@task()
def send_notifications_task(key: str) -> int:
    """Send the recorded mails of one hand-over; those already sent are left alone."""
    return send_unsent(key)


@task()
def retry_notifications_task() -> int:
    """Send every recorded hand-over mail that is still unsent (the retry sweep)."""
    return send_unsent()


@task()
def render_letter_task(app_label: str, model_name: str, letter_id: int) -> str:
    """Render and store the PDF of a draft letter; a sent letter is left as it was sent.
    Running it twice does no harm. Returns the SHA-256 of the stored PDF."""
    from django.apps import apps

    model = apps.get_model(app_label, model_name)
    letter = model.objects.get(pk=letter_id)
    letter.regenerate()
    return letter.sha256
