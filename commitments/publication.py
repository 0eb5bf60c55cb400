"""Publication of a toezegging: the griffie decides what the public site shows.

Publication is a rule, not a flag in a template: every public surface asks
`Commitment.objects.published()`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.lifecycle import TransitionError
from governance.roles import scope_for

from .models import Commitment


def can_publish(commitment: Commitment, user) -> bool:
    return scope_for(user).is_griffie_of(commitment.municipality_id)


def set_published(commitment: Commitment, user, published: bool) -> Commitment:
    """Publish or withdraw the toezegging; only its griffie may, and history records it."""
    if not can_publish(commitment, user):
        raise TransitionError(_("Only the griffie publishes commitments."))
    with transaction.atomic():
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if (locked.published_at is not None) == published:
            return locked
        locked.published_at = timezone.now() if published else None
        locked._change_reason = _("Published") if published else _("Publication withdrawn")
        locked._history_user = user
        locked.save(update_fields=["published_at", "updated_at"])
    return locked
