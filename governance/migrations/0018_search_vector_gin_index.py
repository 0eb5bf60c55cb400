"""A GIN index on the search vector that Wagtail's PostgreSQL search filters on.

Wagtail's database backend searches `(title || body) @@ to_tsquery('dutch', …)` on
wagtailsearch_indexentry, but creates GIN indexes on `title` and `body` apart only: an
expression must match the index's expression, so every search read the whole table
(docs/scale.md). This index has exactly that expression. PostgreSQL only: SQLite
searches through its FTS5 table."""

from django.db import migrations

INDEX = "search_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            'USING gin (("title" || "body"))'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0017_public_site_settings"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
