"""Staff pages: dashboard (charts, counters, indicators), monthly reports list/submit/download."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from onewindow.reports.models import MonthlyReport
from tests.reports.conftest import at

NOW = dt.datetime(2025, 3, 26, 9, tzinfo=dt.UTC)


def login(staff):
    c = Client()
    c.force_login(staff.user)
    return c


@pytest.fixture
def data(trail, item, clerk):
    c = trail.make(item, accepted_on=dt.date(2025, 3, 3), due=dt.date(2025, 3, 14))
    trail.ev(c, "receive", at(2025, 3, 3), actor=clerk.user)
    trail.ev(c, "decide", at(2025, 3, 7), to_state="decided")


@time_machine.travel(NOW, tick=False)
def test_dashboard(data, manager, django_assert_max_num_queries):
    client = login(manager)
    with django_assert_max_num_queries(45):
        resp = client.get("/reports/", {"month": "2025-03"})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'data-chart="trend"' in html and 'id="report-charts"' in html and "echarts.min.js" in html
    assert 'data-indicator="on_time_rate"' in html and 'role="status"' in html


@time_machine.travel(NOW, tick=False)
def test_dashboard_for_supervisor_and_not_for_clerk(data, supervisor, clerk):
    assert login(supervisor).get("/reports/").status_code == 200
    assert login(clerk).get("/reports/").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_dashboard_bad_input(manager, other_centre):
    client = login(manager)
    assert client.get("/reports/", {"month": "2025-13"}).status_code == 422
    assert client.get("/reports/", {"centre": other_centre.pk}).status_code == 404
    assert client.get("/reports/", {"centre": "x"}).status_code == 404


@time_machine.travel(NOW, tick=False)
def test_counters_fragment(data, manager):
    resp = login(manager).get("/reports/counters/")
    assert resp.status_code == 200 and b'data-counter="working"' in resp.content


@time_machine.travel(NOW, tick=False)
def test_submit_list_and_download(data, manager, outsider):
    client = login(manager)
    resp = client.post("/reports/monthly/", {"month": "2025-03", "centre": manager.centre_id})
    assert resp.status_code == 302
    client.post("/reports/monthly/", {"month": "2025-03", "centre": manager.centre_id})
    versions = sorted(MonthlyReport.objects.values_list("version", flat=True))
    assert versions == [1, 2]
    page = client.get("/reports/monthly/").content.decode()
    assert "2025-03" in page
    report = MonthlyReport.objects.get(version=2)
    xlsx = client.get(f"/reports/monthly/{report.pk}/xlsx/")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/reports/monthly/{report.pk}/pdf/")
    assert pdf.content[:5] == b"%PDF-"
    assert client.get(f"/reports/monthly/{report.pk}/doc/").status_code == 404
    outsider.roles.create(role="centre_manager")
    assert login(outsider).get(f"/reports/monthly/{report.pk}/pdf/").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_submit_bad_month_shows_error(manager):
    client = login(manager)
    resp = client.post("/reports/monthly/", {"month": "nope"}, follow=True)
    assert resp.status_code == 200 and MonthlyReport.objects.count() == 0
