"""Wagtail's database search backend (settings.WAGTAILSEARCH_BACKENDS), with one
addition on PostgreSQL: its index also keeps the public search's own table
(`governance.public_index`). After the index writes or deletes the entry of an object,
the public entries of that object's record are written again; a reset empties them,
and a rebuild (`update_index`) deletes those of records gone or no longer published.

SQLite and other databases get the library's backend unchanged."""

from functools import cache

from django.db import connection
from modelsearch.backends import database

from . import public_index


@cache
def postgres_backend_class():
    """The subclass, made once (the library's PostgreSQL module imports only when that
    is the database); Wagtail makes a backend object per search."""
    from modelsearch.backends.database.postgres import postgres

    class Index(postgres.PostgresIndex):
        def add_items(self, model, objs):
            objs = list(objs)
            super().add_items(model, objs)
            public_index.refresh(model, objs)

        def delete_item(self, item):
            super().delete_item(item)
            public_index.refresh(type(item), [item])

        def reset(self):
            super().reset()
            public_index.reset()

        def delete_stale_entries(self):
            super().delete_stale_entries()
            public_index.delete_stale()

    class PostgresSearchBackend(postgres.PostgresSearchBackend):
        index_class = Index

    return PostgresSearchBackend


def SearchBackend(params):
    """The backend for the default database (the name Wagtail looks up in a module)."""
    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    return database.SearchBackend(params)
