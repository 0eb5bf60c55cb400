"""The rate limit per client address: the address as the audit log takes it
(governance.audit.client_ip, which honours RAADSVOLG_TRUSTED_PROXIES), so that one
client behind the proxy cannot use up everybody's allowance."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from governance.audit import client_ip


class ClientAddressThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at request time, not at import, so the setting can change in tests.
        return settings.RAADSVOLG_API_RATE_LIMIT

    def get_cache_key(self, request, view):
        address = client_ip(request) or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": address}
