"""Local development: `make run`. Debug on, demo data allowed, mail to the console."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "dev-only-not-secret-raadsvolg")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("RAADSVOLG_DEMO", "true")
os.environ.setdefault("DJANGO_LOG_FORMAT", "console")

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["*"]
