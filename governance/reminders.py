"""Reminder mails: to the responsible people a number of days before a deadline and
on the day itself, and a weekly digest of overdue items per portfolio to the griffie.

Each mail is recorded (`SentReminder`) in the same transaction that sends it, so a
second run sends nothing again, and a failed send is retried on the next run. The
reminder ahead goes out for anything due within the window that has not had one, so
an item created inside the window, or a day cron missed, still gets it."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from .constants import RoleKind
from .models import Municipality, Role, SentReminder
from .watchlist import SOURCES

logger = logging.getLogger(__name__)


def send_reminders(today: datetime.date) -> int:
    """Send every reminder and digest due on `today`; return how many were sent."""
    sent = 0
    for municipality in Municipality.objects.all():
        sent += _send_deadline_reminders(municipality, today)
        if today.weekday() == municipality.digest_weekday:
            sent += _send_digest(municipality, today)
    return sent


def _send_deadline_reminders(municipality, today) -> int:
    ahead = today + datetime.timedelta(days=municipality.reminder_days_before)
    sent = 0
    for source in SOURCES:
        items = source.items_due_between(municipality, today, ahead)
        recipients = source.responsible_users(items)
        for item in items:
            moment = "today" if item.due == today else "ahead"
            for user in recipients.get(item.key, []):
                key = f"{item.key}:{item.due.isoformat()}:{moment}"
                context = {
                    "item": item,
                    "user": user,
                    "today": today,
                    "days": item.days_left(today),
                }
                sent += _send_once(user, key, "governance/mail/reminder", context)
    return sent


def _send_digest(municipality, today) -> int:
    items = [item for source in SOURCES for item in source.overdue_items(municipality, today)]
    if not items:
        return 0
    by_portfolio = defaultdict(list)
    for item in sorted(items, key=lambda item: (item.portfolio, item.due)):
        by_portfolio[item.portfolio].append({"item": item, "days": item.describe_days(today)})
    week = today.isocalendar()
    sent = 0
    for role in Role.objects.filter(
        kind=RoleKind.griffie, municipality=municipality
    ).select_related("user"):
        context = {
            "municipality": municipality,
            "portfolios": dict(by_portfolio),
            "today": today,
            "user": role.user,
            "count": len(items),
        }
        key = f"digest:{municipality.pk}:{week.year}-W{week.week:02d}"
        sent += _send_once(role.user, key, "governance/mail/digest", context)
    return sent


def _send_once(user, key, template, context) -> int:
    if not user.email or not user.is_active:
        return 0
    context = {**context, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
    try:
        with transaction.atomic():
            SentReminder.objects.create(recipient=user, key=key)
            with translation.override("nl"):
                subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
                body = render_to_string(f"{template}.txt", context)
            send_mail(subject, body, None, [user.email])
    except IntegrityError:
        return 0  # sent before
    except Exception:
        # One refused address or a mail server hiccup must not stop the other
        # reminders; this one is not recorded, so the next run tries it again.
        # The user's id, not the address: logs leave the application (docs/security.md).
        logger.exception("Reminder %s to user %s could not be sent", key, user.pk)
        return 0
    return 1
