"""The copy of the meeting's date is required, and indexed in the lists' order:
municipality, newest meeting first, number (docs/scale.md)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commitments", "0005_meeting_held_on")]

    operations = [
        migrations.AlterField(
            model_name="commitment",
            name="meeting_held_on",
            field=models.DateField(editable=False, verbose_name="date of the meeting"),
        ),
        migrations.AddIndex(
            model_name="commitment",
            index=models.Index(
                models.F("municipality"),
                models.OrderBy(models.F("meeting_held_on"), descending=True),
                models.F("number"),
                name="commitment_by_meeting",
            ),
        ),
    ]
