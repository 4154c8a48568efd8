import datetime as dt

import pytest
from django.test import override_settings

from onewindow.core.errors import Invalid
from onewindow.reports.periods import parse_month, period_containing

D = dt.date


def test_month_runs_from_the_25th_to_the_24th():
    p = parse_month("2025-03")
    assert (p.start, p.end) == (D(2025, 2, 25), D(2025, 3, 24))


def test_january_starts_in_december_of_the_year_before():
    p = parse_month("2026-01")
    assert (p.start, p.end) == (D(2025, 12, 25), D(2026, 1, 24))


@pytest.mark.parametrize(("day", "month"), [
    (D(2025, 3, 24), "2025-03"), (D(2025, 3, 25), "2025-04"),
    (D(2025, 12, 24), "2025-12"), (D(2025, 12, 25), "2026-01"), (D(2026, 1, 1), "2026-01"),
])
def test_the_24th_closes_a_month_and_the_25th_opens_the_next(day, month):
    assert period_containing(day).month == month


@override_settings(ONEWINDOW_REPORT_PERIOD_START_DAY=1)
def test_start_day_is_a_setting():
    p = parse_month("2024-02")
    assert (p.start, p.end) == (D(2024, 2, 1), D(2024, 2, 29))
    assert period_containing(D(2024, 2, 29)).month == "2024-02"


@pytest.mark.parametrize("raw", ["", "2025-13", "2025-00", "25-03", "2025/03", "abcd-ef", "1999-01",
                                 "2025-3"])
def test_bad_months_are_invalid(raw):
    with pytest.raises(Invalid) as exc:
        parse_month(raw)
    assert exc.value.code == "invalid_month"
