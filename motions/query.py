"""Querysets of moties, composed of small filters."""

from django.db import models
from django.utils import timezone

from governance.roles import scope_for

from .constants import OPEN_STATUSES


class MotionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Moties the user may see: all of their griffie's municipalities, and those of
        their portfolios for college staff. Adviesraad members see none."""
        return self.visible_to_scope(scope_for(user))

    def visible_to_scope(self, scope):
        if scope.is_superuser:
            return self
        return self.filter(
            models.Q(municipality_id__in=scope.griffie_municipality_ids)
            | models.Q(portfolio_id__in=scope.staff_portfolio_ids)
        )

    def published(self):
        """Moties the griffie published: the only ones any public surface shows."""
        return self.filter(published_at__isnull=False)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Open moties whose deadline has passed."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)

    def not_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def with_list_relations(self):
        """Everything the motievolglijst shows, fetched up front."""
        return self.select_related(
            "municipality", "meeting", "portfolio", "portfolio__holder"
        ).prefetch_related("submitters__person", "submitters__party")

    def with_votes(self):
        """The vote and the fracties' votes too (the motie pages and the export)."""
        return self.select_related("vote").prefetch_related("vote__party_votes__party")
