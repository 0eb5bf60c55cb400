"""Moties are now indexed with the names of their indieners and fracties, and
raadsbrieven with their numbers (Motion.search_fields, CompletionLetter.search_fields):
the index entries of existing rows are rebuilt. The migration only queues the work
(governance.search.reindex_task), so that it is done with the models as they are after
every migration, by the task worker in production."""

from django.db import migrations


def reindex_existing(apps, schema_editor):
    from governance.search import reindex_task

    for label in ("motions.Motion", "motions.CompletionLetter"):
        pks = list(apps.get_model(label).objects.values_list("pk", flat=True))
        if pks:
            reindex_task.enqueue(label, pks)


class Migration(migrations.Migration):
    dependencies = [("motions", "0010_record_number_safe_for_addresses")]

    operations = [migrations.RunPython(reindex_existing, migrations.RunPython.noop)]
