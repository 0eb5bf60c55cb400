"""The deadline panel on the admin home: overdue first, then what is due soon."""

from django.utils import timezone
from wagtail.admin.ui.components import Component

from .watchlist import watch_items

HORIZON_DAYS = 14


class DeadlinePanel(Component):
    """Overdue items and items due within two weeks, scoped to the user's role."""

    name = "raadsvolg_deadlines"
    order = 50
    template_name = "governance/admin/deadline_panel.html"

    def __init__(self, user, today=None):
        self.user = user
        self.today = today or timezone.localdate()

    def get_context_data(self, parent_context=None):
        items = watch_items(self.user, self.today, HORIZON_DAYS)
        rows = [
            {
                "item": item,
                "overdue": item.is_overdue(self.today),
                "days": item.describe_days(self.today),
            }
            for item in items
        ]
        return {
            "overdue": [row for row in rows if row["overdue"]],
            "upcoming": [row for row in rows if not row["overdue"]],
            "horizon": HORIZON_DAYS,
        }
