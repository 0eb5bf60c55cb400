from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Raadsvolg: logs, health endpoints, error reporting, storage."""

    name = "operations"
    verbose_name = _("Operations")
