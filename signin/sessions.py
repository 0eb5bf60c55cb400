"""Session limits: a session ends after RAADSVOLG_SESSION_IDLE_MINUTES without a
request and RAADSVOLG_SESSION_MAX_HOURS after signing in, whatever happens between.

Both moments are kept in the session itself, so SessionLimitsMiddleware can say why the
user has to sign in again (a session the store had dropped would just be gone)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

SIGNED_IN_AT = "raadsvolg_signed_in_at"
LAST_SEEN_AT = "raadsvolg_last_seen_at"
SEEN_GRANULARITY = 60  # seconds


@receiver(user_logged_in, dispatch_uid="signin_session_start")
def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = timezone.now().timestamp()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


def has_expired(session, now: float) -> bool:
    """True when the session has been idle or alive too long; marks it seen otherwise."""
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    last_seen_at = session.get(LAST_SEEN_AT, now)
    idle = timedelta(minutes=settings.RAADSVOLG_SESSION_IDLE_MINUTES).total_seconds()
    whole = timedelta(hours=settings.RAADSVOLG_SESSION_MAX_HOURS).total_seconds()
    if now - last_seen_at > idle or now - signed_in_at > whole:
        return True
    # Stored at most once a minute: each store is a write of the session row, and the
    # idle limit need not be exact to the second.
    if now - last_seen_at >= SEEN_GRANULARITY or LAST_SEEN_AT not in session:
        session[LAST_SEEN_AT] = now
    return False
