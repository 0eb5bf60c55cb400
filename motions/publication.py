"""Publication of a motie: the griffie decides what the public site shows.

Publication is a rule, not a flag in a template: every public surface asks
`Motion.objects.published()`. The rule is shared with toezeggingen
(governance.publication); these names stay because views, demo data and tests use them."""

from django.utils.translation import gettext_lazy as _

from governance import publication

from .models import Motion


def can_publish(motion: Motion, user) -> bool:
    return publication.can_publish(motion, user)


def set_published(motion: Motion, user, published: bool) -> Motion:
    """Publish or withdraw the motie; only its griffie may, and history records it."""
    return publication.set_published(
        motion, user, published, refusal=_("Only the griffie publishes moties.")
    )
