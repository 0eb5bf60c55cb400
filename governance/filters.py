"""Choices for list filters that stay inside what the user may see: a filter must not
list the portfolios, parties or adviesraden of another municipality, nor a record its
list would not show."""

from django.db.models import Q

from .forms import visible_records
from .models import AdvisoryCouncil, Municipality, Portfolio
from .roles import scope_for


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
