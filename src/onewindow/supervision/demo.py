"""Demo data of supervision for `manage.py load_demo` (add `load_demo_supervision` to
demo.steps.STEPS after load_demo_cases). Idempotent: the default assessment weights once, attendance
by (staff, day), warnings and anomalies by their unique keys, the assessment by (staff, month).

What it makes: the default weights; attendance of the county centre's staff over the last ten
working days (most on time, a few late); one sweep (warnings for the demo cases that are yellow or
red, their inbox messages, and the anomalies the rules find); the county centre's assessment of the
current statistics month.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from onewindow.calendar.services import is_working_day
from onewindow.core.timeutil import today
from onewindow.network.models import Centre, CentreLevel, Staff
from onewindow.supervision.models import AssessmentWeights
from onewindow.supervision.rules.base import stats_month
from onewindow.supervision.services import SweepBusy, attendance_record, supervise
from onewindow.supervision.services.assessment import assessment_compute


def _working_days_before(day: dt.date, count: int) -> list[dt.date]:
    out: list[dt.date] = []
    cursor = day
    while len(out) < count:
        cursor -= dt.timedelta(days=1)
        if is_working_day(cursor):
            out.append(cursor)
    return out


def load_demo_supervision() -> str:
    if not AssessmentWeights.objects.filter(centre__isnull=True).exists():
        AssessmentWeights.objects.create()
    county = Centre.objects.filter(level=CentreLevel.COUNTY).order_by("pk").first()
    if county is None:
        return "supervision: no county centre (run load_network first)"
    tz = timezone.get_current_timezone()
    days = _working_days_before(today(), 10)
    staff = list(Staff.objects.filter(centre=county, user__is_active=True).order_by("pk"))
    for s in staff:
        for n, day in enumerate(days):
            if (s.pk + n) % 9 == 0:
                continue  # an absence now and then
            late = (s.pk * 7 + n) % 11 == 0
            check_in = dt.datetime.combine(day, dt.time(8, 50) if late else dt.time(8, 20), tz)
            attendance_record(
                staff=s,
                day=day,
                check_in_at=check_in,
                check_out_at=dt.datetime.combine(day, dt.time(17, 40), tz),
            )
    try:
        result = supervise()
        swept = (
            f"{result.warnings} warnings, {result.notified} notified, "
            f"{sum(result.anomalies.values())} anomalies"
        )
    except SweepBusy:
        swept = "sweep skipped (another run holds the lock)"
    period = stats_month(today())[0]
    assessed = assessment_compute(centre=county, period=period)
    return (
        f"supervision: attendance of {len(staff)} staff over {len(days)} days; {swept}; "
        f"assessment {period} of {len(assessed)} staff"
    )
