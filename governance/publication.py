"""Publication of a record (motie, toezegging): the griffie decides what the public
site shows.

Publication is a rule, not a flag in a template: every public surface asks the
model's `objects.published()`. Moties and toezeggingen publish by the same rule, so
the rule lives here once; each app keeps its own `can_publish` / `set_published`
names, which pass their model and their own refusal message. Publishing mails the
college staff of the record's portfolio (governance.notifications)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .constants import NotificationKind
from .lifecycle import TransitionError
from .notifications import notify
from .roles import scope_for


def can_publish(record, user) -> bool:
    """Only the griffie of the record's municipality publishes."""
    return scope_for(user).is_griffie_of(record.municipality_id)


def set_published(record, user, published: bool, *, refusal):
    """Publish or withdraw `record`; only its griffie may, and history records it.
    `refusal` is the (lazy) Dutch message for anyone else."""
    if not can_publish(record, user):
        raise TransitionError(str(refusal))
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if (locked.published_at is not None) == published:
            return locked
        locked.published_at = timezone.now() if published else None
        locked._change_reason = _("Published") if published else _("Publication withdrawn")
        locked._history_user = user
        locked.save(update_fields=["published_at", "updated_at"])
        if published:
            notify(NotificationKind.published, locked, actor=user)
        kind = audit.AuditKind.published if published else audit.AuditKind.unpublished
        audit.record(kind, user=user, obj=locked)
    return locked
