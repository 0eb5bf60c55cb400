"""Production: PostgreSQL through DATABASE_URL, secrets and hosts from the environment."""

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
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)

# SECURITY
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# STATIC AND MEDIA
# ------------------------------------------------------------------------------
# WhiteNoise serves the collected static files from the app server itself.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {
        "BACKEND": env("DJANGO_FILE_STORAGE", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# TASKS
# ------------------------------------------------------------------------------
# Slow and scheduled work runs in a worker: `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
