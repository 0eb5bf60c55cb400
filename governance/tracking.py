"""What moties and toezeggingen share as things the college owes the raad: a deadline
(or a reason why none is known), an open/overdue state derived from it, publication,
and who may see them.

Both apps started as copies of each other; these rules must not drift apart (the
overdue list, the reminders and the public pages count on them meaning the same for
both), so they live here once. The fields stay on each model, because their help texts
differ and moving them would change the migrations; the model names its open statuses
in `OPEN_STATUSES` and its words in a few class attributes."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import DUE_SOON_DAYS
from .roles import scope_for

DUE_SOON_DAYS_DELTA = datetime.timedelta(days=DUE_SOON_DAYS)


class TrackedQuerySet(models.QuerySet):
    """Filters of a tracked record; the open statuses are the model's `OPEN_STATUSES`."""

    def visible_to(self, user):
        """Records the user may see: all of their griffie's municipalities, and those of
        their portfolios for college staff. Adviesraad members see none."""
        return self.visible_to_scope(scope_for(user))

    def visible_to_scope(self, scope):
        if scope.is_superuser:
            return self
        return self.filter(
            models.Q(municipality_id__in=scope.griffie_municipality_ids) | scope.staff_reach()
        )

    def published(self):
        """Records the griffie published: the only ones any public surface shows."""
        return self.filter(published_at__isnull=False)

    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def overdue(self, today=None):
        """Open records whose deadline has passed."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today)

    def due_soon(self, today=None):
        """Open records due from today up to and including DUE_SOON_DAYS ahead."""
        today = today or timezone.localdate()
        return self.open().filter(deadline__range=(today, today + DUE_SOON_DAYS_DELTA))

    def not_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.exclude(pk__in=self.overdue(today).values("pk"))


class TrackedDeadline(models.Model):
    """Abstract base: the deadline rules of a record with `deadline`,
    `deadline_unknown_reason` and `status` fields. Subclasses set `OPEN_STATUSES`, the
    two messages below (their msgids differ per app) and `deadline_start()`."""

    OPEN_STATUSES: tuple = ()
    # "%(date)s" is the start date, dd-mm-jjjj.
    deadline_before_start_message = None
    deadline_missing_message = None

    class Meta:
        abstract = True

    def deadline_start(self):
        """The date the deadline may not be before (the vote, the meeting), or None."""
        raise NotImplementedError

    def check_deadline(self):
        """A deadline is a real date on or after its start, or explicitly unknown with
        a reason; an open record needs one of the two."""
        if self.deadline and self.deadline_unknown_reason:
            raise ValidationError(
                {"deadline_unknown_reason": _("Give either a deadline or a reason, not both.")}
            )
        start = self.deadline_start()
        if self.deadline and start and self.deadline < start:
            raise ValidationError(
                {
                    "deadline": self.deadline_before_start_message
                    % {"date": start.strftime("%d-%m-%Y")}
                }
            )
        if self.is_open and not (self.deadline or self.deadline_unknown_reason):
            raise ValidationError({"deadline": self.deadline_missing_message})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        """Open, with a deadline that has passed."""
        today = today or timezone.localdate()
        return self.is_open and bool(self.deadline) and self.deadline < today

    def days_overdue(self, today=None) -> int:
        today = today or timezone.localdate()
        return (today - self.deadline).days if self.is_overdue(today) else 0
