from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Raadsvolg: logs, health endpoints, error reporting, storage, cache."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from .cache import create_cache_tables

        # Once per migrate, not once per app: dispatch_uid keeps it to one receiver, and
        # the sender is this app, whose post_migrate comes with every migrate.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="raadsvolg_cache")
