"""The trigram index the admin search reads on PostgreSQL (governance.admin_search,
docs/scale.md): one per table, on the record's own searched fields as one text."""

from django.db import migrations

from governance.admin_search import haystack_migration


class Migration(migrations.Migration):
    dependencies = [("advice", "0014_list_indexes")]

    operations = [
        haystack_migration(
            "advice", "Advice", ("reference", "subject", "text"), "advice_admin_search_trgm"
        ),
        haystack_migration(
            "advice",
            "AdvicePoint",
            ("text", "explanation", "theme"),
            "advicepoint_admin_search_trgm",
        ),
        haystack_migration(
            "advice", "AdviceRequest", ("subject", "description"), "advicerequest_admin_search_trgm"
        ),
    ]
