"""The calendar admin writes through the services (revision bumped, cache dropped)."""

from __future__ import annotations

import pytest

from onewindow.calendar.models import CalendarOverride, CalendarRevision, CalendarYear, OverrideSource
from onewindow.calendar.services import calendar_override_set, get_calendar, is_working_day
from tests.calendar.conftest import d

pytestmark = pytest.mark.django_db


def revision() -> int:
    return CalendarRevision.objects.get(pk=1).number


def test_adding_an_override(admin_client, admin_user):
    get_calendar()
    resp = admin_client.post("/admin/calendar/calendaroverride/add/",
                             {"date": "2026-03-02", "kind": "holiday", "name": "地方节日", "note": ""})
    assert resp.status_code == 302, resp.content
    row = CalendarOverride.objects.get()
    assert (row.date, row.kind, row.source, row.created_by) == (
        d("2026-03-02"), "holiday", OverrideSource.ADMIN, admin_user)
    assert revision() == 1
    assert not is_working_day(d("2026-03-02"))


def test_an_override_outside_the_calendar_is_a_form_error(admin_client):
    resp = admin_client.post("/admin/calendar/calendaroverride/add/",
                             {"date": "2101-01-03", "kind": "holiday", "name": "x"})
    assert resp.status_code == 200
    assert not CalendarOverride.objects.exists()


def test_deleting_overrides_in_bulk(admin_client):
    calendar_override_set(day=d("2026-03-02"), kind="holiday", name="a")
    calendar_override_set(day=d("2026-03-03"), kind="holiday", name="b")
    resp = admin_client.post("/admin/calendar/calendaroverride/", {
        "action": "delete_selected", "post": "yes",
        "_selected_action": list(CalendarOverride.objects.values_list("pk", flat=True))})
    assert resp.status_code == 302
    assert not CalendarOverride.objects.exists()
    assert revision() == 4
    assert is_working_day(d("2026-03-02"))


def test_publishing_a_year_by_hand(admin_client):
    resp = admin_client.post("/admin/calendar/calendaryear/add/", {"year": "2030", "note": "手工录入"})
    assert resp.status_code == 302, resp.content
    assert CalendarYear.objects.get().source == "admin"
    resp = admin_client.post("/admin/calendar/calendaryear/add/", {"year": "2026", "note": ""})
    assert resp.status_code == 200  # the package publishes 2026: a form error
    assert CalendarYear.objects.count() == 1
