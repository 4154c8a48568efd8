"""The pure rules: the green-channel cycle, the slots of a rule (lunch, weekend), day types from the
working-day calendar, ages and the spoken announcement."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from onewindow.queueing.models import DayType
from onewindow.queueing.rules import (
    NORMAL,
    PRIORITY,
    advance_runs,
    age_on,
    announcement,
    choose_class,
    day_slots,
    day_type,
    normalise_code,
    rule_slots,
)
from tests.queueing.conftest import DAY, LABOUR_DAY, MAKEUP_SUNDAY, SATURDAY


def run_cycle(p: int, n: int, calls: int) -> str:
    prun, nrun, out = 0, n, []
    for _ in range(calls):
        cls = choose_class(
            has_priority=True,
            has_normal=True,
            priority_calls=p,
            normal_calls=n,
            priority_run=prun,
            normal_run=nrun,
        )
        out.append("P" if cls == PRIORITY else "N")
        prun, nrun = advance_runs(called=cls, priority_run=prun, normal_run=nrun)
    return "".join(out)


@pytest.mark.parametrize(
    ("p", "n", "expected"),
    [
        (1, 2, "PNNPNNPNN"),
        (2, 1, "PPNPPNPPN"),
        (1, 1, "PNPNPNPNP"),
        (1, 0, "PPPPPPPPP"),
        (3, 2, "PPPNNPPPN"),
    ],
)
def test_cycle_when_both_classes_wait(p, n, expected):
    assert run_cycle(p, n, 9) == expected


@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 10), st.integers(0, 10))
def test_long_run_share_matches_the_ratio(p, n, prun, nrun):
    out, calls = [], (p + n) * 20
    for _ in range(calls):
        cls = choose_class(
            has_priority=True,
            has_normal=True,
            priority_calls=p,
            normal_calls=n,
            priority_run=prun,
            normal_run=nrun,
        )
        out.append(cls)
        prun, nrun = advance_runs(called=cls, priority_run=prun, normal_run=nrun)
    assert abs(out.count(PRIORITY) - 20 * p) <= p + n


def test_one_class_waiting_is_called_whatever_the_cycle():
    kw = {"priority_calls": 1, "normal_calls": 2, "priority_run": 5, "normal_run": 0}
    assert choose_class(has_priority=True, has_normal=False, **kw) == PRIORITY
    assert choose_class(has_priority=False, has_normal=True, **kw) == NORMAL
    assert choose_class(has_priority=False, has_normal=False, **kw) is None


def rule(**kw):
    base = {
        "start": dt.time(9),
        "end": dt.time(12),
        "slot_minutes": 30,
        "capacity": 4,
        "lunch_start": None,
        "lunch_end": None,
        "lunch_capacity": 0,
        "active": True,
        "day_type": DayType.WORKING,
        "weekdays": [],
        "valid_from": None,
        "valid_to": None,
        "pk": 1,
    }
    base.update(kw)
    return SimpleNamespace(**base)


def test_slots_fill_the_day_back_to_back():
    slots = rule_slots(rule(end=dt.time(11, 45)))
    assert [(s.start, s.end) for s in slots] == [
        (dt.time(9), dt.time(9, 30)),
        (dt.time(9, 30), dt.time(10)),
        (dt.time(10), dt.time(10, 30)),
        (dt.time(10, 30), dt.time(11)),
        (dt.time(11), dt.time(11, 30)),
    ]


def test_lunch_slots_take_the_lunch_capacity_or_close():
    open_lunch = rule(
        start=dt.time(11),
        end=dt.time(15),
        slot_minutes=60,
        lunch_start=dt.time(12),
        lunch_end=dt.time(13, 30),
        lunch_capacity=1,
    )
    assert [(s.start.hour, s.capacity, s.lunch) for s in rule_slots(open_lunch)] == [
        (11, 4, False),
        (12, 1, True),
        (13, 1, True),
        (14, 4, False),
    ]
    closed_lunch = rule(
        start=dt.time(11),
        end=dt.time(15),
        slot_minutes=60,
        lunch_start=dt.time(12),
        lunch_end=dt.time(14),
        lunch_capacity=0,
    )
    assert [s.start.hour for s in rule_slots(closed_lunch)] == [11, 14]


def test_day_slots_pick_rules_by_day_type_weekday_and_validity():
    saturday_only = rule(day_type=DayType.WEEKEND, weekdays=[6], end=dt.time(10))
    assert len(day_slots([saturday_only], SATURDAY, DayType.WEEKEND)) == 2
    assert day_slots([saturday_only], SATURDAY + dt.timedelta(days=1), DayType.WEEKEND) == []
    assert day_slots([saturday_only], SATURDAY, DayType.WORKING) == []
    later = rule(valid_from=DAY + dt.timedelta(days=1))
    assert day_slots([later], DAY, DayType.WORKING) == []
    assert day_slots([rule(active=False)], DAY, DayType.WORKING) == []


@pytest.mark.django_db
def test_day_types_follow_the_working_day_calendar():
    assert day_type(DAY) == DayType.WORKING
    assert day_type(SATURDAY) == DayType.WEEKEND
    assert day_type(LABOUR_DAY) == DayType.HOLIDAY
    assert day_type(LABOUR_DAY + dt.timedelta(days=1)) == DayType.HOLIDAY  # a Saturday inside the holiday
    assert day_type(MAKEUP_SUNDAY) == DayType.WORKING  # 调休


def test_age_on_counts_birthdays():
    assert age_on(dt.date(1956, 3, 11), DAY) == 70
    assert age_on(dt.date(1956, 3, 12), DAY) == 69
    assert age_on(dt.date(1956, 2, 29), dt.date(2026, 2, 28)) == 69


def test_announcement_in_chinese():
    shown, spoken = announcement(number="A012", window_number="3")
    assert shown == "请 A012 号到 3 号窗口办理"
    assert spoken == "请A零一二号，到三号窗口办理"
    assert announcement(number="B105", window_number="12")[1] == "请B一零五号，到十二号窗口办理"
    assert announcement(number="C001", window_number="A03")[1] == "请C零零一号，到A零三号窗口办理"


def test_booking_codes_are_forgiving():
    assert normalise_code(" abcd-efgh 23 ") == "ABCDEFGH23"
