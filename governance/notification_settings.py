"""The user's choice of hand-over e-mails, on the Notifications tab of their account
page in the admin: one switch per kind their roles can bring them, all on by default."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.widgets.switch import SwitchInput

from .constants import NotificationKind
from .notifications import relevant_kinds, set_preferences, turned_off


class NotificationPreferencesForm(forms.Form):
    """A switch per kind of hand-over mail relevant to the user's roles."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        off = turned_off(user)
        for kind in relevant_kinds(user):
            self.fields[kind] = forms.BooleanField(
                label=NotificationKind(kind).label,
                required=False,
                initial=kind not in off,
                widget=SwitchInput(),
            )

    def save(self) -> None:
        set_preferences(self.user, {kind: self.cleaned_data[kind] for kind in self.fields})


class NotificationPreferencesPanel(BaseSettingsPanel):
    """The panel on the account page; shown only to users with a role that gets mail."""

    name = "handover_mail"
    title = _("E-mail when work is handed over to you")
    tab = notifications_tab
    order = 50

    def is_active(self) -> bool:
        return bool(relevant_kinds(self.user))

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return NotificationPreferencesForm(data, user=self.user, prefix=self.name)
