"""Choices for list filters that stay inside what the user may see: a filter must not
list the portfolios, parties or adviesraden of another municipality."""

from django.db.models import Q

from .models import AdvisoryCouncil, Municipality
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
        municipalities = set(scope.municipality_ids) | set(
            Municipality.objects.filter(
                advisory_councils__in=scope.advisory_council_ids
            ).values_list("pk", flat=True)
        )
        return records.filter(municipality_id__in=municipalities)

    return queryset
