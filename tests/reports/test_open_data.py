"""Open data: public, anonymised, small counts suppressed, closed months only."""

from __future__ import annotations

import csv
import datetime as dt
import io

import time_machine
from django.test import Client

from tests.reports.conftest import at

NOW = dt.datetime(2025, 4, 2, 9, tzinfo=dt.UTC)


def _month(trail, item, item2, clerk):
    for n in range(6):
        c = trail.make(item, accepted_on=dt.date(2025, 3, 3), due=dt.date(2025, 3, 20))
        trail.ev(c, "receive", at(2025, 3, 3 + n), actor=clerk.user)
        trail.ev(c, "decide", at(2025, 3, 10 + n), to_state="decided")
    trail.ev(trail.make(item2), "receive", at(2025, 3, 5), actor=clerk.user)  # 1 case: suppressed


@time_machine.travel(NOW, tick=False)
def test_json_is_public_and_suppresses_small_counts(trail, item, item2, clerk, department, other_department):
    _month(trail, item, item2, clerk)
    resp = Client().get("/reports/open-data/statistics.json", {"month": "2025-03"})
    assert resp.status_code == 200
    body = resp.json()
    assert body["suppressed_below"] == 5
    [centre] = body["centres"]
    assert centre["received"] == 7 and centre["decided"] == 6 and centre["on_time_rate"] == 1.0
    deps = {d["department"]: d for d in centre["departments"]}
    assert deps[department.name]["received"] == 6
    assert deps[other_department.name]["received"] is None  # 1 < 5
    assert deps[other_department.name]["on_time_rate"] is None
    text = resp.content.decode()
    assert clerk.name not in text and "110101199003074477" not in text and "张三" not in text


@time_machine.travel(NOW, tick=False)
def test_csv(trail, item, item2, clerk, other_department):
    _month(trail, item, item2, clerk)
    resp = Client().get("/reports/open-data/statistics.csv", {"month": "2025-03"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.content.decode())))
    dep_row = next(r for r in rows if r["department"] == other_department.name)
    assert dep_row["received"] == "<5"


@time_machine.travel(NOW, tick=False)
def test_open_month_and_bad_month_are_refused(db):
    assert Client().get("/reports/open-data/statistics.json", {"month": "2025-04"}).status_code == 404
    assert Client().get("/reports/open-data/statistics.json", {"month": "2025-99"}).status_code == 422
    assert Client().get("/reports/open-data/statistics.json").json()["month"] == "2025-03"
