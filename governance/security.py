"""Security headers that Django and django-csp do not set, and the request's CSP nonce
for templates rendered without a request (Wagtail's form widgets and panels)."""

from contextvars import ContextVar

from csp.constants import SELF
from django.conf import settings

_current_request = ContextVar("raadsvolg_request", default=None)


def permissions_policy() -> str:
    """`camera=(), microphone=()…`: the header value of settings.PERMISSIONS_POLICY."""
    features = settings.PERMISSIONS_POLICY.items()
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features)


def current_nonce() -> str:
    """The CSP nonce of the request being answered, or "" outside a request.

    Reading it puts the nonce into that response's Content-Security-Policy header."""
    request = _current_request.get()
    nonce = getattr(request, "csp_nonce", None)
    return str(nonce) if nonce is not None else ""


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every answer, keeps frame-ancestors in step with
    X-Frame-Options, and makes the request's nonce known to templates that have no
    request in their context. Goes after CSPMiddleware, before XFrameOptionsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _current_request.reset(token)
        response.headers.setdefault("Permissions-Policy", permissions_policy())
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # Wagtail's preview views: the admin shows them in an iframe of its own.
            replace = getattr(response, "_csp_replace", None) or {}
            response._csp_replace = {**replace, "frame-ancestors": [SELF]}
        return response
