"""The trigram index the admin search reads on PostgreSQL (governance.admin_search,
docs/scale.md): one per table, on the record's own searched fields as one text."""

from django.db import migrations

from governance.admin_search import haystack_migration


class Migration(migrations.Migration):
    dependencies = [("commitments", "0003_list_indexes")]

    operations = [
        haystack_migration(
            "commitments",
            "Commitment",
            ("number", "title", "text", "progress"),
            "commitment_admin_search_trgm",
        ),
    ]
