"""Request ids and the request log line; the health endpoints answered before the rest."""

import re
import time
import uuid

import structlog
from django.utils.cache import add_never_cache_headers

from operations import health

logger = structlog.get_logger("raadsvolg.request")

# An incoming id (from the proxy or load balancer) is kept only if it is a plain token:
# it goes into every log line, so nothing that could forge or break a line is accepted.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
# URL parts that are secrets (a password-reset token): such a path is logged as its route.
SECRET_URL_KWARGS = {"token", "uidb64"}


class RequestLogMiddleware:
    """Binds a request id to every log line of the request, returns it as X-Request-ID
    and logs one line per request: method, path (without its query string, which may
    hold search terms or tokens), status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        structlog.contextvars.clear_contextvars()
        request_id = request_id_of(request)
        request.request_id = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        response["X-Request-ID"] = request_id
        if user_id := user_id_of(request):
            structlog.contextvars.bind_contextvars(user_id=user_id)
        log = logger.error if response.status_code >= 500 else logger.info
        if request.path in health.PATHS:
            log = logger.debug  # a load balancer asks every few seconds
        log(
            "request",
            method=request.method,
            path=loggable_path(request),
            status=response.status_code,
            duration_ms=duration_ms,
        )
        # The context stays bound until the next request starts: Django logs a 4xx
        # answer ("Not Found: …") after the middleware has returned.
        return response


def request_id_of(request) -> str:
    incoming = request.headers.get("X-Request-ID", "")
    if SAFE_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def user_id_of(request):
    """The user's id if the request already looked its user up (no extra query)."""
    user = getattr(request, "_cached_user", None)
    return user.pk if user is not None and user.is_authenticated else None


def loggable_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match and SECRET_URL_KWARGS & set(match.kwargs):
        return "/" + match.route
    return request.path


class HealthCheckMiddleware:
    """Answers /healthz/ and /readyz/ before the host check and the HTTPS redirect: an
    orchestrator asks over plain HTTP with the pod's address as host, which is in no
    ALLOWED_HOSTS. Nothing else is answered here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == health.LIVENESS_PATH:
            response = health.liveness()
        elif request.path == health.READINESS_PATH:
            response = health.readiness()
        else:
            return self.get_response(request)
        add_never_cache_headers(response)
        response["X-Content-Type-Options"] = "nosniff"
        return response
