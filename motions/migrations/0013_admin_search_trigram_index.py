"""The trigram index the admin search reads on PostgreSQL (governance.admin_search,
docs/scale.md): one per table, on the record's own searched fields as one text."""

from django.db import migrations

from governance.admin_search import haystack_migration


class Migration(migrations.Migration):
    dependencies = [("motions", "0012_list_indexes")]

    operations = [
        haystack_migration(
            "motions",
            "Motion",
            ("number", "title", "operative_text", "recitals"),
            "motion_admin_search_trgm",
        ),
    ]
