"""Admin panels shared by the Raadsvolg forms."""

from wagtail.admin.panels import FieldPanel


class RoleFieldPanel(FieldPanel):
    """The panel of a choice that may follow from the user's roles (a municipality, an
    adviesraad): where `ScopedAdminForm` settled and hid it, no label or row is shown."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            if self.bound_field is not None and self.bound_field.is_hidden:
                return False
            return super().is_shown()
