from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigninConfig(AppConfig):
    """Sign-in security: second factor, lock-out, session limits, password reset."""

    name = "signin"
    verbose_name = _("Sign-in security")

    def ready(self):
        from . import sessions  # noqa: F401  (connects the user_logged_in receiver)
