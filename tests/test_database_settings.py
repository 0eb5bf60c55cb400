"""SQLite is for the demo only: there it waits for a busy database and writes at once;
the production settings refuse it."""

import os
import subprocess
import sys

from django.conf import settings


def load_settings(module: str, database_url: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "raadsvolg.example.nl",
    }
    code = f"import {module} as s; print(s.DATABASES['default'].get('OPTIONS'))"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def test_production_refuses_sqlite():
    result = load_settings("config.settings.production", "sqlite:////tmp/raadsvolg.sqlite3")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "production runs on PostgreSQL only" in result.stderr


def test_production_accepts_postgresql():
    result = load_settings("config.settings.production", "postgres://u:p@localhost/raadsvolg")
    assert result.returncode == 0, result.stderr


def test_the_demo_database_waits_and_writes_immediately():
    result = load_settings("config.settings.base", "sqlite:////tmp/raadsvolg.sqlite3")
    assert "'timeout': 20" in result.stdout
    assert "'transaction_mode': 'IMMEDIATE'" in result.stdout
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
