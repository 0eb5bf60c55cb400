"""Scheduled work through Django's Tasks API (immediate in tests and development, a
database-backed worker in production: `manage.py db_worker`)."""

import datetime

from django.utils import timezone
from django_tasks import task

from .reminders import send_reminders


@task()
def send_reminders_task(day: str | None = None) -> int:
    """Send the reminders of `day` (ISO date; today when empty)."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return send_reminders(today)


@task()
def render_letter_task(app_label: str, model_name: str, letter_id: int) -> str:
    """Render and store the PDF of a draft letter; a sent letter is left as it was sent.
    Running it twice does no harm. Returns the SHA-256 of the stored PDF."""
    from django.apps import apps

    model = apps.get_model(app_label, model_name)
    letter = model.objects.get(pk=letter_id)
    letter.regenerate()
    return letter.sha256
