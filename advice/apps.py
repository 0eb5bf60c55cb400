from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    """Adviezen of the adviesraad sociaal domein and the college's responses (issue 5)."""

    name = "advice"
    verbose_name = _("Advice")
