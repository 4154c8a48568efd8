from __future__ import annotations

import datetime as dt

from onewindow.supervision.demo import load_demo_supervision
from onewindow.supervision.models import AssessmentWeights, Attendance, StaffAssessment


def test_demo_step_is_idempotent(db, frozen, centre, clerk, reviewer, case_factory):
    case_factory(due=dt.date(2026, 9, 25), reviewer=reviewer)
    first = load_demo_supervision()
    counts = (Attendance.objects.count(), StaffAssessment.objects.count(), AssessmentWeights.objects.count())
    assert "1 warnings" in first and counts[0] > 0 and counts[1] == 2 and counts[2] == 1
    second = load_demo_supervision()
    assert "0 warnings" in second
    assert (
        Attendance.objects.count(),
        StaffAssessment.objects.count(),
        AssessmentWeights.objects.count(),
    ) == counts
