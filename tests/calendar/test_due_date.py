"""services.due_date / working_days_between / is_working_day on the 2026 calendar, computed by hand.

Spring Festival 2026 (as published in chinesecalendar 1.11.0): holiday Sun 02-15 .. Mon 02-23,
make-up working days Sat 02-14 and Sat 02-28. February 2026 starts on a Sunday.
Mid-autumn Fri 09-25 .. Sun 09-27; National Day Thu 10-01 .. Wed 10-07, make-up working days
Sun 09-20 and Sat 10-10.
"""

from __future__ import annotations

import chinese_calendar
import pytest

from onewindow.calendar.services import (
    DueDate,
    due_date,
    get_calendar,
    is_working_day,
    provisional_span,
    working_days_between,
)
from onewindow.core.errors import Invalid
from tests.calendar.conftest import d

pytestmark = pytest.mark.django_db


def test_the_hand_computed_days_are_what_chinesecalendar_publishes():
    for day in ("2026-02-14", "2026-02-28", "2026-09-20", "2026-10-10"):
        assert d(day) in chinese_calendar.workdays and is_working_day(d(day))
    holidays = [f"2026-02-{n}" for n in range(15, 24)] + [f"2026-10-0{n}" for n in range(1, 8)]
    for day in [*holidays, "2026-09-25"]:
        assert d(day) in chinese_calendar.holidays and not is_working_day(d(day))


@pytest.mark.parametrize(("start", "n", "expected"), [
    # Spring Festival
    ("2026-02-13", 1, "2026-02-14"),  # Fri -> the make-up Saturday
    ("2026-02-14", 1, "2026-02-24"),  # make-up Sat -> over Sun 15 .. Mon 23 -> Tue 24
    ("2026-02-13", 2, "2026-02-24"),  # 14 (1), 24 (2)
    ("2026-02-12", 5, "2026-02-26"),  # 13, 14, 24, 25, 26
    ("2026-02-16", 1, "2026-02-24"),  # a start inside the holiday
    ("2026-02-24", 4, "2026-02-28"),  # 25, 26, 27, then the make-up Saturday
    ("2026-02-28", 1, "2026-03-02"),  # Sun 03-01 is a rest day
    ("2026-02-10", 20, "2026-03-16"),  # 11 12 13 14 | 24 25 26 27 28 | 2 3 4 5 6 | 9 10 11 12 13 | 16
    # Mid-autumn and National Day
    ("2026-09-18", 1, "2026-09-20"),  # Fri -> make-up Sunday
    ("2026-09-24", 1, "2026-09-28"),  # Fri 25 is Mid-autumn, 26-27 weekend
    ("2026-09-30", 1, "2026-10-08"),  # over Oct 1 .. 7
    ("2026-09-30", 3, "2026-10-10"),  # 8, 9, make-up Sat 10
    ("2026-09-30", 4, "2026-10-12"),  # Sun 11 rests
    ("2026-09-18", 10, "2026-10-09"),  # 20 21 22 23 24 | 28 29 30 | 8 9
])
def test_due_dates_over_the_2026_holidays(start, n, expected):
    result = due_date(start=d(start), working_days=n)
    assert result == DueDate(d(expected), False)
    assert working_days_between(start=d(start), end=d(expected)) == n


def test_zero_working_days_is_the_start_itself_even_on_a_holiday():
    assert due_date(start=d("2026-02-16"), working_days=0).due_date == d("2026-02-16")


def test_counts_exclude_the_start_and_include_the_end():
    assert working_days_between(start=d("2026-02-13"), end=d("2026-02-24")) == 2  # 14, 24
    assert working_days_between(start=d("2026-02-14"), end=d("2026-02-23")) == 0  # all holiday
    assert working_days_between(start=d("2026-09-30"), end=d("2026-10-10")) == 3
    assert working_days_between(start=d("2026-03-02"), end=d("2026-03-02")) == 0


def test_counting_backwards_is_negative():
    assert working_days_between(start=d("2026-02-24"), end=d("2026-02-13")) == -2
    assert working_days_between(start=d("2026-10-10"), end=d("2026-09-30")) == -3


def test_a_pause_spanning_the_holiday_skips_the_working_days_inside_it():
    # Without a pause: 11, 12, 13, 14, 24 -> 02-24. Pause 12 .. 25 removes 12, 13, 14, 24, 25;
    # then 11 (1), 26 (2), 27 (3), 28 (4), Mon 03-02 (5).
    start = d("2026-02-10")
    assert due_date(start=start, working_days=5).due_date == d("2026-02-24")
    pause = [(d("2026-02-12"), d("2026-02-25"))]
    assert due_date(start=start, working_days=5, pauses=pause).due_date == d("2026-03-02")
    assert working_days_between(start=start, end=d("2026-03-02"), pauses=pause) == 5


def test_a_pause_inside_the_holiday_costs_nothing():
    pause = [(d("2026-02-16"), d("2026-02-20"))]
    assert due_date(start=d("2026-02-13"), working_days=2, pauses=pause).due_date == d("2026-02-24")


def test_overlapping_adjacent_and_unordered_pauses_count_each_day_once():
    # Start Mon 03-02; pauses 04..06 and 05..10 merge into Wed 04 .. Tue 10 (4 5 6 9 10 paused):
    # 3 (1), 11 (2), 12 (3). Counting a day twice would give a later date.
    start = d("2026-03-02")
    overlapping = [(d("2026-03-05"), d("2026-03-10")), (d("2026-03-04"), d("2026-03-06"))]
    assert due_date(start=start, working_days=3, pauses=overlapping).due_date == d("2026-03-12")
    adjacent = [(d("2026-03-07"), d("2026-03-10")), (d("2026-03-04"), d("2026-03-06")),
                (d("2026-03-04"), d("2026-03-06"))]
    assert due_date(start=start, working_days=3, pauses=adjacent).due_date == d("2026-03-12")
    assert working_days_between(start=start, end=d("2026-03-12"), pauses=overlapping) == 3


def test_pause_days_up_to_the_start_do_not_matter():
    start = d("2026-03-02")
    before = [(d("2026-02-24"), d("2026-03-02"))]
    assert due_date(start=start, working_days=1, pauses=before).due_date == d("2026-03-03")


def test_a_span_into_an_unpublished_year_is_provisional():
    result = due_date(start=d("2026-12-30"), working_days=5)
    # 31 Thu, then 2027 by the weekend rule only: Fri 01-01, Mon 4, Tue 5, Wed 6.
    assert result == DueDate(d("2027-01-06"), True)
    assert provisional_span(d("2026-12-30"), d("2027-01-06")) is True
    assert provisional_span(d("2026-01-01"), d("2026-12-31")) is False
    assert provisional_span(d("2003-12-31"), d("2004-01-02")) is True  # before the package's data


def test_bad_arguments_raise_invalid():
    with pytest.raises(Invalid) as exc:
        due_date(start=d("2026-03-02"), working_days=-1)
    assert exc.value.code == "working_days_negative"
    with pytest.raises(Invalid) as exc:
        working_days_between(start=d("1999-12-31"), end=d("2026-03-02"))
    assert exc.value.code == "date_out_of_range"
    assert exc.value.detail["field"] == "start"


def test_the_calendar_is_built_once_and_then_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(3):  # revision, overrides, loaded years
        calendar = get_calendar()
    with django_assert_num_queries(0):
        assert get_calendar() is calendar
        due_date(start=d("2026-02-13"), working_days=1)
        working_days_between(start=d("2026-02-13"), end=d("2026-03-13"))
