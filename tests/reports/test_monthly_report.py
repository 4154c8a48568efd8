"""monthly_report_submit: frozen figures, .xlsx and PDF; locked; resubmission = new version."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook
from pypdf import PdfReader

from onewindow.core.errors import Forbidden, Invalid
from onewindow.reports.models import MonthlyReport
from onewindow.reports.periods import parse_month
from onewindow.reports.services import monthly_report_submit
from tests.reports.conftest import at

NOW = dt.datetime(2025, 3, 26, 9, tzinfo=dt.UTC)


@pytest.fixture
def cases(trail, item, clerk):
    c = trail.make(item, accepted_on=dt.date(2025, 3, 3), due=dt.date(2025, 3, 14),
                   promised=dt.date(2025, 3, 12))
    trail.ev(c, "receive", at(2025, 3, 3), actor=clerk.user)
    trail.ev(c, "decide", at(2025, 3, 7), to_state="decided")
    return c


@time_machine.travel(NOW, tick=False)
def test_submission_freezes_figures_and_versions(cases, manager, trail, item):
    period = parse_month("2025-03")
    first = monthly_report_submit(by=manager, centre=manager.centre, period=period)
    assert first.version == 1
    received = next(i for i in first.figures["indicators"] if i["code"] == "received")
    assert received["value"] == 1
    trail.ev(trail.make(item), "receive", at(2025, 3, 20))  # a late-recorded case
    second = monthly_report_submit(by=manager, centre=manager.centre, period=period, note="补报")
    assert second.version == 2
    first.refresh_from_db()
    assert next(i for i in first.figures["indicators"] if i["code"] == "received")["value"] == 1  # locked
    assert next(i for i in second.figures["indicators"] if i["code"] == "received")["value"] == 2
    assert MonthlyReport.objects.filter(month="2025-03").count() == 2


@time_machine.travel(NOW, tick=False)
def test_xlsx_has_the_indicator_rows(cases, manager):
    report = monthly_report_submit(by=manager, centre=manager.centre, period=parse_month("2025-03"))
    wb = load_workbook(io.BytesIO(bytes(report.xlsx)))
    ws = wb["评价指标"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[2][:5] == ("序号", "评价指标", "目标值", "实际值", "是否达标")
    codes = [i["code"] for i in report.figures["indicators"]]
    on_time = rows[3 + codes.index("on_time_rate")]
    assert on_time[2:5] == ("≥100%", "100.0%", "达标")
    early = rows[3 + codes.index("early_rate")]
    assert early[2:5] == ("≥70%", "100.0%", "达标")
    assert len(rows) - 3 == len(report.figures["indicators"])
    assert {"按部门", "按窗口", "按人员", "按事项", "按中心(逐级汇总)", "按层级"} <= set(wb.sheetnames)


@time_machine.travel(NOW, tick=False)
def test_pdf_is_valid(cases, manager):
    report = monthly_report_submit(by=manager, centre=manager.centre, period=parse_month("2025-03"))
    pdf = PdfReader(io.BytesIO(bytes(report.pdf)))
    assert len(pdf.pages) >= 1
    assert "2025-03" in pdf.pages[0].extract_text()


@time_machine.travel(NOW, tick=False)
def test_department_report_by_its_chief(cases, chief, department):
    report = monthly_report_submit(by=chief, centre=chief.centre, department=department,
                                   period=parse_month("2025-03"))
    assert report.department == department and report.version == 1


@time_machine.travel(NOW, tick=False)
def test_who_may_submit(cases, clerk, outsider, chief, manager, other_department):
    period = parse_month("2025-03")
    for by, kw in ((clerk, {}), (outsider, {}), (chief, {}), (chief, {"department": other_department})):
        with pytest.raises(Forbidden):
            monthly_report_submit(by=by, centre=manager.centre, period=period, **kw)


@time_machine.travel(NOW, tick=False)
def test_future_period_is_refused(manager):
    with pytest.raises(Invalid) as exc:
        monthly_report_submit(by=manager, centre=manager.centre, period=parse_month("2025-05"))
    assert exc.value.code == "period_not_started"
