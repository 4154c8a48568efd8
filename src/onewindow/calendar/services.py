"""The working-day calendar's public functions (DOMAIN §5; docs/calendar.md).

Reads (re-exported from selectors so that other apps import everything from here):
    get_calendar, DueDate, due_date, working_days_between, is_working_day, provisional_span
Writes: calendar_override_set, calendar_override_remove, calendar_year_load, calendar_year_publish,
calendar_year_unpublish. Every write bumps CalendarRevision and drops this process's cached calendar.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from onewindow.calendar import engine
from onewindow.calendar.engine import HOLIDAY, WORKDAY, DueDate, WorkCalendar
from onewindow.calendar.models import (
    CalendarOverride,
    CalendarRevision,
    CalendarYear,
    OverrideSource,
    YearSource,
)
from onewindow.calendar.selectors import (
    calendar_cache_clear,
    due_date,
    get_calendar,
    is_working_day,
    provisional_span,
    working_days_between,
)
from onewindow.calendar.yearfile import MAX_NAME, parse_year_file
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.timeutil import now

__all__ = [
    "DueDate", "WorkCalendar", "calendar_cache_clear", "calendar_override_remove", "calendar_override_set",
    "calendar_year_load", "calendar_year_publish", "calendar_year_unpublish", "due_date", "get_calendar",
    "is_working_day", "provisional_span", "working_days_between",
]


def _changed(*, by) -> None:
    """Bump the revision other processes poll, and drop our cached calendar now and after commit
    (a rebuild in between would otherwise keep uncommitted state under the old revision)."""
    revision, _ = CalendarRevision.objects.select_for_update().get_or_create(pk=1)
    revision.number += 1
    revision.changed_at = now()
    revision.changed_by = by
    revision.save()
    calendar_cache_clear()
    transaction.on_commit(calendar_cache_clear)


def _check_day(day: dt.date) -> None:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise Invalid("invalid_date", "日期无效", "Invalid date", detail={"value": repr(day)[:50]})
    if not engine.TABLE_START <= day <= engine.TABLE_END:
        raise engine.out_of_range(day, "day")


@transaction.atomic
def calendar_override_set(*, day: dt.date, kind: str, name: str, by=None, note: str = "") -> CalendarOverride:
    """Make day a holiday or a working day whatever the package or the weekend rule says."""
    _check_day(day)
    if kind not in (HOLIDAY, WORKDAY):
        raise Invalid("invalid_kind", "类型必须是 holiday 或 workday", "kind must be holiday or workday",
                      detail={"kind": kind})
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise Invalid("invalid_name", f"名称必须是 1 至 {MAX_NAME} 个字符",
                      f"The name must be 1 to {MAX_NAME} characters")
    if len(note) > 200:
        raise Invalid("invalid_note", "备注不能超过 200 个字符", "The note must be at most 200 characters")
    override, _ = CalendarOverride.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name, "note": note, "source": OverrideSource.ADMIN,
                            "created_by": by})
    _changed(by=by)
    return override


@transaction.atomic
def calendar_override_remove(*, day: dt.date, by=None) -> None:
    """Drop the override of day; the day falls back to the package's calendar (or the weekend rule)."""
    _check_day(day)
    deleted, _ = CalendarOverride.objects.filter(date=day).delete()
    if not deleted:
        raise NotFound("override_not_found", "该日期没有日历调整", "No override for that date",
                       detail={"date": day.isoformat()})
    _changed(by=by)


@transaction.atomic
def calendar_year_load(*, data: Any, by=None) -> CalendarYear:
    """Publish a year from a year file (docs/calendar.md). All or nothing: any bad entry raises
    Invalid("invalid_year_file") listing every problem, and nothing is written.

    The file replaces the year's earlier file entries; an administrator's overrides on other days of
    the year stay, and one on a day the file lists is replaced by the file's entry."""
    parsed = parse_year_file(data)
    CalendarOverride.objects.filter(date__year=parsed.year, source=OverrideSource.FILE).delete()
    listed = CalendarOverride.objects.select_for_update().filter(date__in=list(parsed.days))
    existing = {override.date: override for override in listed}
    fresh, changed = [], []
    for day, (kind, name) in sorted(parsed.days.items()):
        override = existing.get(day)
        if override is None:
            fresh.append(CalendarOverride(date=day, kind=kind, name=name, source=OverrideSource.FILE,
                                          created_by=by))
        else:
            override.kind, override.name, override.note = kind, name, ""
            override.source, override.created_by = OverrideSource.FILE, by
            changed.append(override)
    CalendarOverride.objects.bulk_create(fresh)
    CalendarOverride.objects.bulk_update(changed, ["kind", "name", "note", "source", "created_by"])
    year, _ = CalendarYear.objects.update_or_create(
        year=parsed.year, defaults={"source": YearSource.FILE, "loaded_at": now(), "note": parsed.note})
    _changed(by=by)
    return year


@transaction.atomic
def calendar_year_publish(*, year: int, by=None, note: str = "") -> CalendarYear:
    """Mark a year published after its holidays were entered by hand as overrides."""
    valid = isinstance(year, int) and not isinstance(year, bool)
    if not valid or not engine.TABLE_START.year <= year <= engine.TABLE_END.year:
        raise Invalid("year_out_of_range", "年份超出工作日历范围", "Year outside the working calendar",
                      detail={"year": year})
    if year in engine.official_years():
        raise Conflict("year_in_package", "该年份已由 chinesecalendar 发布", "The chinesecalendar package "
                       "already publishes that year; load a year file to replace it", detail={"year": year})
    if CalendarYear.objects.filter(year=year).exists():
        raise Conflict("year_already_published", "该年份已发布", "That year is already published",
                       detail={"year": year})
    published = CalendarYear.objects.create(year=year, source=YearSource.ADMIN, loaded_at=now(), note=note)
    _changed(by=by)
    return published


@transaction.atomic
def calendar_year_unpublish(*, year: int, by=None) -> None:
    """Withdraw a year's publication; its overrides stay, and dates over it are provisional again
    (or, for a package year, follow the package again)."""
    deleted, _ = CalendarYear.objects.filter(year=year).delete()
    if not deleted:
        raise NotFound("year_not_published", "该年份未发布", "That year is not published",
                       detail={"year": year})
    _changed(by=by)
