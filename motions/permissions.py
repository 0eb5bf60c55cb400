"""Who may see and change which moties in the admin (lifecycle steps: motions.lifecycle)."""

from governance.permissions import ScopedPermissionPolicy, SentLettersFrozen

from .constants import MotionStatus


class MotionPermissionPolicy(ScopedPermissionPolicy):
    """The griffie registers and edits the moties of its municipality; college staff
    see the moties of their portfolios; adviesraad members see none."""

    def actions_for(self, scope):
        if scope.griffie_municipality_ids:
            return {"add", "change", "delete", "view"}
        return {"view"} if scope.staff_portfolio_ids else set()

    def allows_instance(self, scope, action, motion):
        griffie = motion.municipality_id in scope.griffie_municipality_ids
        if action == "view":
            return griffie or scope.is_staff_for(motion.portfolio_id)
        if action == "delete":
            # Only a registration mistake may go: once voted on, a motie is record.
            return griffie and motion.status == MotionStatus.submitted
        return griffie and action in ("add", "change")

    def user_has_permission_for_instance(self, user, action, instance):
        # Once voted on, a motie is record: nobody deletes it, superusers included.
        if action == "delete" and instance.status != MotionStatus.submitted:
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def reachable(self, scope, action):
        from .models import Motion

        if action == "view":
            return Motion.objects.visible_to_scope(scope)
        queryset = Motion.objects.filter(municipality_id__in=scope.griffie_municipality_ids)
        if action == "delete":
            queryset = queryset.filter(status=MotionStatus.submitted)
        return queryset


class CompletionLetterPermissionPolicy(SentLettersFrozen, ScopedPermissionPolicy):
    """The griffie and college staff of the motie's portfolio draft and send the letter;
    whoever sees the motie sees its letters. A sent letter is never changed or deleted."""

    def actions_for(self, scope):
        if scope.griffie_municipality_ids or scope.staff_portfolio_ids:
            return {"add", "change", "delete", "view"}
        return set()

    def allows_instance(self, scope, action, letter):
        motion = letter.motion
        keeps = motion.municipality_id in scope.griffie_municipality_ids or scope.is_staff_for(
            motion.portfolio_id
        )
        if action in ("change", "delete"):
            return keeps and not letter.is_sent
        return keeps

    def reachable(self, scope, action):
        from django.db.models import Q

        from governance.letters import LetterStatus

        from .models import CompletionLetter

        keeps = Q(motion__municipality_id__in=scope.griffie_municipality_ids) | scope.staff_reach(
            "motion__"
        )
        letters = CompletionLetter.objects.filter(keeps)
        if action in ("change", "delete"):
            letters = letters.filter(status=LetterStatus.draft)
        return letters
