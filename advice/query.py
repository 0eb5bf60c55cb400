"""Querysets of adviesaanvragen, composed of small filters."""

from django.db import models

from governance.roles import scope_for

from .constants import RequestStatus


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
