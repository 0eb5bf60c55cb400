"""django-axes lock-outs, shown as a Dutch message on the admin login page.

Axes counts failures per username *and* client address (settings AXES_*); a wrong
second-factor code counts too (signin.views). Its own page is English and bare, so
AXES_LOCKOUT_CALLABLE renders Wagtail's login page with a message instead."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled

from governance import audit


def client_ip(request) -> str:
    """The client's address, read as the audit log reads it (behind
    RAADSVOLG_TRUSTED_PROXIES reverse proxies: what the outermost trusted one saw)."""
    return audit.client_ip(request) or ""


def cool_off() -> timedelta:
    return settings.AXES_COOLOFF_TIME


def locked_attempts():
    """The username + address combinations locked out now."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gt=timezone.now() - cool_off(),
    )


def unlock_time(username: str, ip_address: str):
    """When the lock-out of this combination ends (now if there is none)."""
    attempt = locked_attempts().filter(username=username, ip_address=ip_address).first()
    return attempt.attempt_time + cool_off() if attempt else timezone.now()


def lockout_message(username: str, ip_address: str) -> str:
    until = timezone.localtime(unlock_time(username, ip_address))
    return _(
        "Too many failed sign-in attempts for this account from this computer. "
        "You can try again from %(time)s. Can't wait? Ask the functional administrator "
        "of Raadsvolg to unlock your account."
    ) % {"time": time_format(until, "H:i")}


def lockout_response(request, original_response=None, credentials=None):
    """The login page with the lock-out message, status 429 (AXES_LOCKOUT_CALLABLE)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return login_page_with_error(request, lockout_message(username, client_ip(request)))


def login_page_with_error(request, message: str, status: int = 429):
    """Wagtail's login page, empty, with one error message; signs out whoever is in."""
    if request.user.is_authenticated:
        logout(request)
    form = get_user_login_form()(request)
    form.cleaned_data = {}  # an empty form that still carries an error
    form.add_error(None, message)
    context = {
        "form": form,
        "show_password_reset": password_reset_enabled(),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "wagtailadmin/login.html", context, status=status)
