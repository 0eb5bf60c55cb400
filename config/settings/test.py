"""Test settings: fast hasher, in-memory mail and cache, tasks run immediately."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret-raadsvolg")

from operations.logging import quiet_logging_config

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Warnings and errors only; pytest captures them.
LOGGING = quiet_logging_config()

# Sign-in security is off unless a test turns it on (tests/test_mfa.py, test_lockout.py):
# the other tests sign in with force_login, and axes refuses Client.login's request-less
# authenticate().
RAADSVOLG_REQUIRE_MFA = False
AXES_ENABLED = False
