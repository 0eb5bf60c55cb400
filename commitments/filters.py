"""Filters of the toezeggingen list; each filter is a queryset method or a plain lookup."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from governance.filters import meeting_choices, overdue_filter, scoped_choices
from governance.models import Portfolio

from .constants import CommitmentStatus
from .models import Commitment


class CommitmentFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=CommitmentStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        # A column of the record itself: no join, so no DISTINCT (django-filter's default
        # for a multiple choice), which made the list and its count sort every row.
        distinct=False,
    )
    portfolio = django_filters.ModelChoiceFilter(
        label=_("Portfolio"), queryset=scoped_choices(Portfolio)
    )
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meeting_choices)
    overdue = overdue_filter()

    class Meta:
        model = Commitment
        fields = ["status", "portfolio", "meeting", "overdue"]
