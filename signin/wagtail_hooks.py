"""The pages of sign-in security in the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_signin_urls():
    from . import views

    return [
        path("inloggen/code/", views.VerifyView.as_view(), name="signin_verify"),
        path("inloggen/app/", views.EnrolView.as_view(), name="signin_enrol"),
        path("beveiliging/", views.SignInSecurityView.as_view(), name="signin_security"),
        path("beveiliging/ontgrendel/<int:pk>/", views.UnlockView.as_view(), name="signin_unlock"),
        path(
            "beveiliging/tweede-factor/<int:pk>/",
            views.ResetSecondFactorView.as_view(),
            name="signin_reset_second_factor",
        ),
    ]


class FunctionalAdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_signin_security_menu_item():
    return FunctionalAdministratorMenuItem(
        _("Sign-in security"), reverse("signin_security"), icon_name="lock", order=900
    )
