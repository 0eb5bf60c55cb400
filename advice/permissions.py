"""Who may see and change which adviesaanvragen in the admin."""

from governance.permissions import ScopedPermissionPolicy, SentLettersFrozen

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
            keeps |= scope.staff_reach()
        return AdviceRequest.objects.filter(keeps)


class AdvicePermissionPolicy(ScopedPermissionPolicy):
    """Adviesraad members write the adviezen of their adviesraad and keep them while
    they are drafts; the griffie and the college staff of the portfolio read them once
    submitted (the response has its own view, see advice.views)."""

    def actions_for(self, scope):
        actions = {"add", "change", "delete", "view"} if scope.advisory_council_ids else set()
        if scope.griffie_municipality_ids or scope.staff_portfolio_ids:
            actions.add("view")
        return actions

    def allows_instance(self, scope, action, advice):
        member = advice.advisory_council_id in scope.advisory_council_ids
        if action == "view":
            return member or (
                not advice.is_draft
                and (
                    advice.municipality_id in scope.griffie_municipality_ids
                    or scope.is_staff_for(advice.portfolio_id)
                )
            )
        if action in ("change", "delete"):
            return member and advice.is_draft
        return action == "add" and member

    def user_has_permission_for_instance(self, user, action, instance):
        # Frozen once submitted, for everyone, the functional administrator included.
        if action in ("change", "delete") and not instance.is_draft:
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        from .constants import AdviceStatus

        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"change", "delete"}:
            instances = instances.filter(status=AdviceStatus.draft)
        return instances

    def reachable(self, scope, action):
        from .constants import AdviceStatus
        from .models import Advice

        if action == "view":
            return Advice.objects.visible_to_scope(scope)
        return Advice.objects.filter(
            advisory_council_id__in=scope.advisory_council_ids, status=AdviceStatus.draft
        )


class AdviceLetterPermissionPolicy(SentLettersFrozen, ScopedPermissionPolicy):
    """Letters about an advies: the griffie and the college staff of its portfolio draft,
    see and send them. The adviesraad whose advies it is, the addressee, sees them once
    sent; a draft stays with the college. A sent letter is never changed or deleted."""

    def actions_for(self, scope):
        if scope.griffie_municipality_ids or scope.staff_portfolio_ids:
            return {"add", "change", "delete", "view"}
        return {"view"} if scope.advisory_council_ids else set()

    def allows_instance(self, scope, action, letter):
        advice = letter.advice
        keeps = advice.municipality_id in scope.griffie_municipality_ids or scope.is_staff_for(
            advice.portfolio_id
        )
        if action in ("change", "delete"):
            return keeps and not letter.is_sent
        if action == "view" and not keeps:
            return letter.is_sent and advice.advisory_council_id in scope.advisory_council_ids
        return keeps

    def reachable(self, scope, action):
        from django.db.models import Q

        from governance.letters import LetterStatus

        keeps = Q(advice__municipality_id__in=scope.griffie_municipality_ids) | scope.staff_reach(
            "advice__"
        )
        if action == "view":
            keeps |= Q(
                advice__advisory_council_id__in=scope.advisory_council_ids,
                status=LetterStatus.sent,
            )
        letters = self.model.objects.filter(keeps)
        if action in ("change", "delete"):
            letters = letters.filter(status=LetterStatus.draft)
        return letters


def responses_visible(advice, scope) -> bool:
    """The college works on its responses in private: the adviesraad reads them once
    the response has been sent — and until then neither how many points are answered
    nor who works on them."""
    from .constants import AdviceStatus

    if works_on_response(advice, scope):
        return True
    return advice.status in (AdviceStatus.response_sent, AdviceStatus.published)


def works_on_response(advice, scope) -> bool:
    """The college staff of the advies's portfolio and the griffie: they see the work
    on the response, with the names of those who did it. To the adviesraad the response
    is the college's, signed by the college: it never sees the civil servants' names."""
    from .lifecycle import is_college

    return is_college(scope, advice) or scope.is_griffie_of(advice.municipality_id)


def responses_visible_filter(scope):
    """`responses_visible` as a filter, for the advice list's progress column."""
    from django.db.models import Q

    from .constants import AdviceStatus

    if scope.is_superuser:
        return Q()
    return (
        scope.staff_reach()
        | Q(municipality_id__in=scope.griffie_municipality_ids)
        | Q(status__in=(AdviceStatus.response_sent, AdviceStatus.published))
    )
