"""Filters of the advice lists, with choices inside the user's reach."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from governance.filters import overdue_filter, scoped_choices
from governance.models import AdvisoryCouncil, Portfolio

from .constants import AdviceStatus, RequestStatus
from .models import Advice, AdviceRequest


class AdviceRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    advisory_council = django_filters.ModelChoiceFilter(
        label=_("Advisory council"), queryset=scoped_choices(AdvisoryCouncil)
    )
    portfolio = django_filters.ModelChoiceFilter(
        label=_("Portfolio"), queryset=scoped_choices(Portfolio)
    )
    overdue = overdue_filter()

    class Meta:
        model = AdviceRequest
        fields = ["status", "advisory_council", "portfolio", "overdue"]


class AdviceFilterSet(AdviceRequestFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AdviceStatus.choices)

    class Meta:
        model = Advice
        fields = ["status", "advisory_council", "portfolio", "overdue"]
