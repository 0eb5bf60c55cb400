"""The standard paragraphs of letters, which a municipality may word itself on its
letterhead: a small placeholder syntax ("{datum}", "{onderwerp}") — never Django
template syntax from users — checked when saved and filled with escaped values.

An empty letterhead field means Raadsvolg's own text from the catalogue, so a
municipality that words nothing gets the translated default."""

import re

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The placeholders a standard paragraph may use, with what each one stands for (the
# help text of the letterhead shows them).
PLACEHOLDERS = {
    "datum": gettext_lazy("the date of the letter"),
    "onderwerp": gettext_lazy("the subject"),
    "kenmerk": gettext_lazy("our reference (the case number)"),
    "uw_kenmerk": gettext_lazy("your reference"),
    "uw_brief_van": gettext_lazy("the date of your letter"),
    "ontvangen": gettext_lazy("the date the advice was received"),
    "adviesraad": gettext_lazy("the advisory council"),
    "gemeente": gettext_lazy("the municipality"),
    "behandeld_door": gettext_lazy("the contact person"),
    "bijlagen": gettext_lazy("what is enclosed"),
}

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _defaults() -> dict:
    """Raadsvolg's texts, per letterhead field; translated when used."""
    return {
        "wording_response_opening": _(
            "On {ontvangen} we received your advice on {onderwerp}. With this letter we "
            "respond to your advice. We follow the order of your advice and go through it "
            "point by point."
        ),
        "wording_council_information": _(
            "On {ontvangen} we received the advice of the {adviesraad} on {onderwerp}. We "
            "have formulated a response to the advisory council on each of its points. For "
            "your information you receive {bijlagen} with this letter."
        ),
        "wording_closing": _("We trust that we have informed you sufficiently."),
        "wording_case_number_notice": _(
            "Always quote the case number when you contact the municipality."
        ),
    }


WORDING_FIELDS = (
    "wording_response_opening",
    "wording_council_information",
    "wording_closing",
    "wording_case_number_notice",
)


def validate_wording(text: str) -> None:
    """Refuse a placeholder Raadsvolg does not know and a brace that opens none."""
    unknown = [name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS]
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(unknown)s. You can use: %(known)s.")
            % {
                "unknown": get_text_list([f"{{{name}}}" for name in unknown], _("and")),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        raise ValidationError(
            _("A brace belongs to a placeholder such as {datum}; remove the loose brace."),
            code="loose_brace",
        )


def wording_text(letterhead, field: str) -> str:
    """The letterhead's own text for `field`, or Raadsvolg's default."""
    own = (getattr(letterhead, field, "") or "").strip()
    return own or _defaults()[field]


def fill(text: str, values: dict) -> SafeString:
    """`text` as HTML paragraphs (a blank line starts a new one), the placeholders
    replaced by their escaped values; the text itself is escaped as well."""

    def value(match) -> str:
        return str(conditional_escape(values.get(match.group(1), "") or ""))

    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    html = []
    for paragraph in paragraphs:
        pieces, last = [], 0
        for match in PLACEHOLDER.finditer(paragraph):
            pieces.append(str(conditional_escape(paragraph[last : match.start()])))
            pieces.append(value(match))
            last = match.end()
        pieces.append(str(conditional_escape(paragraph[last:])))
        html.append("<p>{}</p>".format("".join(pieces).replace("\n", "<br>")))
    return mark_safe("".join(html))


def standard_paragraph(letterhead, field: str, values: dict) -> SafeString:
    return fill(wording_text(letterhead, field), values)
