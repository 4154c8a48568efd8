"""JSON API of the feedback app, mounted at /api/v1/feedback (docs/feedback.md "API").

Evaluations: public with an SMS token, a citizen's bearer token for their own case, a staff token for
hotline entry. Loops and complaints: staff, scoped to their centre/department (others' are 404).
Thin: validate → call a service → serialise; errors in the project format.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router

from onewindow.api.root import bearer
from onewindow.cases.selectors import case_for
from onewindow.core.errors import Invalid, NotAuthenticated, NotFound
from onewindow.core.permissions import acting_staff, staff_of
from onewindow.core.schemas import ERRORS
from onewindow.feedback import selectors as sel
from onewindow.feedback import services as svc
from onewindow.feedback.access import case_for_evaluation
from onewindow.feedback.actions import loop_act
from onewindow.feedback.models import EvaluationChannel
from onewindow.feedback.models.loop import ComplaintSource
from onewindow.feedback.schemas import (
    ComplaintCreatedOut,
    ComplaintIn,
    EvaluationIn,
    EvaluationOut,
    InviteIn,
    InviteOut,
    LoopActionIn,
    LoopOut,
    RatesOut,
    evaluation_out,
    loop_out,
)
from onewindow.feedback.steps import allowed_actions
from onewindow.network.models import Centre, Role, Staff, Window

router = Router(tags=["feedback"])
RATE_READERS = (Role.CENTRE_MANAGER, Role.SUPERVISOR, Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_ADMIN)


def _optional_user(request: HttpRequest):
    """The user behind a bearer token, None without one; a bad token is a 401, not anonymity."""
    if not request.headers.get("Authorization"):
        return None
    user = bearer(request)
    if not user:
        raise NotAuthenticated("not_authenticated", "未登录或令牌无效", "Missing or invalid token")
    return user


@router.post("/evaluations", auth=None, response={201: EvaluationOut, **ERRORS}, url_name="feedback_evaluate")
def evaluate(request: HttpRequest, payload: EvaluationIn):
    """Submit one evaluation. With `token`: the SMS link (no login). With a staff bearer token and
    `event` or `case`: hotline entry. With a citizen bearer token and `case`: the citizen's own case.
    A second evaluation of the same event or case is 409 `already_evaluated`."""
    subjects = [x for x in (payload.token, payload.event, payload.case) if x]
    if len(subjects) != 1:
        raise Invalid("evaluation_subject", "请指定所评价的服务或办件（仅一项）",
                      "Give exactly one of token, event, case")
    common: dict = dict(level=payload.level, tags=payload.tags, text=payload.text,
                        real_name=payload.real_name, name=payload.name)
    if payload.token:
        return 201, evaluation_out(svc.evaluation_submit_with_token(token=payload.token, **common))
    user = _optional_user(request)
    if user is None:
        raise NotAuthenticated("not_authenticated", "请先登录", "Please log in")
    staff = staff_of(user)
    if staff is not None:
        staff = acting_staff(user)
        event = sel.service_event_for(staff=staff, pk=payload.event) if payload.event else None
        case = case_for(staff=staff, number=payload.case) if payload.case else None
        evaluation = svc.evaluation_submit(channel=EvaluationChannel.HOTLINE, event=event, case=case,
                                           phone=payload.phone, entered_by=staff, **common)
        return 201, evaluation_out(evaluation)
    if not payload.case:
        raise Invalid("evaluation_subject", "请指定办件编号", "Give the case number")
    case = case_for_evaluation(number=payload.case, user=user)
    evaluation = svc.evaluation_submit(channel=EvaluationChannel.WEB, case=case, user=user,
                                       phone=payload.phone or getattr(user, "phone", ""), **common)
    return 201, evaluation_out(evaluation)


@router.post("/invites", auth=bearer, response={201: InviteOut, **ERRORS}, url_name="feedback_invite")
def invite(request: HttpRequest, payload: InviteIn):
    """Text a one-time evaluation link for a service event or a case of the staff member's scope."""
    staff = acting_staff(request.user)
    if bool(payload.event) == bool(payload.case):
        raise Invalid("evaluation_subject", "请指定所评价的服务或办件（仅一项）",
                      "Give exactly one of event, case")
    event = sel.service_event_for(staff=staff, pk=payload.event) if payload.event else None
    case = case_for(staff=staff, number=payload.case) if payload.case else None
    row, _token = svc.evaluation_invite_send(event=event, case=case, phone=payload.phone)
    return 201, {"id": row.pk, "expires_at": row.expires_at, "phone": row.phone[:3] + "****" + row.phone[-4:]}


@router.post("/complaints", auth=None, response={201: ComplaintCreatedOut, **ERRORS},
             url_name="feedback_complaint")
def complaint_create(request: HttpRequest, payload: ComplaintIn):
    """A complaint, report, "couldn't get it done" or suggestion. Without a token: from the portal
    (a linked case must be the citizen's own); with a staff token: entered at the counter."""
    user = _optional_user(request)
    staff = acting_staff(user) if user is not None and staff_of(user) is not None else None
    centre = Centre.objects.filter(pk=payload.centre, active=True).first()
    if centre is None or (staff is not None and staff.centre_id != centre.pk):
        raise NotFound("centre_not_found", "未找到服务中心", "Centre not found")
    case = None
    if payload.case:
        if staff is not None:
            case = case_for(staff=staff, number=payload.case)
        else:
            case = case_for_evaluation(number=payload.case, user=user, verify=payload.verify)
    person = Staff.objects.filter(pk=payload.staff, centre=centre).first() if payload.staff else None
    window = Window.objects.filter(pk=payload.window, centre=centre).first() if payload.window else None
    if (payload.staff and person is None) or (payload.window and window is None):
        raise NotFound("linked_not_found", "未找到所关联的人员或窗口",
                       "Linked staff member or window not found")
    complaint = svc.complaint_submit(
        kind=payload.kind, source=ComplaintSource.COUNTER if staff else ComplaintSource.PORTAL, centre=centre,
        subject=payload.subject, text=payload.text, case=case, staff=person, window=window,
        anonymous=payload.anonymous, name=payload.name, phone=payload.phone, user=user, entered_by=staff)
    return 201, {"reference": complaint.reference, "status": complaint.status, "due_date": complaint.due_date}


def _kind(kind: str) -> str:
    if kind not in sel.LOOP_MODELS:
        raise NotFound("loop_not_found", "未找到该事项", "No such record")
    return kind


@router.get("/loops/{kind}", auth=bearer, response={200: list[LoopOut], **ERRORS}, url_name="feedback_loops")
def loops(request: HttpRequest, kind: str, status: str = "", overdue: bool = False,
          limit: int = Query(50, ge=1, le=200)):
    """Bad-review loops (`rectification`) or complaints (`complaint`) the caller may see."""
    staff = acting_staff(request.user)
    rows = sel.loop_list(staff=staff, kind=_kind(kind), status=status[:12], overdue=overdue, limit=limit)
    return [loop_out(r, overdue=sel.is_overdue(r), actions=allowed_actions(r.status)) for r in rows]


@router.get("/loops/{kind}/{pk}", auth=bearer, response={200: LoopOut, **ERRORS}, url_name="feedback_loop")
def loop_detail(request: HttpRequest, kind: str, pk: int):
    staff = acting_staff(request.user)
    record = sel.loop_for(staff=staff, kind=_kind(kind), pk=min(pk, 2**62))
    return loop_out(record, overdue=sel.is_overdue(record), actions=allowed_actions(record.status),
                    events=list(sel.loop_events(record)))


@router.post("/loops/{kind}/{pk}/actions/{action}", auth=bearer, response={200: LoopOut, **ERRORS},
             url_name="feedback_loop_action")
def loop_action(request: HttpRequest, kind: str, pk: int, action: str, payload: LoopActionIn):
    """assign · verify · rectify · reply · visit · close · appeal · rate (docs/feedback.md, step table)."""
    staff = acting_staff(request.user)
    record = sel.loop_for(staff=staff, kind=_kind(kind), pk=min(pk, 2**62))
    record = loop_act(staff=staff, record=record, action=action, payload=payload)
    return loop_out(record, overdue=sel.is_overdue(record), actions=allowed_actions(record.status),
                    events=list(sel.loop_events(record)))


@router.get("/rates", auth=bearer, response={200: RatesOut, **ERRORS}, url_name="feedback_rates")
def rates(request: HttpRequest, start: dt.date, end: dt.date, department: int | None = None,
          staff: int | None = None, include_lower: bool = False):
    """Good-review, active-review and unrated rates of the caller's centre for [start, end]."""
    me = acting_staff(request.user, *RATE_READERS)
    # Dates far from today overflow the time-zone arithmetic of the period bounds: not a real period.
    if end < start or (end - start).days > 3660 or start.year < 2000 or end.year > 2999:
        raise Invalid("bad_period", "统计期间无效", "Invalid period")
    if not me.has_role(Role.CENTRE_MANAGER, Role.SUPERVISOR):
        department = me.department_id  # department roles see their own department only
    return sel.evaluation_rates(start=start, end=end, centre=me.centre, department_id=department,
                                staff_id=staff, include_lower=include_lower and me.has_role(Role.SUPERVISOR))
