"""The deadlines of moties, for the dashboard, the reminders and the calendars."""

from django.utils.translation import gettext_lazy as _

from governance.watchlist import PortfolioRecordDeadlines

from .models import Motion


class MotionDeadlines(PortfolioRecordDeadlines):
    """Open moties with a deadline date; those with an unknown deadline are not watched
    by date (they show in the list)."""

    kind = _("Motion")
    model = Motion
    url_namespace = "motion"
