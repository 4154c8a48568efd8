"""Reads of the feedback app: scoped loops and evaluations, one loop by id, overdue steps, and the
rates reports read (formulas in docs/feedback.md "Rates")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from onewindow.core.errors import NotFound
from onewindow.core.timeutil import today
from onewindow.feedback.models import (
    BAD_LEVEL_MAX,
    Complaint,
    Evaluation,
    LoopStatus,
    Rectification,
    ServiceEvent,
    Subject,
)
from onewindow.network.models import Centre, Role, Staff
from onewindow.network.selectors import centre_descendants

LOOP_MODELS: dict[str, type[Rectification] | type[Complaint]] = {
    "rectification": Rectification, "complaint": Complaint}


def _scope(staff: Staff) -> Q:
    """Centre-wide for managers (supervisors: also the centres below); department-wide for chiefs,
    department admins and reviewers; always what is assigned to the staff member or was entered by them."""
    roles = staff.role_codes()
    q = Q(assignee_id=staff.pk)
    if Role.CENTRE_MANAGER in roles:
        q |= Q(centre_id=staff.centre_id)
    if Role.SUPERVISOR in roles:
        q |= Q(centre_id__in=[c.pk for c in centre_descendants(centre=staff.centre)])
    if roles & {Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN, Role.REVIEWER} and staff.department_id:
        q |= Q(centre_id=staff.centre_id, department_id=staff.department_id)
    return q


def rectifications_visible(*, staff: Staff) -> QuerySet[Rectification]:
    return Rectification.objects.filter(_scope(staff))


def complaints_visible(*, staff: Staff) -> QuerySet[Complaint]:
    return Complaint.objects.filter(_scope(staff) | Q(entered_by_id=staff.pk))


def loops_visible(*, staff: Staff, kind: str) -> QuerySet:
    if kind == "rectification":
        return rectifications_visible(staff=staff)
    if kind == "complaint":
        return complaints_visible(staff=staff)
    raise NotFound("loop_not_found", "未找到该事项", "No such record")


def loop_for(*, staff: Staff, kind: str, pk: int) -> Rectification | Complaint:
    """One visible loop; the same 404 whether it does not exist or is not the caller's to see."""
    record = (loops_visible(staff=staff, kind=kind).filter(pk=pk)
              .select_related("centre", "department", "assignee").first())
    if record is None:
        raise NotFound("loop_not_found", "未找到该事项", "No such record")
    return record


def loop_events(record: Rectification | Complaint):
    return record.events.select_related("actor").order_by("at", "id")


def is_overdue(record: Rectification | Complaint, *, day: dt.date | None = None) -> bool:
    """The current step is past its deadline (or a complaint's answer is past its time limit)."""
    day = day or today()
    if record.status == LoopStatus.CLOSED:
        return False
    if record.step_due and day > record.step_due:
        return True
    return bool(isinstance(record, Complaint) and record.due_date and record.replied_at is None
                and day > record.due_date)


def overdue_q(day: dt.date) -> Q:
    return ~Q(status=LoopStatus.CLOSED) & Q(step_due__lt=day)


def loop_list(*, staff: Staff, kind: str, status: str = "", overdue: bool = False, limit: int = 100,
              day: dt.date | None = None) -> list:
    qs = loops_visible(staff=staff, kind=kind)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(overdue_q(day or today()))
    related = ["centre", "department", "assignee"]
    if kind == "rectification":
        related.append("evaluation")
    return list(qs.select_related(*related).order_by("step_due", "-received_at")[:limit])


def evaluations_visible(*, staff: Staff) -> QuerySet[Evaluation]:
    roles = staff.role_codes()
    q = Q(staff_id=staff.pk)
    if roles & {Role.CENTRE_MANAGER}:
        q |= Q(centre_id=staff.centre_id)
    if Role.SUPERVISOR in roles:
        q |= Q(centre_id__in=[c.pk for c in centre_descendants(centre=staff.centre)])
    if roles & {Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN} and staff.department_id:
        q |= Q(department_id=staff.department_id)
    return Evaluation.objects.filter(q)


def service_event_for(*, staff: Staff, pk: int) -> ServiceEvent:
    """A service event of the staff member's centre (hotline entry, SMS invitation)."""
    event = (ServiceEvent.objects.filter(pk=pk, centre_id=staff.centre_id)
             .select_related("case", "window", "staff").first())
    if event is None:
        raise NotFound("service_event_not_found", "未找到该服务记录", "No such service event")
    return event


# --- rates ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rates:
    """Counts and rates of one scope and period. A rate is None when its denominator is 0."""

    service_events: int
    evaluated_events: int
    evaluations: int
    good: int
    bad: int
    good_rate: float | None
    active_rate: float | None
    unrated_rate: float | None
    bad_rectified: int
    bad_rectified_rate: float | None


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _period(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    after = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return first, after


def evaluation_rates(*, start: dt.date, end: dt.date, centre: Centre | None = None,
                     department_id: int | None = None, staff_id: int | None = None,
                     include_lower: bool = False) -> Rates:
    """Rates for [start, end] (local dates, both included), filtered by centre (and the centres below
    it with include_lower), department and/or staff member. Formulas:

    - good_rate    = evaluations of level ≥ 3 / evaluations (created in the period, events and cases);
    - active_rate  = service events of the period with an evaluation / service events of the period;
    - unrated_rate = 1 − active_rate (service events with no evaluation / service events);
    - bad_rectified_rate = bad reviews whose loop is closed / bad reviews.
    Four queries whatever the size."""
    first, after = _period(start, end)
    scope = Q()
    if centre is not None:
        ids = [c.pk for c in centre_descendants(centre=centre)] if include_lower else [centre.pk]
        scope &= Q(centre_id__in=ids)
    if department_id is not None:
        scope &= Q(department_id=department_id)
    if staff_id is not None:
        scope &= Q(staff_id=staff_id)
    events = ServiceEvent.objects.filter(scope, at__gte=first, at__lt=after)
    ev = events.aggregate(total=Count("id"), evaluated=Count("id", filter=Q(
        Exists(Evaluation.objects.filter(event=OuterRef("pk"))))))
    evals = Evaluation.objects.filter(scope, created_at__gte=first, created_at__lt=after).aggregate(
        total=Count("id"), good=Count("id", filter=Q(level__gt=BAD_LEVEL_MAX)),
        bad=Count("id", filter=Q(level__lte=BAD_LEVEL_MAX)),
        rectified=Count("id", filter=Q(level__lte=BAD_LEVEL_MAX, rectification__status=LoopStatus.CLOSED)))
    active = _ratio(ev["evaluated"], ev["total"])
    return Rates(
        service_events=ev["total"], evaluated_events=ev["evaluated"], evaluations=evals["total"],
        good=evals["good"], bad=evals["bad"], good_rate=_ratio(evals["good"], evals["total"]),
        active_rate=active, unrated_rate=None if active is None else round(1 - active, 4),
        bad_rectified=evals["rectified"], bad_rectified_rate=_ratio(evals["rectified"], evals["bad"]))


def complaint_counts(*, start: dt.date, end: dt.date, centre: Centre | None = None,
                     department_id: int | None = None, include_lower: bool = False) -> dict[str, int]:
    """Complaints received in the period by kind, plus answered on time / late / still open."""
    first, after = _period(start, end)
    qs = Complaint.objects.filter(received_at__gte=first, received_at__lt=after)
    if centre is not None:
        ids = [c.pk for c in centre_descendants(centre=centre)] if include_lower else [centre.pk]
        qs = qs.filter(centre_id__in=ids)
    if department_id is not None:
        qs = qs.filter(department_id=department_id)
    out = {k: 0 for k in ("complaint", "report", "cannot_do", "suggestion")}
    for row in qs.values("kind").annotate(n=Count("id")):
        out[row["kind"]] = row["n"]
    out["total"] = sum(out.values())
    out["closed"] = qs.filter(status=LoopStatus.CLOSED).count()
    return out


def subject_evaluated(*, event: ServiceEvent | None = None, case=None) -> bool:
    if event is not None:
        return Evaluation.objects.filter(event=event).exists()
    return Evaluation.objects.filter(case=case, subject=Subject.CASE).exists()
