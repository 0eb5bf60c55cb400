"""Who may see and change which toezeggingen in the admin (steps: commitments.lifecycle)."""

from governance.permissions import ScopedPermissionPolicy

from .constants import CommitmentStatus


def is_registration_mistake(commitment) -> bool:
    """Only an open, never published toezegging may be deleted: after that it is record."""
    return commitment.status == CommitmentStatus.open and commitment.published_at is None


class CommitmentPermissionPolicy(ScopedPermissionPolicy):
    """The griffie registers and edits the toezeggingen of its municipality; college
    staff see those of their portfolios (and update their progress and propose their
    completion through the lifecycle); adviesraad members see none."""

    def actions_for(self, scope):
        if scope.griffie_municipality_ids:
            return {"add", "change", "delete", "view"}
        return {"view"} if scope.staff_portfolio_ids else set()

    def allows_instance(self, scope, action, commitment):
        griffie = commitment.municipality_id in scope.griffie_municipality_ids
        if action == "view":
            return griffie or scope.is_staff_for(commitment.portfolio_id)
        if action == "delete":
            return griffie and is_registration_mistake(commitment)
        return griffie and action in ("add", "change")

    def user_has_permission_for_instance(self, user, action, instance):
        # Superusers included: a toezegging that moved on or was published stays.
        if action == "delete" and not is_registration_mistake(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def reachable(self, scope, action):
        from .models import Commitment

        if action == "view":
            return Commitment.objects.visible_to_scope(scope)
        queryset = Commitment.objects.filter(municipality_id__in=scope.griffie_municipality_ids)
        if action == "delete":
            queryset = queryset.filter(status=CommitmentStatus.open, published_at__isnull=True)
        return queryset
