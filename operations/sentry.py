"""Error reporting to Sentry (or a compatible service such as GlitchTip) when a DSN is
set; without one nothing is initialised and nothing leaves the server."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(dsn: str, *, environment: str = "", release: str = "") -> bool:
    """Report unhandled exceptions and logged errors. No personal data: no user, IP
    address, cookies or request bodies (form contents) are sent."""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=0.0,
    )
    return True
