"""Production: PostgreSQL through DATABASE_URL, secrets and hosts from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from operations.storage import default_storage_setting

from .base import *  # noqa: F403
from .base import env

DEBUG = False
RAADSVOLG_DEMO = False
# A second factor for password accounts unless the operator turns it off explicitly.
RAADSVOLG_REQUIRE_MFA = env.bool("RAADSVOLG_REQUIRE_MFA", default=True)

# DATABASES
# ------------------------------------------------------------------------------
# Production runs on PostgreSQL; there is no SQLite fallback here.
DATABASES = {"default": env.db("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite lets one writer in at a time: fine for the demo, not for a municipality.
    raise ImproperlyConfigured(
        "DATABASE_URL points at SQLite; production runs on PostgreSQL only "
        "(DATABASE_URL=postgres://user:password@host:5432/raadsvolg)."
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

# CACHE
# ------------------------------------------------------------------------------
# Shared by every process, so rate limits and cached pages hold across workers: the
# database by default (its table is made after migrate, operations/cache.py), or Redis.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://raadsvolg_cache")}
# Room for the public answers of every municipality (operations/public_cache.py):
# Django's database cache keeps 300 entries by default. `?max_entries=` in CACHE_URL
# sets another number.
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
    CACHES["default"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 5000)

# SECURITY
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# Health checks come over plain HTTP from inside the cluster (answered before the
# redirect anyway by operations.middleware.HealthCheckMiddleware).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# The policy of base.py, and every http: reference loaded over https.
_DIRECTIVES = CONTENT_SECURITY_POLICY["DIRECTIVES"]  # noqa: F405
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**_DIRECTIVES, "upgrade-insecure-requests": True}}
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
# WhiteNoise serves the collected static files from the app server itself.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Uploads and letters: the file system, or a private S3-compatible bucket
# (RAADSVOLG_S3_BUCKET and AWS_*; operations/storage.py).
STORAGES = {
    "default": default_storage_setting(os.environ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TASKS
# ------------------------------------------------------------------------------
# Slow and scheduled work runs in a worker: `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
