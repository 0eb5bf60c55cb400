"""A motie and a toezegging keep a copy of their meeting's date (HeldAtMeeting), which
the lists order by: set on every save, renewed when the meeting's date changes, and
required of bulk inserts."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from commitments.models import Commitment
from motions.models import Motion
from tests.factories import CommitmentFactory, MeetingFactory, MotionFactory


def test_saving_copies_the_meetings_date_and_a_move_renews_it(town):
    motion = MotionFactory(municipality=town.municipality, meeting=town.meeting)
    assert Motion.objects.get(pk=motion.pk).meeting_held_on == town.meeting.date
    later = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 9, 24))
    motion.meeting = later
    motion.save(update_fields=["meeting"])  # the copy is saved with it
    assert Motion.objects.get(pk=motion.pk).meeting_held_on == datetime.date(2026, 9, 24)


def test_a_meeting_moved_to_another_day_moves_its_records_with_it(town):
    motion = MotionFactory(municipality=town.municipality, meeting=town.meeting)
    commitment = CommitmentFactory(municipality=town.municipality, meeting=town.meeting)
    other = MotionFactory(
        municipality=town.municipality,
        meeting=MeetingFactory(municipality=town.municipality, date=datetime.date(2025, 1, 9)),
    )
    town.meeting.date = datetime.date(2026, 10, 8)
    town.meeting.save()
    assert Motion.objects.get(pk=motion.pk).meeting_held_on == datetime.date(2026, 10, 8)
    assert Commitment.objects.get(pk=commitment.pk).meeting_held_on == datetime.date(2026, 10, 8)
    assert Motion.objects.get(pk=other.pk).meeting_held_on == datetime.date(2025, 1, 9)


def test_the_lists_order_follows_a_moved_meeting(town):
    early = MeetingFactory(municipality=town.municipality, date=datetime.date(2024, 2, 1))
    first = MotionFactory(municipality=town.municipality, meeting=early, number="M2024-001")
    late = MeetingFactory(municipality=town.municipality, date=datetime.date(2026, 2, 1))
    second = MotionFactory(municipality=town.municipality, meeting=late, number="M2026-001")
    mine = Motion.objects.filter(municipality=town.municipality)
    assert list(mine) == [second, first]  # newest meeting first
    early.date = datetime.date(2030, 2, 1)
    early.save()
    assert list(mine.all()) == [first, second]


def test_the_copy_is_not_in_the_history(town):
    motion = MotionFactory(municipality=town.municipality, meeting=town.meeting)
    assert not hasattr(motion.history.first(), "meeting_held_on")


def test_a_bulk_insert_without_the_copy_fails_loudly(town):
    with pytest.raises(IntegrityError), transaction.atomic():
        Motion.objects.bulk_create(
            [
                Motion(
                    municipality=town.municipality,
                    meeting=town.meeting,
                    number="M9",
                    title="Zonder datum",
                    operative_text="verzoekt",
                )
            ]
        )
