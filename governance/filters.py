"""Choices for list filters that stay inside what the user may see: a filter must not
list the portfolios, parties or adviesraden of another municipality, nor a record its
list would not show."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .constants import DUE_SOON_DAYS
from .forms import recent_meetings, visible_records
from .models import AdvisoryCouncil, Meeting, Municipality, Portfolio
from .roles import scope_for


def lazy_str(function):
    """A label computed when shown, in the language of that moment."""
    return lazy(function, str)


def scoped_choices(model):
    """A queryset callable for django-filter: the records of the user's reach."""

    def queryset(request):
        if request is None:
            return model.objects.none()
        scope = scope_for(request.user)
        records = model.objects.all()
        if scope.is_superuser:
            return records
        if model is AdvisoryCouncil:
            return records.filter(
                Q(pk__in=scope.advisory_council_ids) | Q(municipalities__in=scope.municipality_ids)
            ).distinct()
        visible = visible_records(model, request.user)
        if visible is not None:
            return records.filter(pk__in=visible.values("pk"))
        advised = set(
            Municipality.objects.filter(
                advisory_councils__in=scope.advisory_council_ids
            ).values_list("pk", flat=True)
        )
        if model is Portfolio:
            # College staff see only their own portfolios' records: another portfolio
            # would filter their list to nothing.
            return records.filter(
                Q(municipality_id__in=scope.griffie_municipality_ids | advised)
                | Q(pk__in=scope.staff_portfolio_ids)
            )
        return records.filter(municipality_id__in=set(scope.municipality_ids) | advised)

    return queryset


def meeting_choices(request):
    """The meetings a list's filter offers: the user's recent and upcoming ones (as the
    forms offer, governance.forms.recent_meetings), plus the one filtered on now, so
    that a link to an older meeting's moties still works; a municipality's meetings
    grow without end, and a <select> of all of them would too."""
    scoped = scoped_choices(Meeting)(request)
    if request is None:
        return scoped
    recent = recent_meetings(scoped, timezone.localdate())
    chosen = request.GET.get("meeting", "")
    if chosen.isdigit():
        return scoped.filter(Q(pk__in=recent.values("pk")) | Q(pk=int(chosen)))
    return recent


@lazy_str
def _due_soon_label():
    return gettext("Due within %(days)s days") % {"days": DUE_SOON_DAYS}


def overdue_filter():
    """The lists' filter on deadlines: overdue, due soon (the admin home's two groups,
    by the model queryset's `overdue()` and `due_soon()`, the one definition of each)
    or not overdue. The panel links to the lists with these values."""
    return django_filters.ChoiceFilter(
        label=_("Overdue"),
        choices=[
            ("yes", _("Overdue")),
            ("soon", _due_soon_label()),
            ("no", _("Not overdue")),
        ],
        method=filter_overdue,
        empty_label=_("All"),
    )


def filter_overdue(queryset, name, value):
    if value == "yes":
        return queryset.overdue()
    if value == "soon":
        return queryset.due_soon()
    if value == "no":
        return queryset.not_overdue()
    return queryset
