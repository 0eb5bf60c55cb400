"""Admin forms of the advice app."""

from governance.forms import ScopedAdminForm


class AdviceRequestForm(ScopedAdminForm):
    """An adviesaanvraag, registered by the griffie or by college staff."""

    scope_staff_too = True
