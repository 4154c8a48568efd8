"""Demo data of the reports, for `manage.py load_demo` (add `load_demo_reports` to demo.steps.STEPS
after load_demo_queue). Idempotent: the rollup only reads events above its watermark, and the
county's report of the last closed month is submitted only when that month has none."""

from __future__ import annotations

from onewindow.core.timeutil import today
from onewindow.reports.models import MonthlyReport
from onewindow.reports.periods import period_containing, period_of
from onewindow.reports.rollup import rollup_update
from onewindow.reports.services import monthly_report_submit


def load_demo_reports() -> str:
    from onewindow.demo import refs

    result = rollup_update(lag=0)
    current = period_containing(today())
    year, month = map(int, current.month.split("-"))
    closed = period_of(year - 1, 12) if month == 1 else period_of(year, month - 1)
    manager = refs.staff("manager")
    submitted = ""
    if not MonthlyReport.objects.filter(centre=manager.centre, department=None, month=closed.month).exists():
        report = monthly_report_submit(by=manager, centre=manager.centre, period=closed)
        submitted = f"; report {report.month} v{report.version} submitted"
    return f"rollups: {result.events} events (watermark {result.watermark}){submitted}"
