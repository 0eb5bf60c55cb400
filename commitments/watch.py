"""The deadlines of toezeggingen, for the dashboard, the reminders and the calendars."""

from django.utils.translation import gettext_lazy as _

from governance.watchlist import PortfolioRecordDeadlines

from .models import Commitment


class CommitmentDeadlines(PortfolioRecordDeadlines):
    """Open toezeggingen with a deadline date; those with an unknown deadline are not watched
    by date (they show in the list)."""

    kind = _("Commitment")
    model = Commitment
    url_namespace = "commitment"
