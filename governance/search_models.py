"""The public search's own table (PostgreSQL): one row for every published record and
every sent letter of one, with its municipality and what orders it beside the text
vector that Wagtail's index made of it. Kept by `governance.public_index`; see there,
and docs/decisions.md, for why the public search does not read Wagtail's index."""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class PublicSearchEntry(models.Model):
    """A published record (motie, toezegging, advies), or a sent letter of one, as the
    public search finds it: derived data, rebuilt from Wagtail's index entries."""

    municipality = models.ForeignKey(
        "governance.Municipality", on_delete=models.CASCADE, related_name="+"
    )
    # The record that is shown as the result (a letter's record for a letter).
    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    record_id = models.BigIntegerField()
    # What matched: the record itself, or one of its letters.
    entry_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    entry_id = models.BigIntegerField()
    # The record's title and date, as the results are ordered by them.
    title = models.TextField()
    date = models.DateField(null=True)
    # `title || body` of the entry in Wagtail's index, with its weights.
    vector = SearchVectorField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["entry_type", "entry_id"], name="public_search_entry_unique"
            )
        ]
        indexes = [
            models.Index(fields=["record_type", "record_id"], name="public_search_record"),
        ]
        # The GIN index on (municipality, vector) is made in migration 0020 on
        # PostgreSQL only (it needs btree_gin); SQLite never reads this table.

    def __str__(self):
        return f"{self.entry_type_id}:{self.entry_id} → {self.record_type_id}:{self.record_id}"
