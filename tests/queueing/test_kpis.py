"""queue_kpis on the hand-checked morning of conftest.morning:

ticket  taken  called  served        window  staff      outcome
A001    09:00  09:05   09:06–09:16   A01     clerk      finished  (wait 5,  service 10)
A002    09:02  09:20   09:21–09:27   A01     clerk      finished  (wait 18, service 6)
A003    09:10  09:30   —             A01     clerk      no-show after 3 calls (wait 20)
A004    10:00  10:10   10:10–10:24   A01     clerk      finished  (wait 10, service 14)
B001    09:30  09:33   09:33–09:41   A02     reg_clerk  finished  (wait 3,  service 8)
B002    10:20  —       —             —       —          cancelled at the day's close
(and one ticket of the day before, outside the range)
"""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Invalid
from onewindow.queueing.selectors import queue_kpis
from tests.queueing.conftest import DAY


def test_totals(centre, morning):
    (row,) = queue_kpis(centre=centre, start=DAY, end=DAY)
    assert (row.group, row.taken, row.called, row.served, row.no_show, row.cancelled) == ({}, 6, 5, 4, 1, 1)
    assert (row.waiting_avg_minutes, row.waiting_median_minutes, row.waiting_max_minutes) == (11.2, 10, 20)
    assert (row.service_avg_minutes, row.service_median_minutes) == (9.5, 9)
    assert (row.service_level, row.service_level_minutes) == (0.6, 15)  # waits 5, 10, 3 of 5 within 15


def test_service_level_target_is_a_parameter(centre, morning):
    (row,) = queue_kpis(centre=centre, start=DAY, end=DAY, service_level_minutes=20)
    assert row.service_level == 1.0


def test_by_window(centre, window, reg_window, morning):
    rows = {r.group["window"]: r for r in queue_kpis(centre=centre, start=DAY, end=DAY, group_by="window")}
    a01, a02, none = rows["A01"], rows["A02"], rows[None]
    assert (a01.taken, a01.called, a01.served, a01.no_show, a01.group["window_id"]) == (4, 4, 3, 1, window.pk)
    assert (a01.waiting_avg_minutes, a01.waiting_median_minutes, a01.service_level) == (13.25, 14, 0.5)
    assert (a01.service_avg_minutes, a02.waiting_avg_minutes, a02.service_avg_minutes) == (10, 3, 8)
    assert (none.taken, none.cancelled, none.called, none.waiting_avg_minutes) == (1, 1, 0, None)


def test_by_staff_theme_and_hour(centre, clerk, reg_clerk, morning):
    staff = {
        r.group["staff"]: r.served for r in queue_kpis(centre=centre, start=DAY, end=DAY, group_by="staff")
    }
    assert staff == {"clerk": 3, "reg_clerk": 1, None: 0}
    themes = {
        r.group["theme"]: r.taken for r in queue_kpis(centre=centre, start=DAY, end=DAY, group_by=["theme"])
    }
    assert themes == {"social": 4, "registration": 2}
    hours = [
        (r.group["hour"], r.taken) for r in queue_kpis(centre=centre, start=DAY, end=DAY, group_by="hour")
    ]
    assert hours == [(9, 4), (10, 2)]


def test_groups_combine_and_range_includes_both_ends(centre, morning):
    rows = queue_kpis(centre=centre, start=DAY - dt.timedelta(days=1), end=DAY, group_by=("day", "theme"))
    assert [(r.group["day"], r.group["theme"], r.taken) for r in rows] == [
        (DAY - dt.timedelta(days=1), "social", 1),
        (DAY, "registration", 2),
        (DAY, "social", 4),
    ]


def test_bad_parameters(centre):
    with pytest.raises(Invalid) as exc:
        queue_kpis(centre=centre, start=DAY, end=DAY, group_by="weather")
    assert exc.value.code == "invalid_group_by"
    with pytest.raises(Invalid) as exc:
        queue_kpis(centre=centre, start=DAY, end=DAY - dt.timedelta(days=1))
    assert exc.value.code == "invalid_range"


def test_query_count_does_not_grow_with_tickets(centre, morning, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        queue_kpis(centre=centre, start=DAY, end=DAY, group_by=("window", "staff", "line", "hour"))
