from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Raadsvolg: logs, health endpoints, error reporting, storage, cache."""

    name = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from django.apps import apps

        from .cache import create_cache_tables, renew_public_answers

        # Once per migrate, not once per app. post_migrate comes only for apps with
        # models, which this one has not, so it listens to governance's.
        post_migrate.connect(
            create_cache_tables,
            sender=apps.get_app_config("governance"),
            dispatch_uid="raadsvolg_cache",
        )
        post_migrate.connect(
            renew_public_answers,
            sender=apps.get_app_config("governance"),
            dispatch_uid="raadsvolg_public_answers",
        )
