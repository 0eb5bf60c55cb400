from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """Open data: the read-only API, Woo publication (DiWoo) and the public figures."""

    name = "opendata"
    verbose_name = _("Open data")
