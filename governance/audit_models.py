"""The audit log: one append-only table of what matters to security (sign-ins, role
changes, reads of non-public material, publication, letters sent).

Append-only twice over: the model and its queryset refuse changes and deletions in the
application, and on PostgreSQL a trigger refuses UPDATE and DELETE in the database
(migration 0014). Rows are written through `governance.audit.record`."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    """What happened; the labels are what the functional administrator reads."""

    login = "login", _("Signed in")
    login_failed = "login_failed", _("Sign-in failed")
    logout = "logout", _("Signed out")
    locked_out = "locked_out", _("Account locked")
    unlocked = "unlocked", _("Account unlocked")
    second_factor_reset = "second_factor_reset", _("Second factor reset")
    role_created = "role_created", _("Role granted")
    role_changed = "role_changed", _("Role changed")
    role_removed = "role_removed", _("Role removed")
    viewed = "viewed", _("Non-public record opened")
    downloaded = "downloaded", _("Document downloaded")
    exported = "exported", _("List exported")
    published = "published", _("Published")
    unpublished = "unpublished", _("Publication withdrawn")
    letter_sent = "letter_sent", _("Letter sent")


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


REFUSAL = "The audit log is append-only: events are never changed or deleted."


class AuditEventQuerySet(models.QuerySet):
    """Reads and inserts only: bulk updates and deletions are refused."""

    def update(self, **kwargs):
        raise AppendOnlyError(REFUSAL)

    def delete(self):
        raise AppendOnlyError(REFUSAL)

    def for_list(self):
        """What the list and the export show, fetched up front."""
        return self.select_related("user", "municipality", "content_type")


class AuditEvent(models.Model):
    """One security-relevant event: when, who, from where, what and in which municipality."""

    at = models.DateTimeField(
        _("when"), default=timezone.now, db_index=True, help_text=_("When it happened.")
    )
    kind = models.CharField(
        _("event"), max_length=30, choices=AuditKind.choices, help_text=_("What happened.")
    )
    # Deleting a user or municipality only empties these keys (the PostgreSQL trigger
    # allows exactly that); the text copies keep who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("Who did it, while the account exists."),
    )
    username = models.CharField(
        _("username"),
        max_length=150,
        blank=True,
        help_text=_("The username at the time, or the one typed in at a failed sign-in."),
    )
    email = models.CharField(
        _("e-mail address"), max_length=254, blank=True, help_text=_("The e-mail at the time.")
    )
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, help_text=_("The address the request came from.")
    )
    user_agent = models.CharField(
        _("browser"),
        max_length=255,
        blank=True,
        help_text=_("The browser's user agent, cut short."),
    )
    municipality = models.ForeignKey(
        "governance.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        help_text=_("The municipality the record belongs to, if any."),
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of record"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The kind of record it concerns, if any."),
    )
    object_id = models.CharField(
        _("record id"), max_length=64, blank=True, help_text=_("The id of the record.")
    )
    object_repr = models.CharField(
        _("record"), max_length=255, blank=True, help_text=_("The record as it was named then.")
    )
    detail = models.JSONField(
        _("details"),
        default=dict,
        blank=True,
        encoder=DjangoJSONEncoder,
        help_text=_("Further facts, such as the role or the file name."),
    )

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "at"], name="audit_kind_at")]

    def __str__(self):
        return f"{self.at:%d-%m-%Y %H:%M} {self.get_kind_display()} {self.username}".strip()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(REFUSAL)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(REFUSAL)
