"""Fixtures of the feedback tests: a served case (through the case services), service events at the
clerk's window, and a frozen working Monday in 2026 (the published calendar).

Calendar facts used by the deadline tests (2026, chinesecalendar): Mon 03-09 is a working day; 1
working day after it is Tue 03-10, 15 after it is Mon 03-30, 10 after it is Mon 03-23.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.feedback.services import service_event_record
from tests.cases.conftest import intake, version  # noqa: F401 - the item fixture of the cases tests

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = dt.datetime(2026, 3, 9, 10, 0, tzinfo=SHANGHAI)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


@pytest.fixture
def case(frozen, clerk, version):  # noqa: F811
    """An accepted case received by `clerk` at window A01 (applicant phone 13800001234, ID …002X)."""
    return intake(clerk, version).case


@pytest.fixture
def make_event(centre, window, clerk, department):
    """make_event(n, at_=None) -> a ticket service event at the clerk's window."""

    def make(n: int = 1, at_: dt.datetime | None = None, **kw):
        kw.setdefault("staff_id", clerk.pk)
        kw.setdefault("window_id", window.pk)
        kw.setdefault("department_id", department.pk)
        return service_event_record(
            key=f"ticket:test{n}",
            kind="ticket",
            centre_id=centre.pk,
            at=at_ or MONDAY,
            label=f"A{n:03d}",
            phone="13900001111",
            **kw,
        )

    return make


@pytest.fixture
def event(frozen, make_event):
    return make_event(1)
