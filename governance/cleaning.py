"""Texts typed into forms: what cannot be seen does not count.

A title or reason of only a zero-width space (U+200B), a word joiner (U+2060), a byte
order mark (U+FEFF), a no-break space or any other format character (Unicode category
Cf) or space (Z*) looks empty on every page and letter; the form treats it as empty.
One step for every form (`VisibleTextMixin`): such characters are stripped at both ends
of every text, and a required text with nothing visible left is refused."""

import unicodedata

from django import forms
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy

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


class ReadableRichTextMixin:
    """A rich text field posts the editor's JSON; anything else (a script, a broken
    browser) made the converter raise and the page fail. Such a value is refused with a
    message instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable: set[str] = set()
        for field in self.fields.values():
            if hasattr(field.widget, "converter"):  # Wagtail's Draftail editor
                field.widget.value_from_datadict = self._guarded(field.widget.value_from_datadict)

    def _guarded(self, read):
        def value_from_datadict(data, files, name):
            if not (data.get(name) or "").strip():
                return ""
            try:
                return read(data, files, name)
            except (ValueError, TypeError, KeyError, AttributeError, IndexError):
                self.unreadable.add(name)
                return ""

        return value_from_datadict

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if self.add_prefix(name) in self.unreadable:
                self.add_error(name, UNREADABLE_RICH_TEXT)
        return cleaned


UNREADABLE_RICH_TEXT = gettext_lazy(
    "The formatted text could not be read; type or paste it again in the text box."
)
