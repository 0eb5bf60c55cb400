"""History of domain records (django-simple-history), fit for modelcluster children."""

from django.db import models
from modelcluster.fields import ParentalKey
from simple_history.models import HistoricalRecords


class ChildHistoricalRecords(HistoricalRecords):
    """HistoricalRecords for a model with a ParentalKey (an inline child in the admin).

    simple-history copies the key as a ParentalKey with related_name '+', which
    modelcluster refuses; in the history table it is a plain, unconstrained key."""

    def copy_fields(self, model):
        fields = super().copy_fields(model)
        for name, field in fields.items():
            if isinstance(field, ParentalKey):
                plain = models.ForeignKey(
                    field.remote_field.model,
                    db_constraint=False,
                    related_name="+",
                    null=True,
                    blank=True,
                    on_delete=models.DO_NOTHING,
                    verbose_name=field.verbose_name,
                )
                plain.name = field.name
                fields[name] = plain
        return fields
