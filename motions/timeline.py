"""The history of a motie as a timeline: who, when, why, and what changed (old → new).

Built from django-simple-history rows in a fixed number of queries: the motie's own
history, its submitters' and its votes' history, and one look-up per kind of related record."""

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Motion, MotionSubmitter, Vote
from .votes import vote_summary

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


def motion_timeline(motion: Motion) -> list[TimelineEntry]:
    """The motie's timeline, newest first."""
    records = list(
        motion.history.select_related("history_user").order_by("history_date", "history_id")
    )
    deltas = [
        new.diff_against(old, excluded_fields=HIDDEN_FIELDS)
        for old, new in itertools.pairwise(records)
    ]
    names = _related_names([change for delta in deltas for change in delta.changes])
    entries = [_entry(records[0], _("Registered"), [])] if records else []
    for record, delta in zip(records[1:], deltas, strict=True):
        changes = [_describe(change, names) for change in delta.changes]
        entries.append(_entry(record, _("Changed"), changes))
    entries.extend(_submitter_entries(motion))
    entries.extend(_vote_entries(motion))
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _entry(record, what, changes) -> TimelineEntry:
    return TimelineEntry(
        when=record.history_date,
        who=record.history_user,
        why=record.history_change_reason or "",
        what=what,
        changes=changes,
    )


def _submitter_entries(motion) -> list[TimelineEntry]:
    records = (
        MotionSubmitter.history.filter(motion_id=motion.pk)
        .exclude(history_type="~")
        .select_related("history_user", "person", "party")
        .order_by("history_date")
    )
    entries = []
    for record in records:
        what = _("Submitter added") if record.history_type == "+" else _("Submitter removed")
        name = record.person.name if record.person else "?"
        entries.append(_entry(record, f"{what}: {name}", []))
    return entries


def _vote_entries(motion) -> list[TimelineEntry]:
    records = (
        Vote.history.filter(motion_id=motion.pk)
        .exclude(history_type="-")
        .select_related("history_user")
        .order_by("history_date")
    )
    # A history row has the vote's fields, so it has the vote's summary too.
    return [
        _entry(record, _("Vote recorded: %(vote)s") % {"vote": vote_summary(record)}, [])
        for record in records
    ]


def _related_names(changes) -> dict[tuple[type, object], str]:
    """Names of the related records that changes refer to, one query per model."""
    wanted: dict[type, set] = {}
    for change in changes:
        model_field = Motion._meta.get_field(change.field)
        if isinstance(model_field, models.ForeignKey):
            ids = wanted.setdefault(model_field.related_model, set())
            ids.update(v for v in (change.old, change.new) if v is not None)
    return {
        (model, pk): str(obj)
        for model, ids in wanted.items()
        for pk, obj in model._default_manager.in_bulk(ids).items()
    }


def _describe(change, names) -> Change:
    model_field = Motion._meta.get_field(change.field)
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
