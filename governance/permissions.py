"""Wagtail permission policies that answer from the user's roles (governance.roles).

Wagtail's generic views ask a policy "may this user do X (to this instance)?"; these
policies answer from the scope so that the admin and direct URLs obey the same rule."""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import BasePermissionPolicy

from .roles import Scope, scope_for

ALL_ACTIONS = ("add", "change", "delete", "view")


class ScopedPermissionPolicy(BasePermissionPolicy):
    """Base for policies decided by scope; subclasses say which actions a scope has
    at all, per instance, and which instances it reaches."""

    # A choice of these records in an admin form or list filter offers only those the
    # user may see (governance.forms.visible_records); False where the form's scope
    # mode decides instead.
    limits_choices = True

    def actions_for(self, scope: Scope) -> set[str]:
        raise NotImplementedError

    def allows_instance(self, scope: Scope, action: str, instance) -> bool:
        raise NotImplementedError

    def reachable(self, scope: Scope, action: str):
        raise NotImplementedError

    def user_has_permission(self, user, action):
        scope = scope_for(user)
        return scope.is_superuser or action in self.actions_for(scope)

    def user_has_permission_for_instance(self, user, action, instance):
        scope = scope_for(user)
        return scope.is_superuser or self.allows_instance(scope, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        scope = scope_for(user)
        manager = self.model._default_manager
        if scope.is_superuser:
            return manager.all()
        querysets = [self.reachable(scope, action) for action in actions]
        result = querysets[0]
        for queryset in querysets[1:]:
            result = result | queryset
        return result

    def users_with_any_permission(self, actions):
        # Only used by Wagtail for notifications we do not send; superusers suffice.
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


class GriffieRecordPolicy(ScopedPermissionPolicy):
    """Records of one municipality (meetings, parties, people, portfolios): its griffie
    keeps them; nobody else sees them in the admin."""

    # College staff and the adviesraad still choose a meeting, person or portfolio of
    # their municipalities in their own forms: the form's scope mode decides those.
    limits_choices = False

    def actions_for(self, scope):
        return set(ALL_ACTIONS) if scope.griffie_municipality_ids else set()

    def allows_instance(self, scope, action, instance):
        return instance.municipality_id in scope.griffie_municipality_ids

    def reachable(self, scope, action):
        return self.model._default_manager.filter(
            municipality_id__in=scope.griffie_municipality_ids
        )


class EqualisedDayPolicy(ScopedPermissionPolicy):
    """Days equalised by Koninklijk Besluit are national data: every griffie may add and
    correct them (the decrees come every few years); only the administrator deletes."""

    limits_choices = False

    def actions_for(self, scope):
        return {"add", "change", "view"} if scope.griffie_municipality_ids else set()

    def allows_instance(self, scope, action, instance):
        return action in self.actions_for(scope)

    def reachable(self, scope, action):
        manager = self.model._default_manager
        return manager.all() if action in self.actions_for(scope) else manager.none()


class SentLettersFrozen:
    """Mixin for letter policies: a sent letter is changed or deleted by nobody, the
    functional administrator included (corrections are new versions)."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and instance.is_sent:
            return False
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        from .letters import LetterStatus

        instances = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) <= {"change", "delete"}:
            instances = instances.filter(status=LetterStatus.draft)
        return instances
