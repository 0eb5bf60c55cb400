"""The shared cache of a production installation.

Rate limits (the API's, password resets) and cached pages must be shared by every
gunicorn worker and by the task worker; Django's default, a cache in each process's
memory, would give each process its own count. Production therefore uses the database
(`CACHE_URL`, default `dbcache://raadsvolg_cache`): PostgreSQL is already there, so no
service is added; an operator who runs Redis sets `CACHE_URL=redis://…` instead.

The database cache needs its table. `migrate` is the one step of a deploy (compose.yaml,
the README), so the table is made after every migrate rather than by a second command
an operator could forget; `createcachetable` leaves an existing table alone."""

from django.conf import settings
from django.core.management import call_command

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"


def create_cache_tables(using="default", **kwargs) -> None:
    """post_migrate: make the table of each database cache that lacks one."""
    if any(cache["BACKEND"] == DATABASE_CACHE for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


def renew_public_answers(using="default", **kwargs) -> None:
    """post_migrate: a deploy (its one step is migrate) may bring new templates or a
    rebuilt search index, so no public answer cached before it is served after it."""
    from django.db import connections

    from governance.public_changes import public_changed

    connection = connections[using]
    with connection.cursor() as cursor:
        if "governance_municipality" not in connection.introspection.table_names(cursor):
            return
        columns = connection.introspection.get_table_description(cursor, "governance_municipality")
    if any(column.name == "public_changed_at" for column in columns):  # not when migrating back
        public_changed()
