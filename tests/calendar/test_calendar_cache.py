"""get_calendar's cache across processes: another process's write is noticed by one cheap revision
query, at most once every ONEWINDOW_CALENDAR_RECHECK_SECONDS."""

from __future__ import annotations

import pytest
from django.db import DatabaseError

from onewindow.calendar import selectors
from onewindow.calendar.models import CalendarOverride, CalendarRevision
from onewindow.calendar.services import calendar_override_set, due_date, get_calendar
from tests.calendar.conftest import d

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """A controllable monotonic clock for the recheck interval."""
    now = [1000.0]
    monkeypatch.setattr(selectors, "_monotonic", lambda: now[0])
    return now


def write_from_another_process():
    """What another process's calendar_override_set leaves in the database: a row and a new revision
    (our own cache is not told)."""
    CalendarOverride.objects.create(date=d("2026-03-02"), kind="holiday", name="别的进程")
    CalendarRevision.objects.filter(pk=1).update(number=CalendarRevision.objects.get(pk=1).number + 1)


def test_another_process_write_is_seen_after_the_interval(clock, settings, django_assert_num_queries):
    settings.ONEWINDOW_CALENDAR_RECHECK_SECONDS = 5
    calendar = get_calendar()
    write_from_another_process()

    clock[0] += 4.9
    with django_assert_num_queries(0):  # within the interval: no query, the old calendar
        assert get_calendar() is calendar
        assert due_date(start=d("2026-02-27"), working_days=2).due_date == d("2026-03-02")

    clock[0] += 0.2
    with django_assert_num_queries(3):  # the revision changed: revision, overrides, years
        assert due_date(start=d("2026-02-27"), working_days=2).due_date == d("2026-03-03")
    assert get_calendar() is not calendar


def test_an_unchanged_revision_costs_one_query_and_keeps_the_calendar(clock, django_assert_num_queries):
    calendar = get_calendar()
    clock[0] += 60
    with django_assert_num_queries(1):
        assert get_calendar() is calendar
    with django_assert_num_queries(0):  # and the next check is an interval away
        get_calendar()


def test_our_own_write_is_seen_at_once(clock):
    calendar = get_calendar()
    calendar_override_set(day=d("2026-03-02"), kind="holiday", name="本进程")
    assert get_calendar() is not calendar
    assert due_date(start=d("2026-02-27"), working_days=2).due_date == d("2026-03-03")


def test_a_failing_version_check_keeps_the_cached_calendar(clock, monkeypatch):
    calendar = get_calendar()

    def broken():
        raise DatabaseError("connection lost")

    monkeypatch.setattr(selectors, "calendar_revision", broken)
    clock[0] += 60
    assert get_calendar() is calendar
    assert due_date(start=d("2026-02-13"), working_days=1).due_date == d("2026-02-14")
