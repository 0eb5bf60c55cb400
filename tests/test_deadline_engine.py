"""The Algemene termijnenwet engine, against dates worked out by hand from the law.

`due_date(start, weeks=…, days=…)`: `start` is the first day of the term (the day after
the event it runs from), so without the Atw a term of n days ends on start + n - 1."""

import datetime

import pytest

from governance.deadlines import (
    AtwCalendar,
    due_date,
    easter_sunday,
    kings_day,
    plain_due_date,
    statutory_holidays,
)
from governance.models import EqualisedDay

D = datetime.date

# (start, weeks, days, expected end, what the case shows)
CASES = [
    (D(2026, 3, 3), 6, 0, D(2026, 4, 13), "ends on a Monday: no extension"),
    (D(2026, 3, 2), 6, 0, D(2026, 4, 13), "art. 1: ends on a Sunday, runs to Monday"),
    (D(2026, 2, 21), 6, 0, D(2026, 4, 7), "Goede Vrijdag, weekend and Easter Monday in a row"),
    (D(2027, 2, 27), 4, 0, D(2027, 3, 30), "Goede Vrijdag 2027 before Easter Monday"),
    (D(2024, 3, 31), 4, 0, D(2024, 4, 29), "Koningsdag on a Saturday: plain weekend"),
    (D(2026, 3, 31), 4, 0, D(2026, 4, 28), "Koningsdag on a Monday"),
    (D(2025, 3, 30), 4, 0, D(2025, 4, 28), "Koningsdag 2025 on Saturday the 26th"),
    (D(2026, 4, 8), 4, 0, D(2026, 5, 6), "5 May 2026: a year not divisible by five"),
    (D(2024, 4, 8), 4, 0, D(2024, 5, 6), "5 May 2024 on a Sunday"),
    (D(2027, 4, 8), 4, 0, D(2027, 5, 10), "5 May, Ascension, its bridge day, then weekend"),
    (D(2026, 4, 17), 4, 0, D(2026, 5, 18), "Ascension with its bridge day (lid 3)"),
    (D(2023, 4, 21), 4, 0, D(2023, 5, 22), "Ascension 2023 with its bridge day"),
    (D(2023, 3, 31), 4, 0, D(2023, 5, 1), "Koningsdag 2023 with its bridge day"),
    (D(2025, 12, 6), 4, 0, D(2026, 1, 5), "lid-3 day 2 January 2026 alone"),
    (D(2023, 11, 28), 4, 0, D(2023, 12, 27), "two holidays in a row: Christmas 2023"),
    (D(2024, 11, 28), 4, 0, D(2024, 12, 30), "Christmas 2024, its bridge day, weekend"),
    (D(2025, 5, 11), 4, 0, D(2025, 6, 10), "Whit Monday next to a weekend"),
    (D(2028, 5, 8), 4, 0, D(2028, 6, 6), "Whit Monday 2028 after a Sunday"),
    (D(2024, 12, 5), 4, 0, D(2025, 1, 2), "New Year's Day 2025 on a Wednesday"),
    (D(2027, 12, 4), 4, 0, D(2027, 12, 31), "31 December 2027: a working day"),
    (D(2027, 12, 5), 4, 0, D(2028, 1, 3), "New Year's Day 2028 on a Saturday"),
    (D(2026, 12, 24), 0, 3, D(2026, 12, 28), "art. 1 only: 24 and 28 December are working days"),
    (D(2026, 12, 25), 0, 3, D(2026, 12, 29), "art. 2 around Christmas: needs a second working day"),
    (D(2026, 12, 25), 0, 2, D(2026, 12, 28), "a term of two days: art. 2 does not apply"),
    (D(2026, 4, 3), 0, 3, D(2026, 4, 8), "art. 2 around Easter 2026"),
    (D(2028, 4, 27), 0, 3, D(2028, 5, 2), "art. 2: Koningsdag 2028, bridge day, weekend"),
    (D(2028, 6, 12), 0, 10, D(2028, 6, 21), "ten days, nothing in the way"),
    (D(2026, 9, 2), 6, 0, D(2026, 10, 13), "six weeks after receipt on 1 September"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("start", "weeks", "days", "expected", "why"), CASES)
def test_due_date_follows_the_algemene_termijnenwet(start, weeks, days, expected, why):
    assert due_date(start, weeks=weeks, days=days) == expected, why


def test_the_table_covers_2023_to_2028():
    assert {case[0].year for case in CASES} | {case[3].year for case in CASES} >= set(
        range(2023, 2029)
    )
    assert len(CASES) >= 20


@pytest.mark.django_db
def test_equalised_days_are_data_the_griffie_can_extend():
    start = D(2029, 4, 14)  # four weeks end on Friday 11 May 2029, after Ascension Day
    assert due_date(start, weeks=4) == D(2029, 5, 11)
    EqualisedDay.objects.create(date=D(2029, 5, 11), description="Vrijdag na Hemelvaartsdag")
    assert due_date(start, weeks=4) == D(2029, 5, 14)


@pytest.mark.django_db
def test_the_reported_decrees_are_seeded():
    seeded = set(EqualisedDay.objects.values_list("date", flat=True))
    assert {D(2023, 4, 28), D(2024, 12, 27), D(2026, 1, 2), D(2028, 5, 26)} <= seeded
    assert len(seeded) == 10


def test_a_term_without_the_atw_is_not_moved():
    assert plain_due_date(D(2026, 3, 2), weeks=6) == D(2026, 4, 12)


def test_an_empty_term_is_refused():
    with pytest.raises(ValueError):
        AtwCalendar().due_date(D(2026, 1, 5))


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2023, D(2023, 4, 9)),
        (2024, D(2024, 3, 31)),
        (2025, D(2025, 4, 20)),
        (2026, D(2026, 4, 5)),
        (2027, D(2027, 3, 28)),
        (2028, D(2028, 4, 16)),
        (2038, D(2038, 4, 25)),
        (2285, D(2285, 3, 22)),
    ],
)
def test_easter_sunday(year, easter):
    assert easter_sunday(year) == easter


def test_kings_day_moves_to_saturday_when_the_27th_is_a_sunday():
    assert kings_day(2025) == D(2025, 4, 26)
    assert kings_day(2026) == D(2026, 4, 27)
    assert kings_day(2013) == D(2013, 4, 30)


HOLIDAYS_2026 = [
    D(2026, 1, 1),
    D(2026, 4, 3),
    D(2026, 4, 5),
    D(2026, 4, 6),
    D(2026, 4, 27),
    D(2026, 5, 5),
    D(2026, 5, 14),
    D(2026, 5, 24),
    D(2026, 5, 25),
    D(2026, 12, 25),
    D(2026, 12, 26),
]


def test_the_statutory_list_of_2026_day_by_day():
    assert list(statutory_holidays(2026)) == HOLIDAYS_2026


@pytest.mark.parametrize("year", range(2023, 2029))
def test_5_may_and_good_friday_are_holidays_every_year(year):
    days = statutory_holidays(year)
    assert D(year, 5, 5) in days
    assert easter_sunday(year) - datetime.timedelta(days=2) in days


def test_days_that_common_holiday_lists_have_but_the_atw_does_not():
    # Sinterklaas, Dodenherdenking, Valentine's Day and Carnival are no feestdagen.
    calendar = AtwCalendar()
    for day in (D(2026, 12, 7), D(2026, 5, 4), D(2026, 2, 16), D(2026, 2, 17)):
        assert not calendar.is_non_working_day(day)
