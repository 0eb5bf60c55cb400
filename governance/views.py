"""Admin views of the governance app: the user's own calendar feeds."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .calendars import renew_token, token_for, window_numbers
from .models import AdvisoryCouncil, Portfolio
from .roles import scope_for


class CalendarFeedsView(WagtailAdminTemplateMixin, TemplateView):
    """The addresses of the user's private calendar feeds, and a way to renew them."""

    page_title = gettext_lazy("Calendar feeds")
    header_icon = "date"
    template_name = "governance/admin/calendar_feeds.html"

    def post(self, request, *args, **kwargs):
        renew_token(request.user)
        messages.success(
            request, _("Your calendar addresses were renewed; the old ones no longer work.")
        )
        return redirect("raadsvolg_calendar_feeds")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = token_for(self.request.user).token
        scope = scope_for(self.request.user)
        portfolios = Portfolio.objects.select_related("municipality")
        councils = AdvisoryCouncil.objects.all()
        if not scope.is_superuser:
            portfolios = portfolios.filter(
                municipality_id__in=scope.griffie_municipality_ids
            ) | portfolios.filter(pk__in=scope.staff_portfolio_ids)
            councils = (
                councils.filter(pk__in=scope.advisory_council_ids)
                | councils.filter(municipalities__in=scope.griffie_municipality_ids)
            ).distinct()
        context.update(window_numbers())
        build = self.request.build_absolute_uri
        context["feeds"] = [
            (str(p), build(reverse("portfolio_deadlines_ics", args=[token, p.pk])))
            for p in portfolios.order_by("municipality__name", "name")
        ] + [
            (str(c), build(reverse("advisory_council_deadlines_ics", args=[token, c.pk])))
            for c in councils.order_by("name")
        ]
        return context
