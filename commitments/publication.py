"""Publication of a toezegging: the griffie decides what the public site shows.

Publication is a rule, not a flag in a template: every public surface asks
`Commitment.objects.published()`. The rule is shared with moties
(governance.publication); these names stay because views, demo data and tests use them."""

from django.utils.translation import gettext_lazy as _

from governance import publication

from .models import Commitment


def can_publish(commitment: Commitment, user) -> bool:
    return publication.can_publish(commitment, user)


def set_published(commitment: Commitment, user, published: bool) -> Commitment:
    """Publish or withdraw the toezegging; only its griffie may, and history records it."""
    return publication.set_published(
        commitment, user, published, refusal=_("Only the griffie publishes commitments.")
    )
