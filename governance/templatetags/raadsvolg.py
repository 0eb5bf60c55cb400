"""Template tags of the public site."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def municipality_theme(context):
    """The municipality's house colour as design tokens, when it has one: a stylesheet
    of its own (governance.public_site.public_theme), not an inline style with the
    request's nonce, so that a public page is the same for every visitor and can be
    kept by the cache of public answers (operations/public_cache.py)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    municipality = getattr(site, "municipality", None) if site else None
    letterhead = getattr(municipality, "letterhead", None) if municipality else None
    if letterhead is None:
        return ""
    # The colour in the address: a new colour is a new stylesheet for every browser.
    return format_html(
        '<link rel="stylesheet" href="{}?v={}">',
        reverse("public_theme"),
        letterhead.theme_color.lstrip("#"),
    )


@register.simple_tag(takes_context=True)
def public_frame(context):
    """Header, navigation and footer of the public site (governance.public_site)."""
    from governance.public_site import public_frame as frame_for

    return frame_for(context.get("request"))


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page=None, current=""):
    """The breadcrumbs from the home page to `page` and then `current` (a record)."""
    from governance.public_site import breadcrumbs as crumbs_for

    return crumbs_for(context.get("request"), page, current)


# NL Design System classes of the form controls Django renders, by input type.
CONTROL_CLASSES = {
    "checkbox": (
        "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom "
        "utrecht-form-field__input"
    ),
    "select": "utrecht-select utrecht-select--html-select",
}
TEXTBOX_CLASSES = "utrecht-textbox utrecht-textbox--html-input"


@register.filter
def nlds_control(bound_field):
    """The field's widget with the classes of its NL Design System component."""
    kind = getattr(bound_field.field.widget, "input_type", None)
    return bound_field.as_widget(attrs={"class": CONTROL_CLASSES.get(kind, TEXTBOX_CLASSES)})


# The NL Design System status badge of each status of a motie or toezegging.
BADGE_VARIANTS = {
    "completed": "success",
    "rejected": "neutral",
    "withdrawn": "neutral",
    "held": "neutral",
    "lapsed": "neutral",
}


@register.filter
def badge_variant(status):
    """utrecht-status-badge--<variant> for a status; 'active' for the open ones."""
    return BADGE_VARIANTS.get(str(status), "active")


@register.filter
def page_numbers(page_obj):
    """The page numbers around the current page, with … for the ones left out."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
