"""Querysets of adviesaanvragen, composed of small filters."""

import datetime

from django.db import models
from django.utils import timezone

from governance.constants import DUE_SOON_DAYS
from governance.roles import scope_for

from .constants import RESPONDING_STATUSES, AdviceStatus, RequestStatus

DUE_SOON = datetime.timedelta(days=DUE_SOON_DAYS)


class AdviceRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.visible_to_scope(scope_for(user))

    def visible_to_scope(self, scope):
        """The griffie sees its municipality's requests, college staff those of their
        portfolios, adviesraad members those addressed to their adviesraad."""
        if scope.is_superuser:
            return self
        return self.filter(
            models.Q(municipality_id__in=scope.griffie_municipality_ids)
            | models.Q(portfolio_id__in=scope.staff_portfolio_ids)
            | models.Q(advisory_council_id__in=scope.advisory_council_ids)
        )

    def open(self):
        return self.filter(status=RequestStatus.open)

    def overdue(self, today=None):
        """Open requests whose advice is past its due date."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__lt=today)

    def due_soon(self, today=None):
        """Open requests due from today up to and including DUE_SOON_DAYS ahead."""
        today = today or timezone.localdate()
        return self.open().filter(due_date__range=(today, today + DUE_SOON))

    def not_overdue(self, today=None):
        return self.exclude(pk__in=self.overdue(today).values("pk"))


class AdviceQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.visible_to_scope(scope_for(user))

    def awaiting_response(self):
        return self.filter(status__in=RESPONDING_STATUSES)

    def overdue(self, today=None):
        """Adviezen awaiting the college's response past its due date (the deadline of
        an advies is the college's, not the adviesraad's)."""
        today = today or timezone.localdate()
        return self.awaiting_response().filter(response_due_date__lt=today)

    def due_soon(self, today=None):
        """Adviezen awaiting a response due from today up to DUE_SOON_DAYS ahead."""
        today = today or timezone.localdate()
        return self.awaiting_response().filter(response_due_date__range=(today, today + DUE_SOON))

    def not_overdue(self, today=None):
        return self.exclude(pk__in=self.overdue(today).values("pk"))

    def visible_to_scope(self, scope):
        """Its adviesraad sees an advies from the first draft; the griffie and the
        college staff of its portfolio only once it was submitted."""
        if scope.is_superuser:
            return self
        submitted = ~models.Q(status=AdviceStatus.draft)
        return self.filter(
            models.Q(advisory_council_id__in=scope.advisory_council_ids)
            | (
                submitted
                & (
                    models.Q(municipality_id__in=scope.griffie_municipality_ids)
                    | models.Q(portfolio_id__in=scope.staff_portfolio_ids)
                )
            )
        )

    def with_progress(self):
        """Annotated with the number of points and of complete responses."""
        complete = models.Q(points__response__position="adopted") | ~models.Q(
            points__response__reasons=""
        )
        answered = (
            models.Q(points__response__isnull=False)
            & ~models.Q(points__response__position="")
            & ~models.Q(points__response__text="")
            & complete
        )
        return self.annotate(
            point_count=models.Count("points", distinct=True),
            answered_count=models.Count("points", filter=answered, distinct=True),
        )
