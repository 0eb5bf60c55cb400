"""Authentication backend that lets every holder of a Raadsvolg role into the admin.

Wagtail asks for `wagtailadmin.access_admin`; rather than keeping Django groups in
step with roles, the roles themselves answer, so one place decides who gets in."""

from django.contrib.auth.backends import BaseBackend

from .roles import scope_for

ADMIN_ACCESS = "wagtailadmin.access_admin"


class RoleBackend(BaseBackend):
    """Grants admin access to active users with at least one role; nothing else."""

    def has_perm(self, user_obj, perm, obj=None):
        return perm == ADMIN_ACCESS and scope_for(user_obj).has_role
