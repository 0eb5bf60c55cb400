"""Querysets of adviesaanvragen, composed of small filters."""

import datetime

from django.db import models
from django.db.models.functions import Coalesce
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
            | scope.staff_reach()
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
                    | scope.staff_reach()
                )
            )
        )

    def with_progress(self):
        """Annotated with the number of points and of complete responses. Each is a
        subquery per advies rather than a join with every point and response grouped
        by advies: the lists count their adviezen without those joins (Django leaves
        an unused subquery out of a count), and a page computes them for its own rows
        only (docs/scale.md)."""
        from .models import AdvicePoint

        complete = models.Q(response__position="adopted") | ~models.Q(response__reasons="")
        answered = (
            models.Q(response__isnull=False)
            & ~models.Q(response__position="")
            & ~models.Q(response__text="")
            & complete
        )
        points = AdvicePoint.objects.filter(advice=models.OuterRef("pk")).order_by()

        def count(points):
            counted = points.values("advice").annotate(count=models.Count("pk")).values("count")
            return Coalesce(models.Subquery(counted), 0)

        return self.annotate(
            point_count=count(points), answered_count=count(points.filter(answered))
        )
