"""The server-side cache of public answers, per municipality (docs/scale.md).

What the public sees — the Wagtail pages with their record pages and filters, search,
the figures and their CSV, the feeds, the deadlines calendar, the sitemaps, robots.txt
and the API — is the same for every anonymous visitor of one host until something of
the municipality changes. The first anonymous GET of an address is answered by the
view and kept in Django's cache; the next is answered from the cache without a
database query, until the municipality's generation changes
(governance/public_changes.py) or SERVER_SECONDS pass. Every such answer carries an
ETag, a Last-Modified (the municipality's last public change) and a short
Cache-Control, and a client that has the answer gets a 304.

An answer is kept only when it is the same for everyone who sends the same request:
an anonymous GET/HEAD without a session (no session or messages cookie, no
Authorization), status 200, not streamed, setting no cookie, not private, using no CSP
nonce, varying on no request header outside the key, and of a municipality. Anything
under EXCLUDED_PREFIXES (the admin, sign-in, the private calendars, the logo's own
caching, files) is never looked at."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from governance.public_changes import generation

# How long a browser or proxy may reuse an answer without asking: a minute, so a
# publication reaches readers within a minute while a reader's reload or a feed
# reader's poll costs nothing; after that the client asks again with its ETag and, as a
# rule, gets a 304 from the cache.
BROWSER_SECONDS = 60
# How long the server keeps an answer at most, whether or not anything changed: a
# bound on anything a signal might miss, and on the space stale answers take.
SERVER_SECONDS = 10 * 60
EXCLUDED_PREFIXES = (
    "/admin/",
    "/oidc/",
    "/kalender/",  # private calendars behind a user's token
    "/logo/",  # a file with a day's Cache-Control of its own
    "/static/",
    "/media/",
    "/healthz/",
    "/readyz/",
)
# The request headers an answer may differ by, so part of the key: the API's content
# negotiation, and CORS (Origin) should a response ever echo it.
KEY_HEADERS = ("Accept", "Origin")
# What a response may name in Vary and still be kept: the key's headers, and Cookie
# (an answer kept is for requests without a session; one that sets a cookie is not kept).
ALLOWED_VARY = {"accept", "origin", "cookie", "accept-encoding"}
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


class PublicCacheMiddleware:
    """Answers anonymous GET/HEAD requests for public addresses from the cache, and
    keeps the answers that may be kept. Placed after the security headers (so every
    answer from the cache gets fresh ones, CSP included) and before the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_request(request):
            return self.get_response(request)
        key = entry_key(request)
        entry = cache.get(key)
        if entry is not None and is_current(entry) and within_rate_limit(request, entry):
            request.public_cache = "hit"
            return conditional(request, rebuilt(entry))
        municipality = municipality_of_request(request)
        if municipality is None:
            return self.get_response(request)
        # The generation before the view reads anything: a change committed while the
        # view runs makes this answer stale at once rather than never.
        current = generation(municipality.pk, municipality)
        response = materialized(self.get_response(request))
        if not may_keep(request, response):
            return response
        add_validators(response, current.changed_at)
        cache.set(key, new_entry(request, response, municipality.pk, current), SERVER_SECONDS)
        request.public_cache = "miss"
        return conditional(request, response)


def is_public_request(request) -> bool:
    if not settings.RAADSVOLG_PUBLIC_CACHE:
        return False
    if request.method not in ("GET", "HEAD") or request.path.startswith(EXCLUDED_PREFIXES):
        return False
    cookies = (settings.SESSION_COOKIE_NAME, "messages")
    if any(name in request.COOKIES for name in cookies):
        return False  # signed in (or was): the userbar, previews, messages
    return "HTTP_AUTHORIZATION" not in request.META


def entry_key(request) -> str:
    """Everything an answer depends on besides the municipality's data: the scheme,
    host and port (absolute links; host A's answer is never host B's), method, full
    path with query, language, the key headers, and today's date (what is overdue)."""
    parts = [
        request.scheme,
        request.get_host(),
        request.get_port(),
        request.method,
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        *(request.headers.get(name, "") for name in KEY_HEADERS),
    ]
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()
    return f"raadsvolg:public:answer:{digest}"


def municipality_of_request(request):
    """The municipality whose data the answer shows: the one named by the API's
    /gemeenten/<TOOI code>/, else the one of the site that answers the host (Wagtail's
    rule, with its fallback to the default site; the API and the Woo sitemaps refuse
    such a host themselves, with a 404 that is not kept). The view finds the same site
    again from the request without a query."""
    from governance.models import Municipality
    from governance.public_site import municipality_of

    prefix = "/api/v1/gemeenten/"
    if request.path.startswith(prefix):
        code = request.path[len(prefix) :].split("/", 1)[0].lower()
        return Municipality.objects.filter(tooi_code=code).first()
    return municipality_of(request)[0]


def is_current(entry) -> bool:
    return generation(entry["municipality"]).token == entry["token"]


def within_rate_limit(request, entry) -> bool:
    """An API answer from the cache still counts against the client's rate limit;
    over the limit, the view answers (with its Dutch 429)."""
    if not entry["rate_limited"]:
        return True
    from opendata.api.throttling import ClientAddressThrottle

    return ClientAddressThrottle().allow_request(request, None)


def materialized(response):
    """A streamed public answer (the figures' CSV, a few rows a year) as a plain one, so
    that it can be kept; a file is left to stream."""
    if not response.streaming or isinstance(response, FileResponse):
        return response
    plain = HttpResponse(b"".join(response.streaming_content), status=response.status_code)
    for name, value in response.headers.items():
        plain.headers[name] = value
    plain.cookies = response.cookies
    # Not response.close(): that signals request_finished, and Django then closes the
    # request's database connection in the middle of the request (inside a transaction
    # a broken one). Its content is read to the end, and a file is never materialised.
    return plain


def may_keep(request, response) -> bool:
    """Whether the answer is the same for everyone sending this request."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = {
        d.split("=")[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if control & PRIVATE_DIRECTIVES:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= ALLOWED_VARY:
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # the page's nonce would not be the next response's
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def add_validators(response, changed_at) -> None:
    """ETag from the content (unless the view set one), Last-Modified the
    municipality's last public change (unless the view knows better), and the short
    Cache-Control of every public answer."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified") and changed_at is not None:
        response.headers["Last-Modified"] = http_date(changed_at.timestamp())
    response.headers["Cache-Control"] = f"public, max-age={BROWSER_SECONDS}"


def new_entry(request, response, municipality_id, current) -> dict:
    return {
        "municipality": municipality_id,
        "token": current.token,
        "rate_limited": getattr(request, "counts_against_rate_limit", False),
        "status": response.status_code,
        "content": response.content,
        "headers": list(response.headers.items()),
    }


def rebuilt(entry) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


def conditional(request, response):
    """A 304 when the client's If-None-Match or If-Modified-Since says it has it."""
    return get_conditional_response(
        request,
        etag=response.headers.get("ETag"),
        last_modified=parse_http_date_safe(response.headers.get("Last-Modified", "")),
        response=response,
    )
