"""Properties of the WorkCalendar engine (pure: no database), checked with hypothesis, and against a
naive day-by-day oracle over chinese_calendar.is_workday."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onewindow.calendar.engine import TABLE_END, TABLE_START, WorkCalendar, official_years
from onewindow.core.errors import Invalid

CAL = WorkCalendar()
FIRST_OFFICIAL, LAST_OFFICIAL = min(official_years()), max(official_years())

# Room on both sides: pauses reach 30 days back, and 3650 working days are about 14.5 years.
starts = st.dates(min_value=dt.date(2000, 3, 1), max_value=dt.date(2080, 12, 31))
counts = st.integers(min_value=0, max_value=3650)


@st.composite
def pause_lists(draw, near: dt.date | None = None, max_pauses: int = 4):
    """0..max_pauses pauses (possibly overlapping or adjacent) around `near`."""
    centre = near or draw(starts)
    out = []
    for _ in range(draw(st.integers(0, max_pauses))):
        first = centre + dt.timedelta(days=draw(st.integers(-30, 400)))
        last = first + dt.timedelta(days=draw(st.integers(0, 60)))
        out.append((first, last))
    return out


@st.composite
def start_n_pauses(draw):
    start = draw(starts)
    return start, draw(counts), draw(pause_lists(near=start))


def naive_due(start, n, pauses):
    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        if not any(a <= day <= b for a, b in pauses) and chinese_calendar.is_workday(day):
            left -= 1
    return day


@given(start_n_pauses())
def test_adding_then_counting_round_trips(args):
    start, n, pauses = args
    due = CAL.due_date(start, n, pauses).due_date
    assert CAL.working_days_between(start, due, pauses) == n
    assert CAL.working_days_between(due, start, pauses) == -n


@given(start_n_pauses(), pause_lists(max_pauses=2))
def test_pauses_only_ever_move_the_due_date_later(args, extra):
    start, n, pauses = args
    without = CAL.due_date(start, n).due_date
    with_pauses = CAL.due_date(start, n, pauses).due_date
    assert with_pauses >= without
    assert CAL.due_date(start, n, pauses + extra).due_date >= with_pauses


@given(start_n_pauses())
def test_the_one_pause_fast_path_agrees_with_the_general_merge(args):
    start, n, pauses = args
    for pause in pauses:
        # A duplicated pause takes the sort-and-merge path; a single one the fast path.
        assert CAL.due_date(start, n, [pause]) == CAL.due_date(start, n, [pause, pause])


@given(starts, counts, counts, pause_lists())
def test_due_date_is_monotonic_in_n(start, n1, n2, pauses):
    low, high = sorted((n1, n2))
    a, b = CAL.due_date(start, low, pauses).due_date, CAL.due_date(start, high, pauses).due_date
    assert a <= b
    if low < high:
        assert a < b


@given(start_n_pauses())
def test_due_date_is_a_working_day_outside_every_pause(args):
    start, n, pauses = args
    if n == 0:
        assert CAL.due_date(start, 0, pauses).due_date == start
        return
    due = CAL.due_date(start, n, pauses).due_date
    assert due > start
    assert CAL.is_working_day(due)
    assert not any(a <= due <= b for a, b in pauses)


@given(starts, starts, starts)
def test_counts_add_up_over_consecutive_spans(a, b, c):
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == CAL.working_days_between(a, c)


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(FIRST_OFFICIAL, 1, 1), max_value=dt.date(LAST_OFFICIAL, 6, 30)),
       st.integers(0, 60), st.data())
def test_agrees_with_a_naive_walk_over_chinese_calendar(start, n, data):
    # Pauses end by August so that the walk stays inside the package's last year.
    limit = dt.date(LAST_OFFICIAL, 8, 31)
    pauses = [(a, min(b, limit)) for a, b in data.draw(pause_lists(near=start, max_pauses=2)) if a <= limit]
    expected = naive_due(start, n, pauses)
    result = CAL.due_date(start, n, pauses)
    assert result.due_date == expected
    assert result.provisional is False


@given(st.dates(min_value=TABLE_START, max_value=TABLE_END))
def test_each_day_matches_the_package_or_the_weekend_rule(day):
    if day.year in official_years():
        assert CAL.is_working_day(day) == chinese_calendar.is_workday(day)
    else:
        assert CAL.is_working_day(day) == (day.weekday() < 5)


@given(starts, st.integers(0, 400))
def test_provisional_exactly_when_the_span_touches_an_unpublished_year(start, n):
    result = CAL.due_date(start, n)
    touched = range(start.year, result.due_date.year + 1)
    assert result.provisional == any(year not in official_years() for year in touched)


def test_covered_years_are_read_from_the_package_data():
    assert official_years() == {day.year for day in chinese_calendar.holidays}
    assert {2004, 2026} <= official_years()


def test_results_are_shared_immutable_objects():
    first = CAL.due_date(dt.date(2026, 3, 2), 5)
    assert CAL.due_date(dt.date(2026, 3, 3), 4) is first  # same due date, same object
    with pytest.raises(AttributeError):
        first.due_date = dt.date(2026, 1, 1)  # frozen


@pytest.mark.parametrize(("start", "n"), [
    (TABLE_START - dt.timedelta(days=1), 1),
    (TABLE_END + dt.timedelta(days=1), 0),
    (dt.date(2100, 12, 30), 10),  # the result would fall beyond the table
])
def test_outside_the_table_is_invalid(start, n):
    with pytest.raises(Invalid) as exc:
        CAL.due_date(start, n)
    assert exc.value.code == "date_out_of_range"
    assert exc.value.status == 422


def test_negative_n_and_reversed_pause_are_invalid():
    start = dt.date(2026, 3, 2)
    with pytest.raises(Invalid) as exc:
        CAL.due_date(start, -1)
    assert exc.value.code == "working_days_negative"
    with pytest.raises(Invalid) as exc:
        CAL.due_date(start, 0, [(dt.date(2026, 3, 5), dt.date(2026, 3, 4))])
    assert exc.value.code == "pause_ends_before_start"
    with pytest.raises(Invalid) as exc:
        CAL.working_days_between(start, dt.date(2026, 4, 1), [(dt.date(2026, 3, 5), dt.date(2101, 1, 1))])
    assert exc.value.code == "date_out_of_range"
