"""Send the hand-over mails that are still unsent, e.g. because the mail server failed:
the retry sweep. `send_reminders` runs it too, so the daily cron retries them."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from governance.notifications import send_unsent
from governance.tasks import retry_notifications_task


class Command(BaseCommand):
    help = "Send the hand-over e-mails that could not be sent before."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Run through the task worker instead."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = retry_notifications_task.enqueue()
            self.stdout.write(_("Notifications enqueued as task %(id)s.") % {"id": result.id})
            return
        count = send_unsent()
        self.stdout.write(_("%(count)s notification(s) sent.") % {"count": count})
