"""The step machinery that every lifecycle shares (moties, adviezen, toezeggingen).

A `Lifecycle` knows the steps of one kind of record and the words of its refusals.
Every step checks the current state and the user's role, runs in a transaction on a
locked row, sets its fields, validates the record with `full_clean()`, and leaves a
history row with the user and the reason. A refused step raises `TransitionError`
with a Dutch message and changes nothing. What a step changes besides the status is
the app's business: it passes `set_fields`. A step that hands the record over to
others (`notifies`) records their e-mails in the same transaction."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .roles import Scope, scope_for


class TransitionError(Exception):
    """A step that may not or cannot be taken; `str()` is the message for the user."""


@dataclass(frozen=True)
class Transition:
    """One allowed step from some statuses to another."""

    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    allowed_for: Callable[[Scope, models.Model], bool]
    # What the form for this step asks besides the reason.
    asks_date: bool = False
    asks_deadline: bool = False
    # Proposing completion of a motie names how the raad was informed.
    asks_route: bool = False
    # What the step does that cannot be undone, said on its page before it is taken.
    consequence: str = ""
    # The hand-over mail this step sends (governance.notifications), if any.
    notifies: str = ""
    # The sentence shown once the step is taken, in the past tense, naming the record
    # as %(record)s: "Motion %(record)s was adopted." → "Motie M2026-04 is aangenomen."
    done: str = ""

    def done_message(self, record: str) -> str:
        """The message for the user after this step was taken on `record`."""
        return str(self.done) % {"record": record}


class Lifecycle:
    """The steps of one model, and the messages that name its kind of record."""

    def __init__(
        self,
        model: type[models.Model],
        transitions: Iterable[Transition],
        *,
        not_allowed: str,
        not_possible: str,
        reason_required: bool = True,
        select_related: tuple[str, ...] = (),
    ):
        self.model = model
        self.transitions = {t.name: t for t in transitions}
        self.not_allowed = not_allowed  # "You are not allowed … for this <record>."
        self.not_possible = not_possible  # "… the <record> is %(status)s."
        self.reason_required = reason_required
        self.select_related = select_related

    def get_transition(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError:
            raise TransitionError(_("This step does not exist.")) from None

    def allowed_transitions(self, record, user) -> list[Transition]:
        """The steps this user may take on this record now."""
        scope = scope_for(user)
        return [
            t
            for t in self.transitions.values()
            if record.status in t.sources and t.allowed_for(scope, record)
        ]

    def check_transition(self, record, user, transition: Transition) -> None:
        """Raise TransitionError unless the user may take this step on this record now."""
        if not transition.allowed_for(scope_for(user), record):
            raise TransitionError(str(self.not_allowed))
        if record.status not in transition.sources:
            raise TransitionError(
                str(self.not_possible) % {"status": record.get_status_display().lower()}
            )

    def apply_transition(
        self,
        record,
        user,
        transition: Transition,
        *,
        reason: str = "",
        set_fields: Callable[[models.Model], None] | None = None,
    ):
        """Take the step on a locked copy of the record and return the saved copy.

        `set_fields(locked)` changes what the step changes besides the status; it may
        raise TransitionError. The status is set after it, then the whole record is
        validated, so a step never saves a record that breaks a rule."""
        reason = (reason or "").strip()
        if self.reason_required and not reason:
            raise TransitionError(_("Give a reason for this step."))
        with transaction.atomic():
            locked = (
                self.model._default_manager.select_for_update()
                .select_related(*self.select_related)
                .get(pk=record.pk)
            )
            self.check_transition(locked, user, transition)
            if set_fields is not None:
                set_fields(locked)
            locked.status = transition.target
            full_clean_or_refuse(locked)
            locked._change_reason = reason or str(transition.label)
            locked._history_user = user
            locked.save()
            if transition.notifies:
                from .notifications import notify

                notify(transition.notifies, locked, actor=user)
        return locked


def full_clean_or_refuse(record) -> None:
    """Validate the record; a broken rule refuses the step with its Dutch message."""
    try:
        record.full_clean()
    except ValidationError as error:
        raise TransitionError(" ".join(error.messages)) from error


def by_griffie(scope: Scope, record) -> bool:
    """The griffie of the record's municipality (and the functional administrator)."""
    return scope.is_griffie_of(record.municipality_id)


def by_griffie_or_portfolio_staff(scope: Scope, record) -> bool:
    """The griffie, or college staff of the record's portfolio."""
    return by_griffie(scope, record) or scope.is_staff_for(record.portfolio_id)
