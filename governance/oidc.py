"""Single sign-on through the municipality's OpenID Connect provider.

Off unless every `OIDC_*` setting in `REQUIRED` is set: then the backend is not installed
and both views answer 404. Users are matched by e-mail address and never created: who
may do what stays decided by the roles assigned in Raadsvolg (governance/roles.py)."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import SuspiciousOperation
from django.dispatch import receiver
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

logger = logging.getLogger(__name__)

# The session remembers how the user signed in: the second factor of password accounts
# is not asked of sign-ins through the provider, which has its own.
AUTH_METHOD_KEY = "raadsvolg_auth_method"
OIDC = "oidc"

REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def is_configured() -> bool:
    return all(getattr(settings, name, "") for name in REQUIRED)


def provider_name() -> str:
    """The provider as the login button names it: "Inloggen met <name>"."""
    return getattr(settings, "RAADSVOLG_OIDC_NAME", "") or _("your municipality account")


@receiver(user_logged_in, dispatch_uid="raadsvolg_forget_auth_method")
def forget_auth_method(sender, request, user, **kwargs):
    """Every sign-in starts unmarked (the session outlives a sign-in as the same user);
    the callback marks its own afterwards."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(AUTH_METHOD_KEY, None)


def _refuse(request, message) -> None:
    """Keep the reason for the callback view, which shows it on the login page."""
    request.raadsvolg_oidc_refusal = message


class EmailBackend(OIDCAuthenticationBackend):
    """Signs in the one active user whose e-mail address the provider vouches for."""

    def __init__(self, *args, **kwargs):
        if is_configured():
            super().__init__(*args, **kwargs)
        else:  # inert: the password sign-in asks every backend
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        # Only the callback view passes a nonce: a password sign-in whose URL happens to
        # carry `code` and `state` must not start a token exchange.
        if request is None or "nonce" not in kwargs or not is_configured():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, jwt.InvalidTokenError) as exc:
            logger.warning("OpenID Connect sign-in failed: %s", exc)
            return None

    def _verify_jws(self, payload, key):
        # The library leaves the audience unchecked: a token issued to another client of
        # the same provider must not sign anyone in here.
        claims = super()._verify_jws(payload, key)
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The token was issued to another client.")
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
            raise SuspiciousOperation("The user info belongs to another subject.")
        email = (claims.get("email") or "").strip()
        name = provider_name()
        if not email:
            _refuse(self.request, _("%(name)s did not pass on an e-mail address.") % {"name": name})
            return None
        if claims.get("email_verified") is False:
            message = _("%(name)s reports that the e-mail address %(email)s is not verified.")
            _refuse(self.request, message % {"name": name, "email": email})
            return None
        users = list(self.UserModel.objects.filter(email__iexact=email, is_active=True)[:2])
        if len(users) == 1:
            return users[0]
        if users:
            message = _(
                "More than one Raadsvolg account has the e-mail address %(email)s, so you "
                "cannot sign in with it. Ask Raadsvolg's functional administrator to "
                "resolve this."
            )
        else:
            message = _(
                "There is no active Raadsvolg account with the e-mail address %(email)s. "
                "Ask Raadsvolg's functional administrator for an account with this address."
            )
        _refuse(self.request, message % {"email": email})
        return None


class AuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; 404 when single sign-on is off."""

    def get(self, request):
        if not is_configured():
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back; signs in or explains the refusal."""

    def get(self, request):
        if not is_configured():
            raise Http404
        state = request.GET.get("state")
        if "code" in request.GET and state not in request.session.get("oidc_states", {}):
            # Not started in this browser, or already used: the library would answer 400.
            _refuse(
                request,
                _("This sign-in was not started here or has expired. Please try again."),
            )
            return self.login_failure()
        return super().get(request)

    @property
    def failure_url(self):
        return reverse("wagtailadmin_login")

    @property
    def success_url(self):
        return self.request.session.get("oidc_login_next") or reverse("wagtailadmin_home")

    def login_failure(self):
        message = getattr(self.request, "raadsvolg_oidc_refusal", None) or _(
            "Signing in with %(name)s did not succeed. Please try again, or sign in with "
            "your password."
        ) % {"name": provider_name()}
        messages.error(self.request, message)
        return super().login_failure()

    def login_success(self):
        response = super().login_success()
        self.request.session[AUTH_METHOD_KEY] = OIDC
        # As Wagtail's own sign-in without "remember me": the session ends with the browser.
        self.request.session.set_expiry(0)
        return response


urlpatterns = [
    path("authenticate/", AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("callback/", CallbackView.as_view(), name="oidc_authentication_callback"),
]
