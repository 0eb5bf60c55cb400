"""What a signed-in user without any Raadsvolg role sees in the admin.

Wagtail would send them back to the login form with "no access", while they are signed
in: it looks as if the password was wrong. Instead every admin page answers with one
Dutch page that says whom to ask for a role, and offers to sign out."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse

from .auth import ADMIN_ACCESS

# Admin pages that are not for signed-in users only: they stay as they are.
OPEN_ADMIN_URLS = (
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
)


class NoRoleMiddleware:
    """Answers every admin page of a user without a role with the no-role page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and _is_guarded(request.path) and not user.has_perm(ADMIN_ACCESS):
            return _answer_without_role(request)
        return self.get_response(request)


def _is_guarded(path) -> bool:
    if not path.startswith(reverse("wagtailadmin_home")):
        return False
    return not any(path.startswith(reverse(name)) for name in OPEN_ADMIN_URLS)


def _answer_without_role(request):
    # Wagtail's logout is itself behind the admin-access check: let them out here.
    if request.path == reverse("wagtailadmin_logout") and request.method == "POST":
        logout(request)
        return redirect("wagtailadmin_login")
    context = {
        "account": request.user.email or request.user.get_username(),
        "contact": settings.RAADSVOLG_ACCESS_CONTACT,
    }
    return render(request, "governance/no_role.html", context, status=403)
