"""Send the reminder mails of today: meant for cron, once a day (running it twice sends
nothing twice); it also retries hand-over mails that failed before. `--enqueue` hands
the work to the task worker instead."""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.notifications import send_unsent
from governance.reminders import send_reminders
from governance.tasks import send_reminders_task
from governance.validators import validate_plausible_date


class Command(BaseCommand):
    help = "Send the deadline reminders and weekly digests that are due today."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to send for, as YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Run through the task worker instead."
        )

    def handle(self, *args, date=None, enqueue=False, **options):
        today = self.parse_date(date) if date else timezone.localdate()
        if enqueue:
            result = send_reminders_task.enqueue(today.isoformat())
            self.stdout.write(_("Reminders enqueued as task %(id)s.") % {"id": result.id})
            return
        count = send_reminders(today)
        self.stdout.write(
            _("%(count)s reminder(s) sent for %(date)s.")
            % {"count": count, "date": today.strftime("%d-%m-%Y")}
        )
        # The daily run is also the retry sweep of hand-over mails that failed.
        retried = send_unsent()
        if retried:
            self.stdout.write(_("%(count)s notification(s) sent.") % {"count": retried})

    @staticmethod
    def parse_date(value):
        try:
            day = datetime.date.fromisoformat(value)
            validate_plausible_date(day)
            return day
        except (ValueError, ValidationError):
            raise CommandError(
                _("'%(value)s' is not a date; write it as YYYY-MM-DD, e.g. 2026-11-24.")
                % {"value": value}
            ) from None
