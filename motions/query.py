"""Querysets of moties, composed of small filters. Visibility, publication and the
open/overdue filters are shared with toezeggingen (governance.tracking)."""

from governance.tracking import TrackedQuerySet


class MotionQuerySet(TrackedQuerySet):
    def with_list_relations(self):
        """Everything the motievolglijst shows, fetched up front."""
        return self.select_related(
            "municipality", "meeting", "portfolio", "portfolio__holder"
        ).prefetch_related("submitters__person", "submitters__party")

    def with_votes(self):
        """The vote and the fracties' votes too (the motie pages and the export)."""
        return self.select_related("vote").prefetch_related("vote__party_votes__party")
