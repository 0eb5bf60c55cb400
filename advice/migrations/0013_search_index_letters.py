"""The college's response letters and raadsinformatiebrieven are now in the search
index (public search finds an advies by its sent letters): existing letters are indexed.
Sent letters are never saved again, so without this they would never be found. The
migration only queues the work (governance.search.reindex_task), so that it is done with
the models as they are after every migration, by the task worker in production."""

from django.db import migrations


def reindex_existing(apps, schema_editor):
    from governance.search import reindex_task

    for label in ("advice.ResponseLetter", "advice.CouncilInformationLetter"):
        pks = list(apps.get_model(label).objects.values_list("pk", flat=True))
        if pks:
            reindex_task.enqueue(label, pks)


class Migration(migrations.Migration):
    dependencies = [("advice", "0012_term_at_most_two_years")]

    operations = [migrations.RunPython(reindex_existing, migrations.RunPython.noop)]
