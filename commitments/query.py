"""Querysets of toezeggingen, composed of small filters. Visibility, publication and
the open/overdue filters are shared with moties (governance.tracking)."""

from governance.tracking import TrackedQuerySet


class CommitmentQuerySet(TrackedQuerySet):
    def with_list_relations(self):
        """Everything the lists show, fetched up front."""
        return self.select_related(
            "municipality", "meeting", "portfolio", "portfolio__holder", "holder"
        )
