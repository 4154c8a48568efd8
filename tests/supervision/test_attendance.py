"""Attendance: check in and out once a day, late and early flags, the page's htmx buttons."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from onewindow.core.errors import Conflict
from onewindow.supervision.models import Attendance
from onewindow.supervision.services import attendance_check_in, attendance_check_out
from tests.factories import PASSWORD
from tests.supervision.conftest import TZ


def test_check_in_and_out(db, clerk):
    with time_machine.travel(dt.datetime(2026, 9, 29, 8, 20, tzinfo=TZ), tick=False):
        row = attendance_check_in(staff=clerk)
        with pytest.raises(Conflict):
            attendance_check_in(staff=clerk)
    with time_machine.travel(dt.datetime(2026, 9, 29, 17, 40, tzinfo=TZ), tick=False):
        attendance_check_out(staff=clerk)
    row.refresh_from_db()
    assert (row.day, row.late, row.early_leave) == (dt.date(2026, 9, 29), False, False)


def test_late_and_early(db, clerk):
    with time_machine.travel(dt.datetime(2026, 9, 29, 9, 5, tzinfo=TZ), tick=False):
        attendance_check_in(staff=clerk)
    with time_machine.travel(dt.datetime(2026, 9, 29, 16, 0, tzinfo=TZ), tick=False):
        row = attendance_check_out(staff=clerk)
    assert row.late and row.early_leave


def test_check_out_without_check_in(db, clerk):
    with pytest.raises(Conflict) as exc:
        attendance_check_out(staff=clerk)
    assert exc.value.code == "not_checked_in"


def test_page_buttons(db, clerk):
    client = Client()
    client.login(username="clerk", password=PASSWORD)
    page = client.get("/supervision/attendance/").content.decode()
    assert 'data-action="check_in"' in page
    resp = client.post("/supervision/attendance/check-in/", HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert 'role="status"' in resp.content.decode()
    assert Attendance.objects.filter(staff=clerk).count() == 1
    again = client.post("/supervision/attendance/check-in/", HTTP_HX_REQUEST="true")
    assert again.status_code == 409
    assert client.get("/supervision/attendance/check-in/").status_code == 405
