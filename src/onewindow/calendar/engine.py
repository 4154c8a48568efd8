"""The working-day engine (DOMAIN §5), pure Python: no database, no Django settings.

A WorkCalendar classifies every day of a fixed table range once, then answers in O(1):
- `cum[i]`: working days among table days 0..i (inclusive prefix count);
- `wd[k]`: table index of the (k+1)-th working day (sorted);
- `unpub[i]`: days with index < i that lie in an unpublished year (exclusive prefix count).
With pauses the cost is O(p log p) for p pauses (sorted and merged), never a day-by-day loop.

Semantics (docs/calendar.md): the start day is not counted; the due date is the N-th working day
after start; working days inside a pause (both ends inclusive) do not count; N = 0 gives start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

import chinese_calendar

from onewindow.core.errors import Invalid

TABLE_START = dt.date(2000, 1, 1)
TABLE_END = dt.date(2100, 12, 31)

HOLIDAY = "holiday"
WORKDAY = "workday"

Pause = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class DueDate:
    due_date: dt.date
    # True when the span start..due_date touches a year that is not published (neither in the
    # chinesecalendar package nor loaded): such days were classified by the weekend rule only.
    provisional: bool


def official_years() -> frozenset[int]:
    """Years the installed chinesecalendar package publishes (read from its data, not hard-coded)."""
    return frozenset(day.year for day in chinese_calendar.holidays)


def out_of_range(day: dt.date, what: str = "date") -> Invalid:
    first, last = TABLE_START.isoformat(), TABLE_END.isoformat()
    return Invalid("date_out_of_range", f"日期超出工作日历范围（{first} 至 {last}）",
                   f"Date outside the working calendar ({first} to {last})",
                   detail={"field": what, "value": day.isoformat(), "min": first, "max": last})


def negative_working_days(n: int) -> Invalid:
    return Invalid("working_days_negative", "工作日数不能为负数",
                   "The number of working days cannot be negative", detail={"working_days": n})


def pause_ends_before_start(first: dt.date, last: dt.date) -> Invalid:
    return Invalid("pause_ends_before_start", "暂停的结束日期早于开始日期", "A pause ends before it starts",
                   detail={"pause": [first.isoformat(), last.isoformat()]})


class WorkCalendar:
    """Immutable once built (only the shared-result cache fills in lazily, and a race there merely
    builds an equal object twice); share it freely between threads."""

    __slots__ = ("_base", "_size", "_working", "_cum", "_wd", "_unpub", "_results", "_prov_results",
                 "official_years", "published_years", "revision")

    def __init__(self, *, overrides: Mapping[dt.date, str] | None = None, loaded_years: Iterable[int] = (),
                 revision: int | None = None, start: dt.date = TABLE_START, end: dt.date = TABLE_END) -> None:
        """overrides: day -> "holiday" | "workday" (they win over everything).
        loaded_years: years published by a file or an administrator; the package's data for them is
        ignored (the year is the weekend rule plus its overrides)."""
        base = start.toordinal()
        size = end.toordinal() - base + 1
        loaded = frozenset(loaded_years)
        official = official_years()
        self.official_years = official
        self.published_years = official | loaded
        self.revision = revision
        self._base = base
        self._size = size

        first_weekday = start.weekday()
        working = bytearray(1 if (first_weekday + i) % 7 < 5 else 0 for i in range(size))
        for table, value in ((chinese_calendar.holidays, 0), (chinese_calendar.workdays, 1)):
            for day in table:
                i = day.toordinal() - base
                if 0 <= i < size and day.year not in loaded:
                    working[i] = value
        for day, kind in (overrides or {}).items():
            i = day.toordinal() - base
            if 0 <= i < size:
                working[i] = 1 if kind == WORKDAY else 0

        unpublished = bytearray(size)
        for year in range(start.year, end.year + 1):
            if year not in self.published_years:
                lo = max(dt.date(year, 1, 1).toordinal() - base, 0)
                hi = min(dt.date(year, 12, 31).toordinal() - base, size - 1)
                unpublished[lo:hi + 1] = b"\x01" * (hi - lo + 1)

        self._working = working
        self._cum = list(accumulate(working))
        self._wd = [i for i, w in enumerate(working) if w]
        self._unpub = list(accumulate(unpublished, initial=0))
        # DueDate objects are immutable, so one per (day, provisional) is shared by all callers:
        # building a frozen dataclass costs more than the whole computation.
        self._results: list[DueDate | None] = [None] * size
        self._prov_results: list[DueDate | None] = [None] * size

    # --- helpers -------------------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        return dt.date.fromordinal(self._base)

    @property
    def end(self) -> dt.date:
        return dt.date.fromordinal(self._base + self._size - 1)

    def index(self, day: dt.date, what: str = "date") -> int:
        i = day.toordinal() - self._base
        if i < 0 or i >= self._size:
            raise out_of_range(day, what)
        return i

    def _merged(self, pauses: Iterable[Pause], after: int) -> list[tuple[int, int]]:
        """Pauses as sorted, disjoint, non-adjacent table-index spans, clipped to days > after
        (days up to the start are never counted anyway)."""
        base, size = self._base, self._size
        spans = []
        for first, last in pauses:
            a = first.toordinal() - base
            b = last.toordinal() - base
            if b < a:
                raise pause_ends_before_start(first, last)
            if a < 0 or a >= size:
                raise out_of_range(first, "pause")
            if b >= size:
                raise out_of_range(last, "pause")
            if b > after:
                spans.append((a if a > after else after + 1, b))
        if len(spans) < 2:
            return spans
        spans.sort()
        merged = [spans[0]]
        for a, b in spans[1:]:
            last_a, last_b = merged[-1]
            if a <= last_b + 1:
                if b > last_b:
                    merged[-1] = (last_a, b)
            else:
                merged.append((a, b))
        return merged

    # --- queries -------------------------------------------------------------------------------

    def is_working_day(self, day: dt.date) -> bool:
        return bool(self._working[self.index(day)])

    def is_published(self, day: dt.date) -> bool:
        return day.year in self.published_years

    def provisional_span(self, start: dt.date, end: dt.date) -> bool:
        """True when any day from start to end (either order, inclusive) is in an unpublished year."""
        i, j = self.index(start, "start"), self.index(end, "end")
        if j < i:
            i, j = j, i
        return self._unpub[j + 1] != self._unpub[i]

    def due_date(self, start: dt.date, working_days: int, pauses: Sequence[Pause] = ()) -> DueDate:
        """The working_days-th working day after start, skipping working days inside pauses."""
        # The hot path of the whole product (every intake, every case list): local lookups only.
        base = self._base
        i = start.toordinal() - base
        if i < 0 or i >= self._size:
            raise out_of_range(start, "start")
        if working_days > 0:
            cum, wd = self._cum, self._wd
            # cum[i] working days lie at or before start; the answer is the next working_days-th.
            k = cum[i] + working_days - 1
            if len(pauses) == 1:  # the common case, without the sort-and-merge below
                first, last = pauses[0]
                a, b = first.toordinal() - base, last.toordinal() - base
                if b < a or a < 0 or b >= self._size:
                    self._merged(pauses, i)  # raises the precise error
                if b > i and k < len(wd) and wd[k] >= a:
                    # The candidate falls at or after the pause: its working days after start do not count.
                    k += cum[b] - (cum[a - 1] if a > i else cum[i])
            elif pauses:
                for a, b in self._merged(pauses, i):
                    if k >= len(wd) or wd[k] < a:
                        break
                    k += cum[b] - cum[a - 1]
            try:
                j = wd[k]
            except IndexError:
                raise out_of_range(TABLE_END, "due_date") from None
        elif working_days == 0:
            if pauses:
                self._merged(pauses, i)  # validate them all the same
            j = i
        else:
            raise negative_working_days(working_days)
        unpub = self._unpub
        table = self._results if unpub[j + 1] == unpub[i] else self._prov_results
        result = table[j]
        if result is None:
            result = table[j] = DueDate(dt.date.fromordinal(base + j), table is self._prov_results)
        return result

    def working_days_between(self, start: dt.date, end: dt.date, pauses: Sequence[Pause] = ()) -> int:
        """Working days d with start < d <= end outside every pause; negative when end < start."""
        i, j = self.index(start, "start"), self.index(end, "end")
        if j < i:
            return -self.working_days_between(end, start, pauses)
        cum = self._cum
        count = cum[j] - cum[i]
        if pauses:
            for a, b in self._merged(pauses, i):
                if a > j:
                    break
                count -= cum[min(b, j)] - cum[a - 1]
        return count
