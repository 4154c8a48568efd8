"""Calendar test helpers: every test starts and ends with an empty calendar cache, so that a
calendar built inside one test's (rolled back) transaction never leaks into another."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.calendar.selectors import calendar_cache_clear


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    calendar_cache_clear()
    yield
    calendar_cache_clear()


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def year_file_2027() -> dict:
    """A made-up but plausible 2027 calendar (not an official one: chinesecalendar 1.11.0 stops at
    2026). 2027-01-01 is a Friday; Spring Festival holiday Sat 02-06 .. Sun 02-14 with make-up
    working days Sun 01-31 and Sat 02-20."""
    spring = [{"date": f"2027-02-{day:02d}", "name": "春节"} for day in range(6, 15)]
    return {
        "year": 2027,
        "note": "test calendar",
        "holidays": [{"date": "2027-01-01", "name": "元旦"}, *spring],
        "workdays": [{"date": "2027-01-31", "name": "春节调休"}, {"date": "2027-02-20", "name": "春节调休"}],
    }
