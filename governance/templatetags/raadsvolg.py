"""Template tags of the public site."""

from django import template
from django.utils.html import format_html
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality_theme(context):
    """The municipality's house colour as design tokens, when it has one."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    municipality = getattr(site, "municipality", None) if site else None
    letterhead = getattr(municipality, "letterhead", None) if municipality else None
    if letterhead is None:
        return ""
    # The colour is validated as #RRGGBB on save, so it is safe in a style element; the
    # element carries the request's nonce, as the Content-Security-Policy asks.
    return format_html(
        '<style nonce="{}">.raadsvolg-theme {{ --raadsvolg-color-primary: {}; '
        "--raadsvolg-color-primary-dark: {}; }}</style>",
        getattr(request, "csp_nonce", ""),
        letterhead.theme_color,
        letterhead.theme_color,
    )
