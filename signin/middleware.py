"""The middleware of sign-in security: session limits and the second factor."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import mfa
from .sessions import has_expired

# Admin pages a signed-in user reaches before the second factor.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the icons; redirected, the page itself would be loaded as icons
    "signin_verify",
    "signin_enrol",
}


def is_admin_path(path: str) -> bool:
    return path.startswith(reverse("wagtailadmin_home"))


def to_login(request):
    """A redirect to the admin login page that returns to this page afterwards."""
    query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
    return redirect(f"{reverse('wagtailadmin_login')}{'?' + query if query else ''}")


class SessionLimitsMiddleware:
    """Signs out a user whose session has been idle or alive too long; in the admin
    they land on the login page with a Dutch message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and has_expired(
            request.session, timezone.now().timestamp()
        ):
            logout(request)
            if is_admin_path(request.path):
                messages.warning(request, _("Your session has expired. Please sign in again."))
                return to_login(request)
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """With RAADSVOLG_REQUIRE_MFA, a password sign-in counts only once the second
    factor is verified: until then every admin page but the sign-in pages sends the
    user to enter their code (or to set up an app first), and outside the admin they
    are anonymous. Needs django_otp's OTPMiddleware before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.RAADSVOLG_REQUIRE_MFA and mfa.awaits_second_factor(request):
            if not is_admin_path(request.path):
                request.user = AnonymousUser()
            elif url_name(request) not in OPEN_BEFORE_SECOND_FACTOR:
                return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        if mfa.confirmed_device(request.user) is None:
            messages.warning(
                request, _("Set up an authenticator app first; then you can continue.")
            )
            target = "signin_enrol"
        else:
            messages.warning(request, _("Enter the code from your authenticator app first."))
            target = "signin_verify"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(f"{reverse(target)}{'?' + query if query else ''}")


def url_name(request) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None
