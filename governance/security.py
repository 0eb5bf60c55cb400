"""Security headers that Django and django-csp do not set, and the request's CSP nonce
for templates rendered without a request (Wagtail's form widgets and panels)."""

from contextvars import ContextVar
from functools import wraps

from csp.constants import SELF
from django.conf import settings
from django.utils.safestring import mark_safe

_current_request = ContextVar("raadsvolg_request", default=None)
# Wagtail's rich text editor (Draftail) draws <style> elements of its own, without a nonce.
RICH_TEXT_EDITOR = b"wagtailadmin/js/draftail.js"


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
        replace = {}
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            # Wagtail's preview views: the admin shows them in an iframe of its own.
            replace["frame-ancestors"] = [SELF]
        if has_rich_text_editor(response):
            # Only the pages with the editor; a nonce in the list would void 'unsafe-inline'.
            replace["style-src-elem"] = [SELF, "'unsafe-inline'"]
        if replace:
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), **replace}
        return response


def has_rich_text_editor(response) -> bool:
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and RICH_TEXT_EDITOR in response.content
    )


def give_choosers_the_nonce():
    """Wagtail's choosers (page, document, task …) write `<script>` after their widget
    without a nonce (wagtail.admin.widgets.chooser.BaseChooser.render); give it one."""
    from wagtail.admin.widgets.chooser import BaseChooser

    render = BaseChooser.render
    if getattr(render, "gives_nonce", False):
        return

    @wraps(render)
    def render_with_nonce(self, *args, **kwargs):
        # Wagtail appends "<script>{js}</script>" to the widget; the nonce is base64.
        widget, tag, script = render(self, *args, **kwargs).rpartition("<script>")
        if not tag:
            return mark_safe(script)
        return mark_safe(f'{widget}<script nonce="{current_nonce()}">{script}')

    render_with_nonce.gives_nonce = True
    BaseChooser.render = render_with_nonce
