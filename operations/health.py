"""Health endpoints for load balancers and orchestrators.

/healthz/ (liveness): the process answers; no database, no storage.
/readyz/ (readiness): the database answers, every migration is applied and the default
storage takes a small file. The answer names each check and "ok" or "failed", never an
exception's text or a setting: the reason goes to the log, with the request id."""

import uuid

import structlog
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse

LIVENESS_PATH = "/healthz/"
READINESS_PATH = "/readyz/"
PATHS = {LIVENESS_PATH, READINESS_PATH}
PROBE_FOLDER = "healthcheck"

logger = structlog.get_logger("raadsvolg.health")


def liveness() -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def readiness() -> JsonResponse:
    checks = {}
    checks["database"] = run_check("database", check_database)
    if checks["database"] == "ok":
        checks["migrations"] = run_check("migrations", check_migrations)
    else:
        checks["migrations"] = "skipped"
    checks["storage"] = run_check("storage", check_storage)
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "failed", "checks": checks}, status=200 if ready else 503
    )


def run_check(name, check) -> str:
    try:
        check()
    except Exception:
        logger.exception("readiness check failed", check=name)
        return "failed"
    return "ok"


def check_database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


class UnappliedMigrations(Exception):
    """The database lags behind the code: `manage.py migrate` has not run."""


def check_migrations() -> None:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan)
        raise UnappliedMigrations(names)


def check_storage() -> None:
    """Write and delete a small file where uploads and letters go."""
    name = default_storage.save(f"{PROBE_FOLDER}/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)
