"""The mails that did not go out: a list for the functional administrator, who sees why
each failed and can send them again once the cause is mended (a mail server down, an
address corrected). Hand-over mails are recorded before they are sent
(governance.notifications), so a failed one is never lost, only waiting; the daily sweep
retries it up to MAX_ATTEMPTS times, after which it waits for this list."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Notification
from .viewsets import ScopedIndexView

TIME_FORMAT = "%d-%m-%Y %H:%M"


def unsent():
    """Mails tried at least once and not sent: failed, waiting for the next attempt or
    given up."""
    return Notification.objects.filter(sent_at=None, attempts__gt=0)


class UnsentMailPolicy(BasePermissionPolicy):
    """Only the functional administrator: the list names every user's address and the
    mail server's answers, across municipalities."""

    def user_has_permission(self, user, action):
        return action == "view" and user.is_active and user.is_superuser

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and self.user_has_permission(user, "view"):
            return unsent()
        return Notification.objects.none()

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)


COLUMNS = {
    "created_at": (_("Recorded"), lambda n: timezone.localtime(n.created_at).strftime(TIME_FORMAT)),
    "kind": (_("Kind"), lambda n: n.get_kind_display()),
    "recipient": (_("Recipient"), lambda n: n.recipient.get_full_name() or n.recipient.username),
    "email": (_("E-mail address"), lambda n: n.recipient.email),
    "subject": (_("Subject"), lambda n: n.subject),
    "attempts": (_("Attempts"), lambda n: n.attempts),
    "last_error": (_("Last error"), lambda n: n.last_error),
}


class UnsentMailIndexView(ScopedIndexView):
    paginate_by = 50
    default_ordering = "-created_at"
    list_select_related = ("recipient",)

    def get_base_queryset(self):
        return unsent().select_related("recipient")


class UnsentMailViewSet(ModelViewSet):
    """A list and one action, send again; no add, edit or delete view."""

    model = Notification
    icon = "mail"
    menu_label = _("Unsent e-mail")
    menu_order = 960
    add_to_admin_menu = True
    index_view_class = UnsentMailIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = []
    list_display = [
        Column(key, label=label, accessor=value) for key, (label, value) in COLUMNS.items()
    ]
    form_fields = []

    index_template_name = "governance/admin/unsent_mail_index.html"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("opnieuw/", require_POST(self.retry_view), name="retry"),
        ]

    def retry_view(self, request):
        """Give every unsent mail a fresh set of attempts and send them now."""
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        from .notifications import send_unsent

        chosen = unsent()
        with transaction.atomic():
            keys = sorted(set(chosen.values_list("key", flat=True)))
            chosen.update(attempts=0)
        sent = sum(send_unsent(key) for key in keys)
        failed = unsent().filter(key__in=keys).count()
        messages.success(
            request,
            ngettext("%(count)d e-mail sent.", "%(count)d e-mails sent.", sent) % {"count": sent},
        )
        if failed:
            messages.error(
                request,
                ngettext(
                    "%(count)d e-mail failed again; the reason is in the list.",
                    "%(count)d e-mails failed again; the reasons are in the list.",
                    failed,
                )
                % {"count": failed},
            )
        return redirect(reverse(self.get_url_name("index")))


register_permission_policy(Notification, UnsentMailPolicy(Notification))


@hooks.register("register_admin_viewset")
def register_unsent_mail():
    return UnsentMailViewSet("unsent_mail")
