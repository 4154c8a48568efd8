"""Every indicator on a hand-checked fixture: March 2025 (2025-02-25 … 2025-03-24) at the test county."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.catalogue.models import GuideReview
from onewindow.reports.indicators import INDICATORS
from onewindow.reports.indicators.compute import Scope, compute
from onewindow.reports.rollup import rollup_update
from tests.factories import ItemVersionFactory, ServiceItemFactory
from tests.reports.conftest import at

D = dt.date
START, END = D(2025, 2, 25), D(2025, 3, 24)


@pytest.fixture
def month(trail, item, item2, department, clerk):
    # item: resident, any window, reviewed 4× in the year; item2: resident, any window, never reviewed;
    # a third item neither resident nor any-window and without cases.
    ItemVersionFactory(item=ServiceItemFactory(department=department, resident_in_hall=False,
                                               any_window=False))
    for d in (D(2024, 5, 1), D(2024, 8, 1), D(2024, 11, 1), D(2025, 2, 1)):
        GuideReview.objects.create(item=item, reviewed_on=d)
    # 4 received (one on the 24th: inside; one on the 25th: next month; one on 02-24: last month)
    for day in (D(2025, 2, 24), D(2025, 2, 25), D(2025, 3, 3), D(2025, 3, 24), D(2025, 3, 25)):
        trail.ev(trail.make(item), "receive", at(day.year, day.month, day.day), actor=clerk.user)
    trail.ev(trail.make(item2), "receive", at(2025, 3, 10), actor=clerk.user)
    # decisions: accepted Mon 03-03; due 03-14, promised 03-12
    a = trail.make(item, accepted_on=D(2025, 3, 3), due=D(2025, 3, 14), promised=D(2025, 3, 12))
    trail.ev(a, "accept", at(2025, 3, 3), to_state="accepted")
    trail.ev(a, "decide", at(2025, 3, 7), to_state="decided")      # early, on time, 4 wd
    b = trail.make(item, accepted_on=D(2025, 3, 3), due=D(2025, 3, 14), promised=D(2025, 3, 12))
    trail.ev(b, "decide", at(2025, 3, 13), to_state="decided")     # on time, not early, 8 wd
    c = trail.make(item2, accepted_on=D(2025, 3, 3), due=D(2025, 3, 14), promised=D(2025, 3, 14))
    trail.ev(c, "decide", at(2025, 3, 17), to_state="decided")     # late, 10 wd
    trail.ev(c, "conclude", at(2025, 3, 18), to_state="concluded")
    d = trail.make(item2)
    trail.ev(d, "refuse", at(2025, 3, 4), to_state="refused")
    trail.ev(a, "return", at(2025, 3, 6), to_state="returned")
    rollup_update(lag=0)
    return Scope(centres=(item.centre_id,))


def test_every_indicator_is_defined_once_with_a_seed_reference():
    codes = [i.code for i in INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(i.seed for i in INDICATORS)


def test_case_indicators(month):
    values, counts = compute(month, start=START, end=END)
    v = {x.code: x for x in values}
    assert v["received"].value == 4  # 02-25, 03-03, 03-24, 03-10
    assert v["accepted"].value == 1
    assert v["decided"].value == 3
    assert v["concluded"].value == 1
    assert v["refused"].value == 1
    assert v["returned"].value == 1
    assert v["on_time_rate"].value == pytest.approx(0.6667, abs=1e-4)
    assert v["on_time_rate"].met is False  # target 100 %
    assert v["early_rate"].value == pytest.approx(0.3333, abs=1e-4)
    assert v["early_rate"].met is False  # target 70 %
    assert v["avg_working_days"].value == pytest.approx((4 + 8 + 10) / 3, abs=0.01)
    assert v["avg_working_days"].met is None  # no seed target


def test_catalogue_indicators(month):
    v = {x.code: x for x in compute(month, start=START, end=END)[0]}
    assert v["residency_rate"].value == pytest.approx(2 / 3, abs=1e-4)
    assert v["residency_rate"].met is False  # ≥ 95 %
    assert v["any_window_rate"].value == pytest.approx(2 / 3, abs=1e-4)
    assert v["any_window_rate"].met is False  # ≥ 70 %
    assert v["items_with_cases_rate"].value == pytest.approx(2 / 3, abs=1e-4)
    assert v["guide_review_rate"].value == pytest.approx(1 / 3, abs=1e-4)


def test_department_scope(month, department):
    v = {x.code: x.value for x in compute(Scope(centres=month.centres, department=department.pk),
                                          start=START, end=END)[0]}
    assert (v["received"], v["decided"], v["on_time_rate"], v["early_rate"]) == (3, 2, 1.0, 0.5)
    assert v["queue_tickets"] is None  # tickets belong to the hall, not a department


def test_met_when_all_on_time(trail, item):
    c = trail.make(item, accepted_on=D(2025, 3, 3), due=D(2025, 3, 14), promised=D(2025, 3, 12))
    trail.ev(c, "decide", at(2025, 3, 4), to_state="decided")
    v = {x.code: x for x in compute(Scope(centres=(item.centre_id,)), start=START, end=END)[0]}
    assert v["on_time_rate"].met is True and v["early_rate"].met is True


def test_queue_indicators(month, centre):
    from onewindow.queueing.models import QueueLine, Ticket

    line = QueueLine.objects.create(centre=centre, prefix="A", name="综合")
    for n, wait in enumerate((4, 8)):
        taken = at(2025, 3, 5, 9)
        Ticket.objects.create(centre=centre, line=line, day=D(2025, 3, 5), seq=n + 1, number=f"A{n + 1:03d}",
                              token=f"tok{n}", status="finished", source="kiosk", taken_at=taken,
                              sort_at=taken,
                              first_called_at=taken + dt.timedelta(minutes=wait))
    v = {x.code: x.value for x in compute(month, start=START, end=END)[0]}
    assert (v["queue_tickets"], v["queue_wait_minutes"]) == (2, 6.0)


def test_feedback_indicators_are_na_or_counted(month):
    from django.apps import apps

    v = {x.code: x.value for x in compute(month, start=START, end=END)[0]}
    try:
        apps.get_model("feedback", "Evaluation")
    except LookupError:
        assert v["evaluations"] is None and v["good_rate"] is None
    else:
        assert v["evaluations"] == 0 and v["good_rate"] is None
