"""The monthly staff assessment and the department's annual score (docs/supervision.md "Assessment").

Per staff member and statistics month (the 25th of the previous month to the 24th, DOMAIN §7):
  accepted    cases the staff member accepted (events ending in "accepted" by their login)
  concluded   cases the staff member decided or was the assigned reviewer of, handled in the month
  on_time     of those, handled by the decision due date
  attendance  days checked in / working days of the month
  evaluations good reviews (level ≥ 3) / reviews about the staff member (feedback.Evaluation)
  complaints  complaints, reports and "couldn't get it done" about the staff member (feedback.Complaint)
Each factor is a fraction f in [0, 1]: min(1, accepted / accepted_target), min(1, concluded /
concluded_target), on_time / concluded (1 with nothing concluded), days present / working days (1
when there are none), good / all reviews (1 with none), max(0, 1 − complaints × complaint_penalty /
100). score = 100 × Σ weight·f / Σ weight.

Department score for a year: centre_score = mean of the monthly scores of the department's staff in
that year; total = centre_share_percent % × centre_score + (100 − centre_share_percent) % × own_score
(the department's own evaluation, entered by hand): seed 004 §五(五), the centre's share is 40 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import transaction
from django.db.models import Avg, Count, Q

from onewindow.calendar.services import working_days_between
from onewindow.cases.models import Case, CaseEvent, Outcome
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now
from onewindow.network.models import Centre, Department, Staff
from onewindow.supervision.models import AssessmentWeights, Attendance, DepartmentScore, StaffAssessment
from onewindow.supervision.rules.base import stats_month

GOOD_LEVEL_MIN = 3  # 非常满意 / 满意 / 基本满意 are good reviews; 1–2 are bad (差评)
COUNTED_COMPLAINTS = ("complaint", "report", "cannot_do")
TWO_PLACES = Decimal("0.01")


def _feedback_model(name: str):
    """feedback.Evaluation / feedback.Complaint when the app provides them, else None (count as zero)."""
    try:
        return apps.get_model("feedback", name) if apps.is_installed("onewindow.feedback") else None
    except LookupError:
        return None


def weights_for(*, centre: Centre) -> AssessmentWeights:
    return (
        AssessmentWeights.objects.filter(centre=centre).first()
        or AssessmentWeights.objects.filter(centre__isnull=True).first()
        or AssessmentWeights()
    )


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    try:
        year, month = (int(p) for p in period.split("-"))
        label, first, last = stats_month(dt.date(year, month, 1))
    except (ValueError, TypeError):
        raise Invalid(
            "invalid_period",
            "月份格式应为 YYYY-MM",
            "The month must be YYYY-MM",
            detail={"period": str(period)[:20]},
        ) from None
    return first, last


def _fraction(part: int, whole: int) -> Decimal:
    return Decimal(1) if whole <= 0 else min(Decimal(1), Decimal(part) / Decimal(whole))


def score_of(a: StaffAssessment, w: AssessmentWeights) -> Decimal:
    factors = [
        (w.accepted, _fraction(a.accepted, w.accepted_target) if w.accepted_target else Decimal(1)),
        (w.concluded, _fraction(a.concluded, w.concluded_target) if w.concluded_target else Decimal(1)),
        (w.timeliness, _fraction(a.on_time, a.concluded)),
        (w.attendance, _fraction(a.days_present, a.working_days)),
        (w.evaluations, _fraction(a.good_evaluations, a.evaluations)),
        (w.complaints, max(Decimal(0), 1 - Decimal(a.complaints) * w.complaint_penalty / 100)),
    ]
    total_weight = sum((weight for weight, _ in factors), Decimal(0))
    if total_weight <= 0:
        return Decimal(0)
    return (100 * sum((weight * f for weight, f in factors), Decimal(0)) / total_weight).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


@transaction.atomic
def assessment_compute(*, centre: Centre, period: str) -> list[StaffAssessment]:
    """(Re)compute the month's assessment of every staff member of the centre: a fixed number of
    grouped queries, whatever the number of staff."""
    first, last = period_bounds(period)
    weights = weights_for(centre=centre)
    staff = list(Staff.objects.filter(centre=centre).select_related("user"))
    users = {s.user_id: s.pk for s in staff}
    in_month = Q(at__date__gte=first, at__date__lte=last)
    accepted = {
        users[u]: n
        for u, n in CaseEvent.objects.filter(in_month, to_state="accepted", actor_id__in=list(users))
        .values("actor_id")
        .annotate(n=Count("case_id", distinct=True))
        .values_list("actor_id", "n")
    }
    handled = Case.objects.filter(
        handled_on__gte=first, handled_on__lte=last, outcome__in=[Outcome.APPROVE, Outcome.DENY]
    )
    concluded: dict[int, set[int]] = {s.pk: set() for s in staff}
    on_time_cases: set[int] = set()
    for pk, reviewer, handled_on, due in handled.filter(reviewer__centre=centre).values_list(
        "pk", "reviewer_id", "handled_on", "decision_due_date"
    ):
        concluded[reviewer].add(pk)
        if due is None or handled_on is None or handled_on <= due:
            on_time_cases.add(pk)
    decisions = CaseEvent.objects.filter(
        action__in=["decide", "task_decide"], actor_id__in=list(users), case__in=handled
    )
    for actor, pk, handled_on, due in decisions.values_list(
        "actor_id", "case_id", "case__handled_on", "case__decision_due_date"
    ):
        concluded[users[actor]].add(pk)
        if due is None or handled_on is None or handled_on <= due:
            on_time_cases.add(pk)
    working_days = working_days_between(start=first - dt.timedelta(days=1), end=last)
    present = dict(
        Attendance.objects.filter(staff__centre=centre, day__gte=first, day__lte=last)
        .values("staff_id")
        .annotate(n=Count("id"))
        .values_list("staff_id", "n")
    )
    evaluations: dict[int, tuple[int, int]] = {}
    model = _feedback_model("Evaluation")
    if model is not None:
        for sid, n, good in (
            model.objects.filter(
                staff__centre=centre, created_at__date__gte=first, created_at__date__lte=last
            )
            .values("staff_id")
            .annotate(n=Count("id"), good=Count("id", filter=Q(level__gte=GOOD_LEVEL_MIN)))
            .values_list("staff_id", "n", "good")
        ):
            evaluations[sid] = (n, good)
    complaints: dict[int, int] = {}
    model = _feedback_model("Complaint")
    if model is not None:
        complaints = dict(
            model.objects.filter(
                staff__centre=centre,
                kind__in=COUNTED_COMPLAINTS,
                received_at__date__gte=first,
                received_at__date__lte=last,
            )
            .values("staff_id")
            .annotate(n=Count("id"))
            .values_list("staff_id", "n")
        )
    moment = now()
    out = []
    for s in staff:
        done = concluded[s.pk]
        n_eval, good = evaluations.get(s.pk, (0, 0))
        row, _ = StaffAssessment.objects.update_or_create(
            staff=s,
            period=period,
            defaults={
                "accepted": accepted.get(s.pk, 0),
                "concluded": len(done),
                "on_time": len(done & on_time_cases),
                "working_days": working_days,
                "days_present": present.get(s.pk, 0),
                "evaluations": n_eval,
                "good_evaluations": good,
                "complaints": complaints.get(s.pk, 0),
                "computed_at": moment,
            },
        )
        row.score = score_of(row, weights)
        row.save(update_fields=["score"])
        out.append(row)
    return out


@transaction.atomic
def department_score_compute(
    *, department: Department, year: int, own_score: Decimal | None = None
) -> DepartmentScore:
    """The department's annual score; own_score None keeps the one entered before (0 at first)."""
    if own_score is not None and not Decimal(0) <= Decimal(own_score) <= Decimal(100):
        raise Invalid("invalid_score", "分数须在 0 至 100 之间", "The score must be 0 to 100")
    weights = weights_for(centre=department.centre)
    centre_score = (
        StaffAssessment.objects.filter(
            staff__department=department, period__startswith=f"{year:04d}-"
        ).aggregate(avg=Avg("score"))["avg"]
    ) or Decimal(0)
    row = DepartmentScore.objects.select_for_update().filter(department=department, year=year).first()
    if row is None:
        row = DepartmentScore(department=department, year=year, computed_at=now())
    if own_score is not None:
        row.own_score = Decimal(own_score)
    share = Decimal(weights.centre_share_percent)
    row.centre_score = Decimal(centre_score).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    row.centre_share_percent = weights.centre_share_percent
    row.total = ((share * row.centre_score + (100 - share) * row.own_score) / 100).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )
    row.computed_at = now()
    row.save()
    return row
