from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    """Adviesaanvragen and adviezen of the adviesraad sociaal domein, and the college's
    point-by-point responses."""

    name = "advice"
    verbose_name = _("Advice")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from governance.watchlist import register_source

        from .models import Advice, AdviceRequest
        from .permissions import AdvicePermissionPolicy, AdviceRequestPermissionPolicy
        from .watch import AdviceRequestDeadlines

        register_permission_policy(AdviceRequest, AdviceRequestPermissionPolicy(AdviceRequest))
        register_permission_policy(Advice, AdvicePermissionPolicy(Advice))
        register_source(AdviceRequestDeadlines())
