"""Production's cache is shared by every process: the database by default, its table
made by migrate itself (operations/cache.py)."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

from operations.cache import create_cache_tables

TABLE = "raadsvolg_cache_probe"


def production_caches(**environment) -> dict:
    """The CACHES of the production settings under `environment`, read in a child
    process (the settings refuse to load without their variables)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://raadsvolg@localhost/raadsvolg",
        **environment,
    }
    if "CACHE_URL" not in environment:
        env.pop("CACHE_URL", None)  # the default, whatever this shell has
    code = "import json; from django.conf import settings; print(json.dumps(settings.CACHES))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_production_defaults_to_the_database_cache_and_takes_redis():
    assert production_caches()["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "raadsvolg_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
    assert production_caches(CACHE_URL="dbcache://raadsvolg_cache?max_entries=900")["default"][
        "OPTIONS"
    ] == {"MAX_ENTRIES": 900}
    redis = production_caches(CACHE_URL="redis://cache:6379/0")["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_migrate_the_database_cache_has_its_table_and_works(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE},
    }
    try:
        assert TABLE not in connection.introspection.table_names()
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # as migrate
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # leaves it
        assert TABLE in connection.introspection.table_names()
        caches["shared"].set("limit", 3)
        assert caches["shared"].get("limit") == 3
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")


def test_without_a_database_cache_nothing_is_made(settings, django_db_blocker):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with django_db_blocker.block():  # would raise if it touched the database
        create_cache_tables(using="default")
