"""`{% nonce %}`: the request's CSP nonce where a template has no `request` in its context
(Wagtail renders form widgets and edit panels without one). Templates that have the
request use `{{ request.csp_nonce }}` or `{{ CSP_NONCE }}`."""

from django import template

from governance.security import current_nonce

register = template.Library()


@register.simple_tag
def nonce():
    return current_nonce()
