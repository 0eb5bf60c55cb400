"""The single sign-on button of the admin login page (governance/oidc.py)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from governance import oidc

register = template.Library()


@register.inclusion_tag("governance/oidc/login_button.html")
def oidc_login_button(next_url=""):
    """ "Sign in with <name>", or nothing when single sign-on is not configured."""
    if not oidc.is_configured():
        return {"enabled": False}
    url = reverse("oidc_authentication_init")
    if next_url:
        url += "?" + urlencode({"next": next_url})
    return {"enabled": True, "url": url, "name": oidc.provider_name()}
