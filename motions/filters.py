"""Filters of the motievolglijst; each filter is a queryset method or a plain lookup."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from governance.filters import meeting_choices, overdue_filter, scoped_choices
from governance.models import Party, Portfolio

from .constants import MotionStatus
from .models import Motion


class MotionFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=MotionStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        # A column of the record itself: no join, so no DISTINCT (django-filter's default
        # for a multiple choice), which made the list and its count sort every row.
        distinct=False,
    )
    portfolio = django_filters.ModelChoiceFilter(
        label=_("Portfolio"), queryset=scoped_choices(Portfolio)
    )
    party = django_filters.ModelChoiceFilter(
        label=_("Party"),
        field_name="submitters__party",
        queryset=scoped_choices(Party),
        distinct=True,
    )
    meeting = django_filters.ModelChoiceFilter(label=_("Meeting"), queryset=meeting_choices)
    deadline = django_filters.DateFromToRangeFilter(
        label=_("Deadline between"), widget=DateRangePickerWidget
    )
    overdue = overdue_filter()

    class Meta:
        model = Motion
        fields = ["status", "portfolio", "party", "meeting", "deadline", "overdue"]
