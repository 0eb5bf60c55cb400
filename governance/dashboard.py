"""The deadline panel on the admin home: overdue first, then what is due soon; a fixed
number of the most urgent items per group, the rest counted and linked to the lists."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .constants import DUE_SOON_DAYS
from .watchlist import PANEL_SIZE, watch_panel


class DeadlinePanel(Component):
    """Overdue items and items due within two weeks, scoped to the user's role."""

    name = "raadsvolg_deadlines"
    order = 50
    template_name = "governance/admin/deadline_panel.html"

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def _group(self, group, overdue):
        rows = [
            {"item": item, "overdue": overdue, "days": item.describe_days(self.today)}
            for item in group.items
        ]
        return {"rows": rows, "total": group.total, "hidden": group.hidden, "kinds": group.kinds}

    def get_context_data(self, parent_context=None):
        panel = watch_panel(self.user, self.today, PANEL_SIZE)
        return {
            "overdue": self._group(panel["overdue"], True),
            "upcoming": self._group(panel["due_soon"], False),
            "horizon": DUE_SOON_DAYS,
        }
