"""The sign-in pages of the second factor, the functional administrator's page of
lock-outs and second factors, and the rate-limited password reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_otp import login as otp_login
from wagtail.admin.views.account import PasswordResetView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from governance import audit
from governance.audit_models import AuditKind

from . import lockout, mfa
from .forms import CodeForm


def next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


class SecondFactorStep(View):
    """A step of the second factor: only for a signed-in user who has not passed it,
    and not for a username + address that is locked out."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not mfa.awaits_second_factor(request):
            return redirect(next_url(request))
        if self.is_locked(request):
            return lockout.lockout_response(request, credentials=self.credentials(request))
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def credentials(request) -> dict:
        return {"username": request.user.get_username()}

    def is_locked(self, request) -> bool:
        from axes.handlers.proxy import AxesProxyHandler

        return settings.AXES_ENABLED and AxesProxyHandler.is_locked(
            request, self.credentials(request)
        )

    def wrong_code(self, request, form, context):
        """Count a wrong code as a failed sign-in (django-axes listens), and lock out at
        the limit as a wrong password does."""
        credentials = self.credentials(request)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if self.is_locked(request):
            return lockout.lockout_response(request, credentials=credentials)
        form.add_error("code", _("This code is not correct. Check the time on your phone."))
        return self.render(request, form=form, **context)

    def render(self, request, **context):
        context.setdefault("next", next_url(request))
        return TemplateResponse(request, self.template_name, context)


class VerifyView(SecondFactorStep):
    """Asks for the code of the user's app (or a backup code) after the password."""

    template_name = "signin/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and mfa.confirmed_device(request.user) is None:
            return redirect(f"{reverse('signin_enrol')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, form=CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form=form)
        device = mfa.verify(request.user, form.cleaned_data["code"])
        if device is None:
            return self.wrong_code(request, form, {})
        otp_login(request, device)
        return redirect(next_url(request))


class EnrolView(SecondFactorStep):
    """Sets up an authenticator app: QR code and key, confirmed with a first code;
    then shows the backup codes once."""

    template_name = "signin/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and mfa.confirmed_device(request.user) is not None:
            # Someone holding only the password may not add an app of their own.
            return redirect(f"{reverse('signin_verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def device_context(self, device) -> dict:
        return {"qr_svg": mfa.qr_svg(device), "manual_key": mfa.manual_key(device)}

    def get(self, request):
        device = mfa.pending_device(request.user)
        return self.render(request, form=CodeForm(), **self.device_context(device))

    def post(self, request):
        device = mfa.pending_device(request.user)
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render(request, form=form, **self.device_context(device))
        code = "".join(form.cleaned_data["code"].split())
        if not (device.verify_is_allowed()[0] and device.verify_token(code)):
            return self.wrong_code(request, form, self.device_context(device))
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        codes = mfa.new_backup_codes(request.user)
        return TemplateResponse(
            request, "signin/backup_codes.html", {"codes": codes, "next": next_url(request)}
        )


class FunctionalAdministratorOnly:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SignInSecurityView(FunctionalAdministratorOnly, WagtailAdminTemplateMixin, TemplateView):
    """The functional administrator's overview: current lock-outs to unlock, and the
    users with a second factor, to reset it for someone who lost their phone."""

    page_title = gettext_lazy("Sign-in security")
    header_icon = "lock"
    template_name = "signin/security.html"

    def get_breadcrumbs_items(self):
        # Wagtail's default shows only "Home" as the header of a template view.
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        locks = list(lockout.locked_attempts().order_by("username"))
        for attempt in locks:
            attempt.unlocks_at = attempt.attempt_time + lockout.cool_off()
        context["locks"] = locks
        context["users"] = (
            get_user_model()
            .objects.filter(totpdevice__confirmed=True)
            .distinct()
            .order_by("username")
        )
        return context


class UnlockView(FunctionalAdministratorOnly, View):
    def post(self, request, pk):
        attempt = get_object_or_404(lockout.locked_attempts(), pk=pk)
        attempt.delete()
        audit.record(
            AuditKind.unlocked,
            request=request,
            account=attempt.username,
            address=attempt.ip_address,
        )
        messages.success(
            request,
            _("%(username)s can sign in again from %(address)s.")
            % {"username": attempt.username, "address": attempt.ip_address},
        )
        return redirect("signin_security")


class ResetSecondFactorView(FunctionalAdministratorOnly, View):
    def post(self, request, pk):
        user = get_object_or_404(get_user_model(), pk=pk)
        mfa.reset(user)
        audit.record(AuditKind.second_factor_reset, request=request, obj=user)
        messages.success(
            request,
            _(
                "The second factor of %(username)s was removed: they set up a new app at "
                "their next sign-in."
            )
            % {"username": user.get_username()},
        )
        return redirect("signin_security")


class RateLimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset, at most RAADSVOLG_PASSWORD_RESET_LIMIT mails an hour
    per e-mail address and per client address. The refusal reads the same whether the
    address belongs to an account or not."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        keys = [f"signin:reset:email:{email}", f"signin:reset:ip:{lockout.client_ip(self.request)}"]
        if any(cache.get(key, 0) >= settings.RAADSVOLG_PASSWORD_RESET_LIMIT for key in keys):
            form.add_error(
                None,
                _(
                    "Too many password reset requests for this address or from this computer. "
                    "Try again in an hour, or ask the functional administrator of Raadsvolg."
                ),
            )
            return self.form_invalid(form)
        for key in keys:
            cache.add(key, 0, timeout=60 * 60)
            cache.incr(key)
        return super().form_valid(form)
