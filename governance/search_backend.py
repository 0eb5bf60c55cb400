"""Wagtail's database search backend (settings.WAGTAILSEARCH_BACKENDS), with one change
on PostgreSQL: the matched vector is not sent back with every result.

The backend filters on `title || body` of each record's index entry by annotating the
query with that concatenation, so PostgreSQL also computes it for every matching row and
returns it as a column that nothing reads. For a word found in thousands of records with
long texts (an advies indexes its points and responses) that was half the query: the
advies part of `/zoeken/?q=mantelzorg` took 51 ms with it and 22 ms without at 100,000
moties (docs/scale.md). The condition stays the same expression, so the GIN index on
`(title || body)` (migration governance 0018) still serves it.

SQLite and other databases get the library's backend unchanged."""

from functools import cache

from django.db import connection
from django.db.models import QuerySet
from modelsearch.backends import database

VECTOR = "_vector_"  # the name the backend gives the concatenated vector


def without_vector(queryset):
    """`queryset` with the matched vector kept for its condition but left out of the
    selected columns (what QuerySet.alias() does for a new annotation)."""
    if not isinstance(queryset, QuerySet) or VECTOR not in queryset.query.annotation_select:
        return queryset
    queryset = queryset._chain()
    selected = set(queryset.query.annotation_select) - {VECTOR}
    queryset.query.set_annotation_mask(selected)
    return queryset


@cache
def postgres_backend_class():
    """The subclass, made once (the library's PostgreSQL module imports only when that
    is the database); Wagtail makes a backend object per search."""
    from modelsearch.backends.database.postgres import postgres

    class WithoutVector:
        def search(self, *args, **kwargs):
            return without_vector(super().search(*args, **kwargs))

    class QueryCompiler(WithoutVector, postgres.PostgresSearchQueryCompiler):
        pass

    class AutocompleteQueryCompiler(WithoutVector, postgres.PostgresAutocompleteQueryCompiler):
        pass

    class PostgresSearchBackend(postgres.PostgresSearchBackend):
        query_compiler_class = QueryCompiler
        autocomplete_query_compiler_class = AutocompleteQueryCompiler

    return PostgresSearchBackend


def SearchBackend(params):
    """The backend for the default database (the name Wagtail looks up in a module)."""
    if connection.vendor == "postgresql":
        return postgres_backend_class()(params)
    return database.SearchBackend(params)
