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
