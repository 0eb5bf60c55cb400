"""The median days to completion is computed in the database: the same answer as
statistics.median over every motie, from one query that returns at most the middle two
rows of each year, whatever the number of completed moties."""

import datetime
import statistics

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opendata.figures import compute, middle_durations
from tests.test_figures import completed, motion


def test_the_median_per_year_is_statistics_median_and_reads_two_rows_a_year_at_most(town):
    durations = {2024: [5, 300, 17, 17, 42, 8, 120], 2025: [60, 1, 1, 365, 90, 14], 2026: [7]}
    for year, days in durations.items():
        for number in days:
            vote = datetime.date(year, 1, 15)
            completed(town, number, vote=vote, deadline=vote + datetime.timedelta(days=400))
    motion(town, in_progress=True)  # not completed: not counted
    motion(town, published=False, completed=True)  # not published: not counted

    middle = list(middle_durations(town.municipality))
    assert sorted(year for year, __ in middle) == [2024, 2025, 2025, 2026]  # 7, 6, 1 moties
    with CaptureQueriesContext(connection) as context:
        figures = compute(town.municipality)
    assert len(context) == 4
    for year, days in durations.items():
        expected = statistics.median(days)
        assert figures.year(year).motions.median_days_to_completion == expected, year
    assert figures.year(2025).motions.median_days_to_completion == 37  # (14 + 60) / 2
