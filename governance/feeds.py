"""Calendar feed views: a public feed of published deadlines per municipality site,
and private feeds per portfolio and per adviesraad behind the user's token."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .calendars import calendar_items, deadline_calendar
from .models import AdvisoryCouncil, CalendarToken, Portfolio
from .public_site import municipality_or_404
from .roles import scope_for


def _ics(name, items, public=False):
    base_url = "" if public else settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    response = HttpResponse(
        deadline_calendar(name, items, base_url), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=900" if public else "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def public_deadlines(request):
    """The published deadlines of the municipality whose site this is."""
    municipality = municipality_or_404(request)
    items = calendar_items(published=True, municipality_ids=[municipality.pk])
    return _ics(_("Deadlines of %(name)s") % {"name": municipality.name}, items, public=True)


def _token_user(token):
    record = CalendarToken.objects.select_related("user").filter(token=token).first()
    if record is None or not record.user.is_active:
        raise Http404
    return record.user


@require_GET
def portfolio_deadlines(request, token, pk):
    scope = scope_for(_token_user(token))
    portfolio = get_object_or_404(Portfolio, pk=pk)
    if not (scope.is_griffie_of(portfolio.municipality_id) or scope.is_staff_for(portfolio.pk)):
        raise Http404
    name = _("Deadlines of portfolio %(name)s") % {"name": portfolio.name}
    return _ics(name, calendar_items(portfolio=portfolio))


@require_GET
def advisory_council_deadlines(request, token, pk):
    scope = scope_for(_token_user(token))
    council = get_object_or_404(AdvisoryCouncil, pk=pk)
    serves_griffie = council.municipalities.filter(pk__in=scope.griffie_municipality_ids).exists()
    if not (scope.is_superuser or pk in scope.advisory_council_ids or serves_griffie):
        raise Http404
    municipality_ids = None
    if not (scope.is_superuser or pk in scope.advisory_council_ids):
        # A griffie sees only the requests of its own municipalities.
        municipality_ids = list(scope.griffie_municipality_ids)
    items = calendar_items(advisory_council=council, municipality_ids=municipality_ids)
    name = _("Deadlines of %(name)s") % {"name": council.name}
    return _ics(name, items)
