"""Writing the audit log (governance.audit_models.AuditEvent): one `record` function,
the receivers of Django's sign-in signals and of role changes, and one view mixin for
every view that hands out non-public material.

Who and from where come from the request; where a step has none at hand (a letter
sent, a role saved in the admin), the request simple-history's middleware keeps for the
current thread is used, so that the address is known wherever a person acted."""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from .audit_models import AuditEvent, AuditKind
from .models import Role

USER_AGENT_LENGTH = 255


def current_request():
    """The request being handled in this thread, if any (simple-history's middleware)."""
    return getattr(HistoricalRecords.context, "request", None)


def client_ip(request) -> str | None:
    """The address the request came from: REMOTE_ADDR, or behind
    RAADSVOLG_TRUSTED_PROXIES reverse proxies the address the outermost trusted proxy
    saw in X-Forwarded-For (anything further left can be typed by anyone). The audit log
    and the lock-outs of django-axes (signin.lockout) read it here."""
    proxies = settings.RAADSVOLG_TRUSTED_PROXIES
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if proxies and len(forwarded) >= proxies:
        address = forwarded[-proxies]
    else:
        address = request.META.get("REMOTE_ADDR") or ""
    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None  # e.g. a Unix socket: no address rather than a refused event
    return address


def record(kind, *, request=None, user=None, obj=None, municipality=None, **detail) -> AuditEvent:
    """Append one event. `user` defaults to the request's user; `municipality` to the
    record's own; `detail` is stored as JSON (never pass a password)."""
    request = request or current_request()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    event = AuditEvent(kind=kind, detail=detail, municipality=municipality)
    if municipality is None and obj is not None:
        event.municipality_id = municipality_id_of(obj)
    if user is not None:
        event.user = user
        event.username = user.get_username()
        event.email = user.email or ""
    if request is not None:
        event.ip_address = client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj)
        event.object_id = str(obj.pk)
        event.object_repr = str(obj)[:255]
    event.save()
    return event


def municipality_id_of(obj) -> int | None:
    """The record's municipality, or that of the motie or advies a letter is about."""
    if hasattr(obj, "subject_field"):
        obj = getattr(obj, obj.subject_field)
    return getattr(obj, "municipality_id", None)


# SIGN-IN
# ------------------------------------------------------------------------------


@receiver(user_logged_in, dispatch_uid="audit_login")
def on_logged_in(sender, request, user, **kwargs):
    record(AuditKind.login, request=request, user=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditKind.logout, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    """Only the username typed in is kept; the password never reaches the log."""
    event = AuditEvent(kind=AuditKind.login_failed)
    record_attempt(event, request, credentials.get("username", ""))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def on_locked_out(request, username, ip_address, **kwargs):
    """django-axes locked a username from an address (signin.lockout)."""
    event = AuditEvent(kind=AuditKind.locked_out, ip_address=ip_address or None)
    record_attempt(event, request, username or "")


def record_attempt(event, request, username: str) -> None:
    """A sign-in event of someone not signed in: the typed username, and the account
    it names if there is one."""
    event.username = str(username)[:150]
    user = (
        get_user_model()
        ._default_manager.filter(**{get_user_model().USERNAME_FIELD: event.username})
        .first()
    )
    if user is not None:
        event.user, event.email = user, user.email or ""
    if request is not None:
        event.ip_address = event.ip_address or client_ip(request)
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH]
    event.save()


# ROLES
# ------------------------------------------------------------------------------


def role_facts(role) -> dict:
    return {
        "account": role.user.get_username() if role.user_id else "",
        "role": role.get_kind_display(),
        "advisory_council": str(role.advisory_council) if role.advisory_council_id else "",
    }


@receiver(pre_save, sender=Role, dispatch_uid="audit_role_before")
def remember_role_before(sender, instance, raw=False, **kwargs):
    """What the role was, so that a change names what changed."""
    if raw or instance._state.adding or instance.pk is None:
        return
    instance._audit_before = (
        Role.objects.filter(pk=instance.pk)
        .select_related("user", "municipality", "advisory_council")
        .first()
    )


@receiver(post_save, sender=Role, dispatch_uid="audit_role_saved")
def on_role_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    facts = role_facts(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(AuditKind.role_created, obj=instance, **facts)
        return
    old = role_facts(before) | {"municipality": str(before.municipality or "")}
    new = facts | {"municipality": str(instance.municipality or "")}
    changes = {key: [old[key], new[key]] for key in new if old[key] != new[key]}
    if changes:
        record(AuditKind.role_changed, obj=instance, **facts, changes=changes)


@receiver(m2m_changed, sender=Role.portfolios.through, dispatch_uid="audit_role_portfolios")
def on_role_portfolios_changed(sender, instance, action, pk_set, reverse=False, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear") or pk_set == set():
        return
    from .models import Portfolio

    names = sorted(Portfolio.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True))
    key = {"post_add": "portfolios_added"}.get(action, "portfolios_removed")
    record(AuditKind.role_changed, obj=instance, **role_facts(instance), **{key: names})


@receiver(post_delete, sender=Role, dispatch_uid="audit_role_removed")
def on_role_removed(sender, instance, **kwargs):
    record(AuditKind.role_removed, obj=instance, **role_facts(instance))


def on_user_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """The functional administrator's role is the superuser flag: granting or taking
    it away is a role change too."""
    if raw or created or (update_fields and "is_superuser" not in update_fields):
        return
    before = getattr(instance, "_audit_superuser_before", instance.is_superuser)
    if before != instance.is_superuser:
        kind = AuditKind.role_created if instance.is_superuser else AuditKind.role_removed
        role = gettext("functional administrator")
        record(kind, obj=instance, account=instance.get_username(), role=role)


def remember_superuser_before(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields and "is_superuser" not in update_fields):
        return
    before = sender._default_manager.filter(pk=instance.pk).values_list("is_superuser", flat=True)
    instance._audit_superuser_before = next(iter(before), instance.is_superuser)


pre_save.connect(remember_superuser_before, sender=get_user_model(), dispatch_uid="audit_su_before")
post_save.connect(on_user_saved, sender=get_user_model(), dispatch_uid="audit_su_saved")


# READS AND DOWNLOADS
# ------------------------------------------------------------------------------


class AuditedViewMixin:
    """For a view that hands out non-public material: after a successful GET it
    records one event. `audit_facts()` says what to record, or None for nothing."""

    audit_kind = AuditKind.downloaded

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            facts = self.audit_facts()
            if facts is not None:
                record(facts.pop("kind", self.audit_kind), request=request, **facts)
        return response

    def audit_facts(self) -> dict | None:
        return {"obj": self.object}
