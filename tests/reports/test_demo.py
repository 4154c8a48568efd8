"""load_demo_reports: rolls up and submits the county's last closed month once (idempotent)."""

from __future__ import annotations

import datetime as dt

import time_machine

from onewindow.reports import demo
from onewindow.reports.models import MonthlyReport
from tests.reports.conftest import at


@time_machine.travel(dt.datetime(2025, 4, 2, 9, tzinfo=dt.UTC), tick=False)
def test_demo_step_is_idempotent(trail, item, manager, monkeypatch):
    from onewindow.demo import refs

    monkeypatch.setattr(refs, "staff", lambda username: manager)
    trail.ev(trail.make(item), "receive", at(2025, 3, 3))
    first = demo.load_demo_reports()
    second = demo.load_demo_reports()
    assert "1 events" in first and "2025-03 v1" in first
    assert "0 events" in second and "submitted" not in second
    assert MonthlyReport.objects.filter(month="2025-03").count() == 1
