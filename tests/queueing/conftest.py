"""Fixtures of the queue tests: one county centre with three lines (A social, B registration,
C issuing), three windows with a clerk each, and a frozen Wednesday morning in 2026.

Windows: `window` (A01, social, clerk), `reg_window` (A02, registration, reg_clerk),
`issue_window` (B01, issuing kind, issue_clerk).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from onewindow.network.models import Role, WindowKind
from onewindow.queueing.models import AppointmentRule, DayType, QueueLine, QueueSettings
from onewindow.queueing.services import (
    ticket_call_next,
    ticket_finish,
    ticket_recall,
    ticket_serve_start,
    ticket_take,
    tickets_close_day,
)
from tests.factories import StaffFactory, UserFactory, WindowFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = dt.date(2026, 3, 11)  # a Wednesday, a working day
SATURDAY = dt.date(2026, 3, 14)
LABOUR_DAY = dt.date(2026, 5, 1)
MAKEUP_SUNDAY = dt.date(2026, 1, 4)  # 调休: a Sunday that is a working day
ELDER_ID = "11010519491231002X"  # born 1949-12-31: 76 on DAY
YOUNG_ID = "110105199001011232"  # born 1990
TURNS_70_ON_DAY = "110105195603111232"  # born 1956-03-11
TURNS_70_AFTER_DAY = "110105195603121238"  # born 1956-03-12: still 69 on DAY


def at(hour: int, minute: int = 0, second: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second), tzinfo=SHANGHAI)


@pytest.fixture
def frozen():
    with time_machine.travel(at(9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def social(centre):
    return QueueLine.objects.create(
        centre=centre, code="social", name="社会民生", prefix="A", theme="social", position=1
    )


@pytest.fixture
def registration(centre):
    return QueueLine.objects.create(
        centre=centre, code="registration", name="登记注册", prefix="B", theme="registration", position=2
    )


@pytest.fixture
def issuing(centre):
    return QueueLine.objects.create(
        centre=centre, code="issuing", name="综合发证", prefix="C", window_kind=WindowKind.ISSUING, position=3
    )


@pytest.fixture
def lines(social, registration, issuing):
    return social, registration, issuing


def _staff(username, centre, window, roles=(Role.CLERK,), **kw):
    return StaffFactory(
        user=UserFactory(username=username),
        name=username,
        centre=centre,
        roles=list(roles),
        window=window,
        **kw,
    )


@pytest.fixture
def reg_window(centre):
    return WindowFactory(centre=centre, number="A02", name="登记注册窗口", themes=["registration"])


@pytest.fixture
def reg_clerk(centre, reg_window):
    return _staff("reg_clerk", centre, reg_window)


@pytest.fixture
def issue_window(centre):
    return WindowFactory(centre=centre, number="B01", name="综合发证窗口", kind=WindowKind.ISSUING, themes=[])


@pytest.fixture
def issue_clerk(centre, issue_window):
    return _staff("issue_clerk", centre, issue_window, roles=(Role.ISSUER,))


@pytest.fixture
def settings_row(centre):
    return QueueSettings.objects.create(centre=centre)


@pytest.fixture
def take():
    """take(line, at_=None, **kw) -> Ticket taken at the kiosk."""

    def make(line, at_=None, **kw):
        kw.setdefault("source", "kiosk")
        return ticket_take(line=line, at=at_, **kw)

    return make


@pytest.fixture
def weekday_rule(centre, social):
    """Working days 09:00–17:00, 30-minute slots of 2; lunch 12:00–14:00 open with 1 per slot."""
    return AppointmentRule.objects.create(
        centre=centre,
        line=social,
        day_type=DayType.WORKING,
        start=dt.time(9),
        end=dt.time(17),
        slot_minutes=30,
        capacity=2,
        lunch_start=dt.time(12),
        lunch_end=dt.time(14),
        lunch_capacity=1,
    )


@pytest.fixture
def saturday_rule(centre, social):
    """Saturday mornings only (seed 001 #13 weekend appointments), 60-minute slots of 3."""
    return AppointmentRule.objects.create(
        centre=centre,
        line=social,
        day_type=DayType.WEEKEND,
        weekdays=[6],
        start=dt.time(9),
        end=dt.time(12),
        slot_minutes=60,
        capacity=3,
    )


def serve(window, by, called, start, end):
    ticket = ticket_call_next(window=window, by=by, at=at(*called))
    ticket_serve_start(ticket=ticket, by=by, at=at(*start))
    ticket_finish(ticket=ticket, by=by, at=at(*end))


@pytest.fixture
def morning(social, registration, take, window, clerk, reg_window, reg_clerk):
    take(social, at_=at(16, day=DAY - dt.timedelta(days=1)))
    take(social, at_=at(9, 0))
    take(social, at_=at(9, 2))
    take(social, at_=at(9, 10))
    take(registration, at_=at(9, 30))
    serve(window, clerk, (9, 5), (9, 6), (9, 16))
    serve(window, clerk, (9, 20), (9, 21), (9, 27))
    a3 = ticket_call_next(window=window, by=clerk, at=at(9, 30))
    ticket_recall(ticket=a3, by=clerk, at=at(9, 31))
    ticket_recall(ticket=a3, by=clerk, at=at(9, 32))
    serve(reg_window, reg_clerk, (9, 33), (9, 33), (9, 41))
    take(social, at_=at(10, 0))
    serve(window, clerk, (10, 10), (10, 10), (10, 24))  # call-next makes A003 a no-show first
    take(registration, at_=at(10, 20))
    tickets_close_day(before=DAY + dt.timedelta(days=1), at=at(18))
