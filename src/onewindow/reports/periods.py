"""The statistical month (seed 001 #9): month M runs from the 25th of M−1 to the 24th of M. The start
day is a setting (ONEWINDOW_REPORT_PERIOD_START_DAY, 1–28; 1 gives calendar months)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings

from onewindow.core.errors import Invalid

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def start_day() -> int:
    day = int(getattr(settings, "ONEWINDOW_REPORT_PERIOD_START_DAY", 25))
    if not 1 <= day <= 28:  # every month has the day before it
        raise ValueError("ONEWINDOW_REPORT_PERIOD_START_DAY must be 1..28")
    return day


@dataclass(frozen=True)
class Period:
    month: str  # "YYYY-MM"
    start: dt.date
    end: dt.date  # included

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _shift(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def period_of(year: int, month: int) -> Period:
    first = start_day()
    if first == 1:
        ny, nm = _shift(year, month, 1)
        return Period(f"{year:04d}-{month:02d}", dt.date(year, month, 1),
                      dt.date(ny, nm, 1) - dt.timedelta(days=1))
    py, pm = _shift(year, month, -1)
    return Period(f"{year:04d}-{month:02d}", dt.date(py, pm, first), dt.date(year, month, first - 1))


def parse_month(raw: str | None) -> Period:
    """'YYYY-MM' → its period; anything else is a 422 invalid_month."""
    m = _MONTH.match((raw or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise Invalid("invalid_month", "月份格式应为 YYYY-MM", "month must be YYYY-MM",
                      detail={"month": (raw or "")[:20]})
    return period_of(int(m.group(1)), int(m.group(2)))


def period_containing(day: dt.date) -> Period:
    """The statistical month a day belongs to (the 25th already counts for the next month)."""
    first = start_day()
    if first == 1 or day.day < first:
        return period_of(day.year, day.month)
    year, month = _shift(day.year, day.month, 1)
    return period_of(year, month)
