"""Publication of a motie: the griffie decides what the public site shows.

Publication is a rule, not a flag in a template: every public surface asks
`Motion.objects.published()`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.roles import scope_for

from .lifecycle import TransitionError
from .models import Motion


def can_publish(motion: Motion, user) -> bool:
    return scope_for(user).is_griffie_of(motion.municipality_id)


def set_published(motion: Motion, user, published: bool) -> Motion:
    """Publish or withdraw the motie; only its griffie may, and history records it."""
    if not can_publish(motion, user):
        raise TransitionError(_("Only the griffie publishes moties."))
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        if (locked.published_at is not None) == published:
            return locked
        locked.published_at = timezone.now() if published else None
        locked._change_reason = _("Published") if published else _("Publication withdrawn")
        locked._history_user = user
        locked.save(update_fields=["published_at", "updated_at"])
    return locked
