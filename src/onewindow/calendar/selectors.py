"""Reads of the working-day calendar: the process-cached WorkCalendar and the functions other apps
call (re-exported by onewindow.calendar.services, the import path the rest of the code uses).

Cache: the WorkCalendar is built once per process (3 queries) and kept. A calendar write
invalidates it in the writing process at once (and again on commit). Other processes notice a
write by reading CalendarRevision.number (1 cheap query) at most once every
ONEWINDOW_CALENDAR_RECHECK_SECONDS (default 5) seconds, and rebuild only when it changed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from time import monotonic as _monotonic

from django.conf import settings
from django.db import DatabaseError

from onewindow.calendar.engine import DueDate, Pause, WorkCalendar
from onewindow.calendar.models import CalendarOverride, CalendarRevision, CalendarYear, YearSource

logger = logging.getLogger(__name__)

DEFAULT_RECHECK_SECONDS = 5.0

_calendar: WorkCalendar | None = None
_next_check = 0.0


def calendar_revision() -> int:
    return CalendarRevision.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def calendar_override_kinds() -> dict[dt.date, str]:
    return dict(CalendarOverride.objects.values_list("date", "kind"))


def calendar_loaded_years() -> set[int]:
    """Years published by a file or an administrator (their package data is ignored)."""
    return set(CalendarYear.objects.exclude(source=YearSource.CHINESECALENDAR).values_list("year", flat=True))


def calendar_build(revision: int | None = None) -> WorkCalendar:
    # The revision is read before the rows: a write landing in between makes the next check
    # rebuild again rather than leave a stale calendar labelled as current.
    if revision is None:
        revision = calendar_revision()
    return WorkCalendar(overrides=calendar_override_kinds(), loaded_years=calendar_loaded_years(),
                        revision=revision)


def calendar_cache_clear() -> None:
    """Forget the cached calendar; the next call rebuilds it. Write services call this; tests may."""
    global _calendar
    _calendar = None


def _refresh() -> WorkCalendar:
    global _calendar, _next_check
    calendar = _calendar
    if calendar is None:
        calendar = calendar_build()
    else:
        try:
            revision = calendar_revision()
            if revision != calendar.revision:
                calendar = calendar_build(revision)
        except DatabaseError:
            # A failed version check must not stop due-date computations: keep the calendar we
            # have and try again after the next interval.
            logger.warning("working calendar version check failed; keeping the cached calendar",
                           exc_info=True)
    _calendar = calendar
    _next_check = _monotonic() + float(getattr(settings, "ONEWINDOW_CALENDAR_RECHECK_SECONDS",
                                               DEFAULT_RECHECK_SECONDS))
    return calendar


def get_calendar() -> WorkCalendar:
    """The process-wide WorkCalendar, rebuilt after calendar writes (see the module docstring)."""
    calendar = _calendar
    if calendar is None or _monotonic() >= _next_check:
        calendar = _refresh()
    return calendar


def due_date(*, start: dt.date, working_days: int, pauses: Sequence[Pause] = ()) -> DueDate:
    """The working_days-th working day after start (start not counted; N = 0 gives start);
    working days inside a pause (both ends inclusive) do not count."""
    # get_calendar() inlined: this is the hot path of every case intake and every list of cases.
    calendar = _calendar
    if calendar is None or _monotonic() >= _next_check:
        calendar = _refresh()
    return calendar.due_date(start, working_days, pauses)


def working_days_between(*, start: dt.date, end: dt.date, pauses: Sequence[Pause] = ()) -> int:
    """Working days d with start < d <= end outside every pause; -working_days_between(end, start)
    when end < start. working_days_between(start, due_date(start, n).due_date) == n."""
    return get_calendar().working_days_between(start, end, pauses)


def is_working_day(day: dt.date) -> bool:
    return get_calendar().is_working_day(day)


def provisional_span(start: dt.date, end: dt.date) -> bool:
    """True when a day from start to end (inclusive, either order) lies in an unpublished year."""
    return get_calendar().provisional_span(start, end)
