"""Rates on a hand-checked fixture.

Period 2026-03-09 … 2026-03-13, centre C, department D, staff clerk:
- 8 service events in the period (+1 on 03-16, outside), 5 of them evaluated: levels 5, 4, 3, 2, 1;
- 1 case evaluation (level 5) in the period;
So: evaluations 6, good (≥3) 4, bad 2 → good_rate 4/6 = 0.6667; active_rate 5/8 = 0.625, unrated 0.375.
One bad review closed → bad_rectified_rate 1/2 = 0.5. For the other staff member (0 events): all None.
"""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.feedback.selectors import complaint_counts, evaluation_rates
from onewindow.feedback.services import (
    complaint_submit,
    evaluation_submit,
    loop_assign,
    loop_close,
    loop_reply,
    loop_verify,
)
from tests.feedback.conftest import MONDAY, at

START, END = dt.date(2026, 3, 9), dt.date(2026, 3, 13)


@pytest.fixture
def fixture(frozen, make_event, case, manager, reviewer):
    events = [make_event(n, at(dt.date(2026, 3, 9 + n % 5), 9 + n)) for n in range(8)]
    make_event(99, at(dt.date(2026, 3, 16)))
    for event, level in zip(events, (5, 4, 3, 2, 1), strict=False):
        evaluation_submit(level=level, channel="window", event=event)
    evaluation_submit(level=5, channel="web", case=case)
    bad = events[3].evaluation.rectification
    bad = loop_assign(record=bad, assignee=reviewer, by=manager)
    bad = loop_verify(record=bad, founded=False, finding="不属实", by=reviewer)
    bad = loop_reply(record=bad, reply="说明", by=reviewer)
    loop_close(record=bad, by=manager)


def test_rates_of_the_centre(fixture, centre):
    r = evaluation_rates(start=START, end=END, centre=centre)
    assert (r.service_events, r.evaluated_events, r.evaluations, r.good, r.bad) == (8, 5, 6, 4, 2)
    assert (r.good_rate, r.active_rate, r.unrated_rate) == (0.6667, 0.625, 0.375)
    assert r.bad_rectified_rate == 0.5


def test_rates_of_a_staff_member_and_a_department(fixture, clerk, manager, department):
    assert evaluation_rates(start=START, end=END, staff_id=clerk.pk).service_events == 8
    assert evaluation_rates(start=START, end=END, department_id=department.pk).evaluations == 6
    empty = evaluation_rates(start=START, end=END, staff_id=manager.pk)
    assert (empty.service_events, empty.good_rate, empty.active_rate, empty.unrated_rate) == (
        0,
        None,
        None,
        None,
    )


def test_period_bounds_are_inclusive_local_dates(fixture, centre):
    assert (
        evaluation_rates(
            start=END + dt.timedelta(days=3), end=END + dt.timedelta(days=3), centre=centre
        ).service_events
        == 1
    )


def test_rates_use_a_fixed_number_of_queries(fixture, centre, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        evaluation_rates(start=START, end=END, centre=centre)


def test_complaint_counts(frozen, centre):
    complaint_submit(
        kind="cannot_do", source="portal", centre=centre, subject="s", text="t", name="n", phone="13700001234"
    )
    complaint_submit(kind="suggestion", source="portal", centre=centre, subject="s", text="t", anonymous=True)
    counts = complaint_counts(start=MONDAY.date(), end=MONDAY.date(), centre=centre)
    assert counts["cannot_do"] == 1 and counts["suggestion"] == 1 and counts["total"] == 2
