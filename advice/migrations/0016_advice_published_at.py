"""Advice.published_at: when the advies's present published stretch began. Filled for
the adviezen published now from their history, as opendata.diwoo computed it until
this field: the first published history row after the last row that was not; an
advies without one gets when it last changed, else when it was made (that code's
fallback), so the DiWoo and sitemap moments stay what they were."""

from django.db import migrations, models

BATCH = 1000


def fill_published_at(apps, schema_editor):
    Advice = apps.get_model("advice", "Advice")
    History = apps.get_model("advice", "HistoricalAdvice")
    published = Advice.objects.filter(status="published")
    moments = published_moments(
        History.objects.filter(id__in=published.values("pk"))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "status")
        .iterator(chunk_size=BATCH)
    )
    changed = []
    for advice in published.only("pk", "created_at").iterator(chunk_size=BATCH):
        advice.published_at = moments.get(advice.pk) or advice.created_at
        changed.append(advice)
    Advice.objects.bulk_update(changed, ["published_at"], batch_size=BATCH)


def published_moments(rows) -> dict:
    """{advies id: moment} from history rows (id, history_date, status) ordered by id,
    then date: the first published row of the last published stretch, else the last
    row's date (an advies whose history never shows it published)."""
    moments, stretch = {}, {}
    for pk, when, status in rows:
        if status != "published":
            stretch[pk] = None
        elif stretch.get(pk) is None:
            stretch[pk] = when
        moments[pk] = stretch[pk] or when
    return moments


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0015_admin_search_trigram_index"),
        ("governance", "0018_search_vector_gin_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="advice",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when the griffie publishes the advice, cleared when it withdraws the publication; only published adviezen show on the public site.",
                null=True,
                verbose_name="published",
            ),
        ),
        migrations.AddField(
            model_name="historicaladvice",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when the griffie publishes the advice, cleared when it withdraws the publication; only published adviezen show on the public site.",
                null=True,
                verbose_name="published",
            ),
        ),
        migrations.RunPython(fill_published_at, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="advice",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["municipality", "published_at"],
                name="advice_published_at",
            ),
        ),
    ]
