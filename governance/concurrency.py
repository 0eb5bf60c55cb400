"""Lost updates: an edit form remembers the values it was opened on, and refuses to
save over what someone else saved in the meantime.

The form carries a hidden token: a short hash of each editable field's stored value
when the form was made. On saving, the record is locked (select_for_update, inside the
request's transaction) and hashed again; a field whose stored value changed since,
and that the user now posts differently, is a conflict. Then nothing is saved and the
field says what it holds now and what the user typed; the token is renewed, so saving
again (after deciding) goes through. Hashes of values rather than a version number:
they need no column, see changes made by any path (lifecycle steps, imports, queryset
updates) and only refuse where a field really changed. A post without a token (an old
form, a script) is not checked."""

import datetime
import hashlib
import json

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TOKEN_FIELD = "edit_version"
SHOWN_LENGTH = 200


class EditConflict(Exception):
    """Someone else saved the record after this form was opened."""


def _model_field(instance, name):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:  # a form field that is no model field
        return None
    return field if getattr(field, "concrete", False) else None


def _stored(instance, field):
    """A field's value in a comparable, hashable form."""
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(obj.pk for obj in field.value_from_object(instance))
    return field.value_to_string(instance)


def _hash(value) -> str:
    text = json.dumps(value, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def checked_names(form) -> list[str]:
    """The form's fields that save to a model field of its instance."""
    return [
        name
        for name, field in form.fields.items()
        if name != TOKEN_FIELD and not field.disabled and _model_field(form.instance, name)
    ]


def fingerprints(instance, names) -> dict[str, str]:
    return {name: _hash(_stored(instance, _model_field(instance, name))) for name in names}


def token_for(instance, names) -> str:
    return json.dumps(fingerprints(instance, names), separators=(",", ":"))


class VersionedFormMixin:
    """Gives a model form the hidden token of the version it was opened on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, label=gettext_lazy("version")
        )
        self.initial[TOKEN_FIELD] = token_for(self.instance, checked_names(self))

    def posted_token(self) -> dict | None:
        raw = self.data.get(self.add_prefix(TOKEN_FIELD)) if self.is_bound else None
        try:
            token = json.loads(raw) if raw else None
        except ValueError:
            return None
        return token if isinstance(token, dict) else None

    def check_version(self, current) -> bool:
        """Compare with the record as stored now (`current`, locked by the caller); on a
        conflict add an error to each field concerned, renew the token and return False.
        The caller then saves nothing."""
        token = self.posted_token()
        if token is None:
            return True
        names = checked_names(self)
        now = fingerprints(current, names)
        mine = self._posted_fingerprints(names)
        changed = [
            name
            for name in names
            if name in token and token[name] != now[name] and mine[name] != now[name]
        ]
        if not changed:
            return True
        for name in changed:
            self.add_error(
                name,
                _(
                    "Someone else changed this field in the meantime: "
                    "now «%(now)s», yours «%(yours)s»."
                )
                % {"now": shown(current, name), "yours": self._shown_posted(name)},
            )
        self.add_error(
            None,
            _(
                "Someone else saved this record after you opened it; nothing was saved. "
                "Check the fields marked below and save again to keep your values."
            ),
        )
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN_FIELD)] = token_for(current, names)
        return False

    def _posted_fingerprints(self, names) -> dict[str, str]:
        """The hashes of what the user posted (the instance holds it after validation;
        many-to-many values are only in cleaned_data)."""
        result = {}
        for name in names:
            field = _model_field(self.instance, name)
            if field.many_to_many:
                value = sorted(obj.pk for obj in self.cleaned_data.get(name) or [])
            else:
                value = _stored(self.instance, field)
            result[name] = _hash(value)
        return result

    def _shown_posted(self, name) -> str:
        field = _model_field(self.instance, name)
        if field.many_to_many:
            return _short(", ".join(str(obj) for obj in self.cleaned_data.get(name) or []))
        return shown(self.instance, name)


def shown(instance, name) -> str:
    """A field's value as a person reads it, shortened."""
    field = _model_field(instance, name)
    if field.many_to_many:
        value = ", ".join(str(obj) for obj in getattr(instance, name).all()) if instance.pk else ""
        return _short(value)
    value = getattr(instance, name)
    if field.choices and not field.many_to_one:
        value = dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        value = _("yes") if value else _("no")
    elif isinstance(value, datetime.date):
        value = value.strftime("%d-%m-%Y")
    elif isinstance(field, models.TextField) or "RichText" in type(field).__name__:
        value = strip_tags(str(value))
    return _short("" if value is None else str(value)) or _("(empty)")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"


def lock(instance):
    """The record as stored now, its row locked until the transaction ends."""
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)
