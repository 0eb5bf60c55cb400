"""Texts typed into forms: what cannot be seen does not count.

A title or reason of only a zero-width space (U+200B), a word joiner (U+2060), a byte
order mark (U+FEFF), a no-break space or any other format character (Unicode category
Cf) or space (Z*) looks empty on every page and letter; the form treats it as empty.
One step for every form (`VisibleTextMixin`): such characters are stripped at both ends
of every text, and a required text with nothing visible left is refused."""

import unicodedata

from django import forms
from django.utils.html import strip_tags

INVISIBLE_CATEGORIES = {"Cf", "Cc", "Zs", "Zl", "Zp"}


def is_invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in INVISIBLE_CATEGORIES


def strip_invisible(text: str) -> str:
    """The text without invisible characters at its ends."""
    start, end = 0, len(text)
    while start < end and is_invisible(text[start]):
        start += 1
    while end > start and is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def has_visible(text: str) -> bool:
    return any(not is_invisible(char) for char in text)


def _is_rich_text(field) -> bool:
    return "RichText" in type(field.widget).__name__ or "Draftail" in type(field.widget).__name__


class VisibleTextMixin:
    """Strips invisible characters from the ends of every text field of the form and
    refuses a required one with nothing visible (Django's 'This field is required.')."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            field = self.fields.get(name)
            if not isinstance(value, str) or not isinstance(field, forms.CharField):
                continue
            if isinstance(field.widget, forms.HiddenInput):
                continue
            rich = _is_rich_text(field)
            if not has_visible(strip_tags(value) if rich else value):
                if field.required:
                    self.add_error(name, field.error_messages["required"])
                else:
                    cleaned[name] = ""
            elif not rich:
                cleaned[name] = strip_invisible(value)
        return cleaned
