"""The public search's own table (governance.public_index, docs/decisions.md).

On PostgreSQL: btree_gin, for one GIN index on (municipality, vector); then the table
filled from Wagtail's index as it is, on a database that has records indexed already
(a new one has none). The fill reads the records through the live models, so this
migration comes after the record apps' latest migrations."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations, models

INDEX = "public_search_vector"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON governance_publicsearchentry "
            "USING gin (municipality_id, vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def fill(apps, schema_editor):
    from governance import public_index

    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    if schema_editor.connection.vendor == "postgresql" and IndexEntry.objects.exists():
        public_index.rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('governance', '0019_municipality_public_changed_at'),
        ('motions', '0021_overdue_and_key_indexes'),
        ('commitments', '0011_overdue_and_key_indexes'),
        ('advice', '0019_published_key_index'),
        ('wagtailsearch', '0010_add_text_fields'),
    ]

    operations = [
        BtreeGinExtension(),
        migrations.CreateModel(
            name='PublicSearchEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('record_id', models.BigIntegerField()),
                ('entry_id', models.BigIntegerField()),
                ('title', models.TextField()),
                ('date', models.DateField(null=True)),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
                ('entry_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='governance.municipality')),
                ('record_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'indexes': [models.Index(fields=['record_type', 'record_id'], name='public_search_record')],
                'constraints': [models.UniqueConstraint(fields=('entry_type', 'entry_id'), name='public_search_entry_unique')],
            },
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
