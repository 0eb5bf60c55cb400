"""Who may see and change which adviesaanvragen in the admin."""

from governance.permissions import ScopedPermissionPolicy

from .constants import RequestStatus


class AdviceRequestPermissionPolicy(ScopedPermissionPolicy):
    """The college (staff of the portfolio) and the griffie register requests; the
    adviesraad they are addressed to reads them."""

    def actions_for(self, scope):
        actions = set()
        if scope.griffie_municipality_ids or scope.staff_portfolio_ids:
            actions |= {"add", "change", "view"}
        if scope.griffie_municipality_ids:
            actions.add("delete")
        if scope.advisory_council_ids:
            actions.add("view")
        return actions

    def allows_instance(self, scope, action, request):
        keeps = request.municipality_id in scope.griffie_municipality_ids or scope.is_staff_for(
            request.portfolio_id
        )
        if action == "view":
            return keeps or request.advisory_council_id in scope.advisory_council_ids
        if action == "delete":
            return (
                request.municipality_id in scope.griffie_municipality_ids
                and request.status == RequestStatus.open
            )
        return keeps and action in ("add", "change")

    def reachable(self, scope, action):
        from django.db.models import Q

        from .models import AdviceRequest

        if action == "view":
            return AdviceRequest.objects.visible_to_scope(scope)
        keeps = Q(municipality_id__in=scope.griffie_municipality_ids)
        if action != "delete":
            keeps |= Q(portfolio_id__in=scope.staff_portfolio_ids)
        return AdviceRequest.objects.filter(keeps)
