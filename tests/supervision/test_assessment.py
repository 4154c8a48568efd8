"""The monthly assessment and the department score on a hand-checked fixture.

Statistics month "2026-10" = 25 Sep to 24 Oct 2026: 16 working days (28, 29, 30 Sep; 8, 9, 10 (make-up
Saturday), 12–16, 19–23 Oct; 25 Sep is the Mid-Autumn holiday, 1–7 Oct National Day).
Default weights: accepted 15, concluded 15, on time 25, attendance 15, good reviews 20, complaints 10;
targets 100 accepted / 100 concluded.
- reviewer: 0 accepted (0), 2 concluded (0.02), 1 of 2 on time (0.5), 12 of 16 days (0.75), no
  reviews (1), no complaints (1) → 0 + 0.3 + 12.5 + 11.25 + 20 + 10 = 54.05
- chief: decided 1 case on time: 0.15 + 25 + 0 + 20 + 10 = 55.15
- clerk: accepted 4 (0.04), nothing concluded (on time 1), no attendance: 0.6 + 25 + 20 + 10 = 55.60
Department (reviewer and chief): centre score (54.05 + 55.15) / 2 = 54.60; own score 80;
total = 40 % × 54.60 + 60 % × 80 = 21.84 + 48 = 69.84.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps

from onewindow.core.errors import Invalid
from onewindow.supervision.models import AssessmentWeights, Attendance, StaffAssessment
from onewindow.supervision.services.assessment import assessment_compute, department_score_compute
from tests.supervision.conftest import TZ, add_event

D = dt.date


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 10, tzinfo=TZ)


@pytest.fixture
def month(db, frozen, case_factory, centre, clerk, reviewer, chief):
    common = {"state": "concluded", "outcome": "approve", "due": D(2026, 10, 12)}
    case_factory(reviewer=reviewer, handled_on=D(2026, 10, 9), **common)
    case_factory(reviewer=reviewer, handled_on=D(2026, 10, 14), **common)
    case_factory(reviewer=reviewer, handled_on=D(2026, 9, 20), **common)  # previous month
    decided = case_factory(handled_on=D(2026, 10, 9), **common)
    add_event(decided, "decide", at=at(10, 9), actor=chief.user, role="chief_representative")
    for day in (28, 29, 29, 30):
        add_event(
            case_factory(), "accept", at=at(9, day), actor=clerk.user, role="clerk", to_state="accepted"
        )
    add_event(case_factory(), "accept", at=at(9, 24), actor=clerk.user, role="clerk", to_state="accepted")
    days = [D(2026, 9, 28), D(2026, 9, 29), D(2026, 9, 30)] + [
        D(2026, 10, d) for d in (8, 9, 10, 12, 13, 14, 15, 16, 19)
    ]
    for day in days:
        Attendance.objects.create(
            staff=reviewer, day=day, check_in_at=dt.datetime.combine(day, dt.time(8), TZ)
        )
    return centre


def scores(centre) -> dict[str, Decimal]:
    return {a.staff.name: a.score for a in assessment_compute(centre=centre, period="2026-10")}


def test_monthly_assessment(month, clerk, reviewer, chief):
    result = scores(month)
    row = StaffAssessment.objects.get(staff=reviewer, period="2026-10")
    assert (row.accepted, row.concluded, row.on_time, row.working_days, row.days_present) == (0, 2, 1, 16, 12)
    assert result["reviewer"] == Decimal("54.05")
    assert result["chief"] == Decimal("55.15")
    assert result["clerk"] == Decimal("55.60")
    assert StaffAssessment.objects.get(staff=clerk, period="2026-10").accepted == 4
    # Recomputing replaces, never duplicates.
    scores(month)
    assert StaffAssessment.objects.filter(period="2026-10").count() == len(result)


def test_weights_are_editable(month, reviewer):
    AssessmentWeights.objects.create(
        centre=month, accepted=0, concluded=0, timeliness=100, attendance=0, evaluations=0, complaints=0
    )
    assert scores(month)["reviewer"] == Decimal("50.00")


def test_department_score_counts_the_centre_at_40_percent(month, department):
    scores(month)
    row = department_score_compute(department=department, year=2026, own_score=Decimal("80"))
    assert (row.centre_score, row.centre_share_percent, row.total) == (Decimal("54.60"), 40, Decimal("69.84"))
    # Recomputing keeps the own score entered before.
    assert department_score_compute(department=department, year=2026).total == Decimal("69.84")
    with pytest.raises(Invalid):
        department_score_compute(department=department, year=2026, own_score=Decimal("120"))


def test_bad_period(db, centre):
    with pytest.raises(Invalid):
        assessment_compute(centre=centre, period="2026-13")


def test_evaluations_and_complaints_count(month, reviewer, case_factory):
    try:
        evaluation = apps.get_model("feedback", "Evaluation")
        complaint = apps.get_model("feedback", "Complaint")
    except LookupError:
        pytest.skip("the feedback app has no Evaluation/Complaint models in this tree")
    for level in (5, 3, 1, 2):
        evaluation.objects.create(
            level=level,
            subject="case",
            case=case_factory(),
            staff=reviewer,
            centre=reviewer.centre,
            channel="web",
            created_at=at(10, 8),
        )
    for n, kind in enumerate(("complaint", "suggestion")):
        complaint.objects.create(
            kind=kind,
            source="portal",
            staff=reviewer,
            centre=reviewer.centre,
            subject="态度",
            text="x",
            reference=f"TS{n}",
            received_at=at(10, 8),
        )
    scores(month)
    row = StaffAssessment.objects.get(staff=reviewer, period="2026-10")
    assert (row.evaluations, row.good_evaluations, row.complaints) == (4, 2, 1)
    # 54.05 − 20 × (1 − 2/4) − 10 × 5 % = 54.05 − 10 − 0.5
    assert row.score == Decimal("43.55")


def test_assessment_page(month, manager, clerk):
    from django.test import Client

    from tests.factories import PASSWORD

    client = Client()
    client.login(username="manager", password=PASSWORD)
    resp = client.post("/supervision/assessment/", {"period": "2026-10"})
    assert resp.status_code == 200 and "55.60" in resp.content.decode()
    client.login(username="clerk", password=PASSWORD)
    assert client.get("/supervision/assessment/").status_code == 403
