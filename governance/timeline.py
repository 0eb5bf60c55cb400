"""A record's history as one timeline: what happened, on the date it happened, and
beside it who recorded it and when.

Built from django-simple-history rows in a fixed number of queries: the record's own
rows, and one look-up per kind of related record that a change refers to. An entry is
named after the event ("Aangenomen", "Termijn gewijzigd"), not after the fact that a
row was saved, and a save that changed nothing leaves no entry (unless it carried a
note). Each app says which of its changes are events and which date they happened on
by subclassing `Timeline`."""

import datetime
import itertools
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

CREATED, STATUS, PUBLICATION, CHANGE, NOTE = "created", "status", "publication", "change", "note"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class TimelineEntry:
    """One event: what happened and on which day; who recorded it, when, and why."""

    what: str
    happened_on: datetime.date
    recorded_at: datetime.datetime
    who: object
    why: str = ""
    kind: str = CHANGE
    changes: list[Change] = field(default_factory=list)
    # Shown instead of `who` where the viewer may not know the person ("het college").
    by: str = ""

    @property
    def when(self) -> datetime.datetime:
        return self.recorded_at

    @property
    def recorded_by(self) -> str:
        if self.by:
            return self.by
        if self.who is None:
            return _("the system")
        return self.who.get_full_name() or self.who.get_username()

    @property
    def recorded_later(self) -> bool:
        """Recorded on another day than it happened: then both dates are worth showing."""
        return timezone.localdate(self.recorded_at) != self.happened_on


class Timeline:
    """How the history of one model reads. Subclasses name the status events and the
    date each happened on."""

    model: type[models.Model]
    hidden_fields = ("updated_at", "created_at")
    status_field = "status"

    def __init__(self, viewer=None):
        # The user who reads it, where what they may see depends on who they are.
        self.viewer = viewer

    def entries(self, obj) -> list[TimelineEntry]:
        """The record's timeline, newest event first."""
        records = list(
            obj.history.select_related("history_user").order_by("history_date", "history_id")
        )
        deltas = [
            new.diff_against(old, excluded_fields=list(self.hidden_fields))
            for old, new in itertools.pairwise(records)
        ]
        names = self.related_names([change for delta in deltas for change in delta.changes])
        entries = [self.created_entry(obj, records[0])] if records else []
        for old, new, delta in zip(records, records[1:], deltas, strict=False):
            entry = self.change_entry(old, new, delta, names)
            if entry is not None:
                entries.append(entry)
        entries.extend(self.extra_entries(obj))
        # In the order they were recorded, which is the order of the lifecycle; an event
        # recorded late still shows the day it happened.
        # Entries recorded at the same moment (one import) keep the order they were built in.
        ordered = sorted(enumerate(entries), key=lambda p: (p[1].recorded_at, p[0]), reverse=True)
        return [entry for _index, entry in ordered]

    # Subclasses: the event names and dates.

    def created_entry(self, obj, record) -> TimelineEntry:
        return self.entry(record, _("Registered"), self.recorded_on(record), kind=CREATED)

    def status_event(self, old, new) -> tuple[str, datetime.date]:
        """The name of a change of status and the date it happened on."""
        return capfirst(new.get_status_display()), self.recorded_on(new)

    def extra_entries(self, obj) -> list[TimelineEntry]:
        return []

    # The mechanism.

    def change_entry(self, old, new, delta, names) -> TimelineEntry | None:
        changes = [self.describe(change, names) for change in delta.changes]
        changes = [change for change in changes if change.old != change.new]
        fields = {change.field for change in delta.changes if _differs(change)}
        reason = new.history_change_reason or ""
        if self.status_field in fields:
            what, happened_on = self.status_event(old, new)
            return self.entry(new, what, happened_on, changes, kind=STATUS)
        if fields == {"published_at"}:
            what = _("Published") if new.published_at else _("Publication withdrawn")
            return self.entry(new, what, self.recorded_on(new), changes, kind=PUBLICATION)
        if not changes:
            if not reason:
                return None
            return self.entry(new, _("Note"), self.recorded_on(new), kind=NOTE)
        if len(changes) == 1:
            what = _("%(field)s changed") % {"field": capfirst(changes[0].label)}
        else:
            what = _("Details changed")
        return self.entry(new, what, self.recorded_on(new), changes)

    @staticmethod
    def recorded_on(record) -> datetime.date:
        return timezone.localdate(record.history_date)

    @staticmethod
    def entry(record, what, happened_on, changes=(), *, kind=CHANGE) -> TimelineEntry:
        return TimelineEntry(
            what=str(what),
            happened_on=happened_on,
            recorded_at=record.history_date,
            who=record.history_user,
            why=record.history_change_reason or "",
            kind=kind,
            changes=list(changes),
        )

    def related_names(self, changes) -> dict[tuple[type, object], str]:
        """Names of the related records that changes refer to, one query per model."""
        wanted: dict[type, set] = {}
        for change in changes:
            model_field = self.model._meta.get_field(change.field)
            if isinstance(model_field, models.ForeignKey):
                ids = wanted.setdefault(model_field.related_model, set())
                ids.update(v for v in (change.old, change.new) if v is not None)
        return {
            (model, pk): str(obj)
            for model, ids in wanted.items()
            for pk, obj in model._default_manager.in_bulk(ids).items()
        }

    def describe(self, change, names) -> Change:
        model_field = self.model._meta.get_field(change.field)
        return Change(
            label=str(model_field.verbose_name),
            old=display(model_field, change.old, names),
            new=display(model_field, change.new, names),
        )


def _differs(change) -> bool:
    """A change of substance: not only other line endings (browsers send CRLF)."""
    old, new = change.old, change.new
    if isinstance(old, str) and isinstance(new, str):
        return old.replace("\r\n", "\n").strip() != new.replace("\r\n", "\n").strip()
    return old != new


def display(model_field, value, names) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.ForeignKey):
        return names.get((model_field.related_model, value), str(value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return str(value)
