"""Writes of the reports app: submitting a monthly report (locked once written; a resubmission
is a new version)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from onewindow.core.errors import Forbidden, Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import Centre, Department, Role, Staff
from onewindow.reports.excel import render_xlsx
from onewindow.reports.models import MonthlyReport
from onewindow.reports.pdf import render_pdf
from onewindow.reports.periods import Period
from onewindow.reports.selectors import report_figures


def _may_submit(*, by: Staff, centre: Centre, department: Department | None) -> bool:
    """A centre's manager submits its month; a department's chief representative (or the centre's
    manager) submits the department's."""
    if by.centre_id != centre.pk:
        return False
    if by.has_role(Role.CENTRE_MANAGER):
        return True
    return department is not None and by.department_id == department.pk and by.has_role(
        Role.CHIEF_REPRESENTATIVE)


@transaction.atomic
def monthly_report_submit(*, by: Staff, centre: Centre, period: Period, department: Department | None = None,
                          note: str = "") -> MonthlyReport:
    """Freeze the month's figures with their .xlsx and PDF as the next version."""
    if not _may_submit(by=by, centre=centre, department=department):
        raise Forbidden("report_not_allowed", "您无权报送该月报", "You may not submit this report")
    if department is not None and department.centre_id != centre.pk:
        raise Invalid("department_not_in_centre", "部门不属于该中心", "The department is not of this centre")
    if period.start > today():
        raise Invalid("period_not_started", "该统计期尚未开始", "This period has not started yet",
                      detail={"month": period.month})
    note = (note or "").strip()
    if len(note) > 500 or "\x00" in note:
        raise Invalid("invalid_note", "备注无效（最多 500 字）", "Invalid note (at most 500 characters)")
    # Lock the centre row: two submissions at once must not take the same version number.
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    data = report_figures(centre=centre, period=period, department=department)
    last = (MonthlyReport.objects.filter(centre=centre, department=department, month=period.month)
            .aggregate(v=Max("version"))["v"]) or 0
    version = last + 1
    return MonthlyReport.objects.create(
        centre=centre, department=department, month=period.month, period_start=period.start,
        period_end=period.end, version=version, figures=data, xlsx=render_xlsx(data, version=version),
        pdf=render_pdf(data, version=version), note=note, submitted_by=by.user, submitted_at=now())

