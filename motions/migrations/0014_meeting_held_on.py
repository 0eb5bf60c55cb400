"""A copy of the meeting's date on the motie (governance.models.HeldAtMeeting), filled
from the meetings; the next migration makes it required and indexes the lists' order."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_meeting_dates(apps, schema_editor):
    Record = apps.get_model("motions", "Motion")
    Meeting = apps.get_model("governance", "Meeting")
    Record.objects.update(
        meeting_held_on=Subquery(Meeting.objects.filter(pk=OuterRef("meeting_id")).values("date"))
    )


class Migration(migrations.Migration):
    dependencies = [("motions", "0013_admin_search_trigram_index"), ("governance", "0019_municipality_public_changed_at")]

    operations = [
        migrations.AddField(
            model_name="motion",
            name="meeting_held_on",
            field=models.DateField(editable=False, null=True, verbose_name="date of the meeting"),
        ),
        migrations.RunPython(copy_meeting_dates, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="motion",
            options={'ordering': ['-meeting_held_on', 'number'], 'verbose_name': 'motion', 'verbose_name_plural': 'motions'},
        ),
    ]
