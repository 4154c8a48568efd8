"""calendar_override_set / calendar_override_remove: overrides win, and the cache follows them."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.calendar.models import CalendarOverride, CalendarRevision, OverrideSource
from onewindow.calendar.services import (
    calendar_override_remove,
    calendar_override_set,
    due_date,
    get_calendar,
    is_working_day,
)
from onewindow.core.errors import Invalid, NotFound
from tests.calendar.conftest import d
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def revision() -> int:
    return CalendarRevision.objects.get(pk=1).number


def test_a_weekday_holiday_moves_the_due_date_and_replaces_the_cached_calendar():
    before = get_calendar()
    assert due_date(start=d("2026-02-27"), working_days=2).due_date == d("2026-03-02")  # 28 (make-up), Mon 2
    user = UserFactory()

    override = calendar_override_set(day=d("2026-03-02"), kind="holiday", name="地方节日", by=user)

    assert get_calendar() is not before  # invalidated in-process on write
    assert not is_working_day(d("2026-03-02"))
    assert due_date(start=d("2026-02-27"), working_days=2).due_date == d("2026-03-03")
    assert (override.kind, override.name, override.source, override.created_by) == (
        "holiday", "地方节日", OverrideSource.ADMIN, user)
    assert CalendarRevision.objects.get(pk=1).changed_by == user


def test_a_weekend_workday_counts_and_removing_it_restores_the_package_calendar():
    start = d("2026-03-06")  # Fri
    assert due_date(start=start, working_days=1).due_date == d("2026-03-09")
    calendar_override_set(day=d("2026-03-07"), kind="workday", name="补班")
    assert due_date(start=start, working_days=1).due_date == d("2026-03-07")
    calendar_override_remove(day=d("2026-03-07"))
    assert due_date(start=start, working_days=1).due_date == d("2026-03-09")
    assert not CalendarOverride.objects.exists()


def test_overrides_win_over_the_package_holidays():
    assert not is_working_day(d("2026-10-05"))  # National Day in chinesecalendar
    calendar_override_set(day=d("2026-10-05"), kind="workday", name="值班")
    assert is_working_day(d("2026-10-05"))
    assert due_date(start=d("2026-09-30"), working_days=1).due_date == d("2026-10-05")


def test_setting_again_updates_the_same_row_and_bumps_the_revision_each_time():
    calendar_override_set(day=d("2026-03-02"), kind="holiday", name="A")
    first = revision()
    calendar_override_set(day=d("2026-03-02"), kind="workday", name="B", note="corrected")
    assert revision() == first + 1
    row = CalendarOverride.objects.get()
    assert (row.kind, row.name, row.note) == ("workday", "B", "corrected")


def test_the_revision_row_is_recreated_when_missing():
    CalendarRevision.objects.all().delete()
    calendar_override_set(day=d("2026-03-02"), kind="holiday", name="A")
    assert revision() == 1


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"day": d("2026-03-02"), "kind": "weekend", "name": "x"}, "invalid_kind"),
    ({"day": d("2026-03-02"), "kind": "holiday", "name": "  "}, "invalid_name"),
    ({"day": d("2026-03-02"), "kind": "holiday", "name": "x" * 101}, "invalid_name"),
    ({"day": d("2101-01-03"), "kind": "holiday", "name": "x"}, "date_out_of_range"),
    ({"day": dt.datetime(2026, 3, 2, 9, 0), "kind": "holiday", "name": "x"}, "invalid_date"),
])
def test_bad_overrides_are_invalid_and_write_nothing(kwargs, code):
    with pytest.raises(Invalid) as exc:
        calendar_override_set(**kwargs)
    assert exc.value.code == code
    assert not CalendarOverride.objects.exists()
    assert revision() == 0


def test_removing_a_missing_override_is_not_found():
    with pytest.raises(NotFound) as exc:
        calendar_override_remove(day=d("2026-03-02"))
    assert exc.value.code == "override_not_found"
    assert revision() == 0
