"""Which municipality an API request is about: the one named by its TOOI code in the
path, else the one whose site has the request's host. Wagtail's fallback to the
default site does not count here: an API answer must never be another municipality's
data because a host was mistyped."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound

from governance.models import Municipality
from governance.public_site import municipality_of_host

UNKNOWN_CODE = _("No municipality has the TOOI code %(code)s.")
UNKNOWN_HOST = _(
    "This host belongs to no municipality: use /api/v1/gemeenten/<TOOI code>/ "
    "(for example /api/v1/gemeenten/gm0153/)."
)


def municipality_for(request, tooi_code: str | None) -> Municipality:
    """The municipality of the request, or a 404 with a Dutch message."""
    if tooi_code is not None:
        found = Municipality.objects.filter(tooi_code=tooi_code.lower()).first()
        if found is None:
            raise NotFound(UNKNOWN_CODE % {"code": tooi_code[:20]})
        return found
    found = municipality_of_host(request)
    if found is None:
        raise NotFound(UNKNOWN_HOST)
    return found
