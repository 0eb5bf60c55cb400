"""The history of a toezegging as a timeline: who, when, why, and what changed
(old → new), from its django-simple-history rows in a fixed number of queries."""

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Commitment

HIDDEN_FIELDS = ["updated_at", "created_at"]


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    when: datetime
    who: object
    why: str
    what: str
    changes: list[Change] = field(default_factory=list)


def commitment_timeline(commitment: Commitment) -> list[TimelineEntry]:
    """The toezegging's timeline, newest first."""
    records = list(
        commitment.history.select_related("history_user").order_by("history_date", "history_id")
    )
    deltas = [
        new.diff_against(old, excluded_fields=HIDDEN_FIELDS)
        for old, new in itertools.pairwise(records)
    ]
    names = _related_names([change for delta in deltas for change in delta.changes])
    entries = [_entry(records[0], _("Registered"), [])] if records else []
    for record, delta in zip(records[1:], deltas, strict=True):
        entries.append(
            _entry(record, _("Changed"), [_describe(change, names) for change in delta.changes])
        )
    return entries[::-1]


def _entry(record, what, changes) -> TimelineEntry:
    return TimelineEntry(
        when=record.history_date,
        who=record.history_user,
        why=record.history_change_reason or "",
        what=what,
        changes=changes,
    )


def _related_names(changes) -> dict[tuple[type, object], str]:
    """Names of the related records that changes refer to, one query per model."""
    wanted: dict[type, set] = {}
    for change in changes:
        model_field = Commitment._meta.get_field(change.field)
        if isinstance(model_field, models.ForeignKey):
            wanted.setdefault(model_field.related_model, set()).update(
                v for v in (change.old, change.new) if v is not None
            )
    return {
        (model, pk): str(obj)
        for model, ids in wanted.items()
        for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def _describe(change, names) -> Change:
    model_field = Commitment._meta.get_field(change.field)
    return Change(
        label=str(model_field.verbose_name),
        old=_display(model_field, change.old, names),
        new=_display(model_field, change.new, names),
    )


def _display(model_field, value, names) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)
