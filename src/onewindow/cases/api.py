"""Cases API (docs/cases.md "API"): intake, one case, keyset lists, actions, attachments and the
public progress lookup. Thin: validate → call a service → serialise."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError
from django.http import HttpRequest
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile
from pydantic import ValidationError

from onewindow.api.root import bearer
from onewindow.cases import services as svc
from onewindow.cases.models import IdempotencyKey
from onewindow.cases.schemas import (
    ACTION_BODIES,
    AttachmentOut,
    CaseCreatedOut,
    CaseIn,
    CaseOut,
    CasePageOut,
    ProgressOut,
    case_created_out,
    case_out,
    case_summary_out,
    progress_out,
)
from onewindow.cases.selectors import case_detail, case_for, case_page, progress_lookup
from onewindow.cases.services.checklist import MaterialIn
from onewindow.cases.states import AGENT, CASE_ACTIONS, CLERK
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.permissions import acting_staff
from onewindow.core.schemas import ERRORS, ErrorOut
from onewindow.security.ip import client_ip
from onewindow.security.personal import personal_data_need_view, personal_data_reveal, reveal_fields_parse

router = Router(tags=["cases"])

INTAKE_RESPONSES = {200: CaseCreatedOut, 201: CaseCreatedOut, **ERRORS}


def _lines(lines) -> list[MaterialIn]:
    return [MaterialIn(material=m.material, provided=m.provided, note=m.note, licence=m.licence or "")
            for m in lines]


def _request_hash(payload: CaseIn) -> str:
    canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(*, user, key: str, request_hash: str):
    row = IdempotencyKey.objects.select_related("case").filter(user=user, key=key).first()
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise Conflict("idempotency_key_reused", "该幂等键已用于另一请求",
                       "This Idempotency-Key was used for another request",
                       detail={"case": row.case.number})
    return row.case


@router.post("/cases", auth=bearer, response=INTAKE_RESPONSES, url_name="case_intake")
def intake(request: HttpRequest, payload: CaseIn):
    """Receive an application at the comprehensive window (clerk; proxy agent for village proxy).

    Complete materials: accepted in the same request (unless the centre or the body says otherwise);
    missing ones: supplement_required with every missing material listed. Send `Idempotency-Key` to
    make retries safe: the same key and body return the same case (200), another body 409."""
    staff = acting_staff(request.user, CLERK, AGENT)
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if len(key) > 200 or "\x00" in key:
        raise Invalid("invalid_idempotency_key", "幂等键无效", "Invalid Idempotency-Key")
    digest = _request_hash(payload) if key else ""
    if key:
        existing = _replay(user=request.user, key=key, request_hash=digest)
        if existing is not None:
            return 200, case_created_out(existing, existing.missing or [])
    a = payload.applicant
    try:
        result = svc.case_intake(
            by=staff, item_code=payload.item, channel=payload.channel, expedited=payload.expedited,
            accept=payload.accept, draft=payload.draft, situation_answers=payload.situation_answers,
            applicant=svc.ApplicantIn(**a.model_dump()), materials=_lines(payload.materials),
            idempotency_key=key, request_hash=digest)
    except IntegrityError:
        # A concurrent request with the same key won the race: answer as its retry.
        existing = _replay(user=request.user, key=key, request_hash=digest) if key else None
        if existing is None:
            raise
        return 200, case_created_out(existing, existing.missing or [])
    return 201, case_created_out(result.case, result.missing)


@router.get("/cases", auth=bearer, response={200: CasePageOut, **ERRORS}, url_name="case_list")
def list_cases(request: HttpRequest,
               state: str = Query("", max_length=20), centre: int | None = Query(None, ge=1, le=2**62),
               department: int | None = Query(None, ge=1, le=2**62), cursor: str = Query("", max_length=100),
               limit: int = Query(20, ge=1, le=100)):
    """Cases the caller may see, green channel first then newest; `next` is the next page's URL."""
    staff = acting_staff(request.user)
    page = case_page(staff=staff, state=state, centre=centre, department=department, cursor=cursor,
                     limit=limit)
    next_url = None
    if page.next_cursor:
        params = request.GET.copy()
        params["cursor"] = page.next_cursor
        next_url = f"{request.path}?{params.urlencode()}"
    return {"results": [case_summary_out(c) for c in page.cases], "next": next_url}


@router.get("/cases/{number}", auth=bearer, response={200: CaseOut, **ERRORS}, url_name="case_detail")
def get_case(request: HttpRequest, number: str, reveal: str = Query("", max_length=100),
             reason: str = Query("", max_length=500)):
    """One case. The applicant's ID number and phone are masked unless the caller needs them (the
    receiving clerk at intake, the issuer at pickup); `?reveal=id_number,phone&reason=…` shows them
    and logs the view (who, what, when, why — docs/security.md)."""
    staff = acting_staff(request.user)
    case = case_detail(case=case_for(staff=staff, number=number[:40]))
    fields = reveal_fields_parse(reveal)
    if fields:
        personal_data_reveal(user=request.user, subject="case", subject_ref=case.number, fields=fields,
                             reason=reason, ip=client_ip(request))
    else:
        personal_data_need_view(user=request.user, staff=staff, case=case, ip=client_ip(request))
    return case_out(case, viewer=staff, reveal=fields)


def _action_handlers() -> dict[str, Callable]:
    return {
        "submit": lambda c, s, b: svc.case_submit(case=c, by=s),
        "receive": lambda c, s, b: svc.case_receive(case=c, by=s, materials=_lines(b.materials)),
        "notice": lambda c, s, b: svc.case_notice(case=c, by=s, materials=_lines(b.materials)),
        "supplement": lambda c, s, b: svc.case_supplement(case=c, by=s, materials=_lines(b.materials)),
        "accept": lambda c, s, b: svc.case_accept(case=c, by=s, materials=_lines(b.materials),
                                                  opinion=b.opinion),
        "refuse": lambda c, s, b: svc.case_refuse(case=c, by=s, reason=b.reason),
        "out_of_remit": lambda c, s, b: svc.case_out_of_remit(case=c, by=s, competent_body=b.competent_body,
                                                              reason=b.reason),
        "withdraw": lambda c, s, b: svc.case_withdraw(case=c, by=s, reason=b.reason),
        "assign": lambda c, s, b: svc.case_assign(case=c, by=s, reviewer_id=b.reviewer),
        "review": lambda c, s, b: svc.case_review(case=c, by=s, opinion=b.opinion),
        "suspend": lambda c, s, b: svc.case_suspend(case=c, by=s, kind=b.kind, reason=b.reason),
        "resume": lambda c, s, b: svc.case_resume(case=c, by=s, result=b.result),
        "extend": lambda c, s, b: svc.case_extend(case=c, by=s, working_days=b.working_days, reason=b.reason),
        "decide": lambda c, s, b: svc.case_decide(case=c, by=s, outcome=b.outcome, opinion=b.opinion),
        "task_assign": lambda c, s, b: svc.task_assign(case=c, by=s, task_id=b.task, reviewer_id=b.reviewer),
        "task_decide": lambda c, s, b: svc.task_decide(case=c, by=s, task_id=b.task, outcome=b.outcome,
                                                       opinion=b.opinion),
        "meeting": lambda c, s, b: svc.meeting_record(case=c, by=s, minutes=b.minutes, attendees=b.attendees,
                                                      held_at=b.held_at),
        "escalate": lambda c, s, b: svc.case_escalate(case=c, by=s, reason=b.reason, to_centre_id=b.to_centre,
                                                      link_number=b.link, proxy_agent_id=b.proxy_agent),
        "forward": lambda c, s, b: svc.case_forward(case=c, by=s, reason=b.reason, to_centre_id=b.to_centre),
        "return": lambda c, s, b: svc.case_return(case=c, by=s, reason=b.reason),
        "pay": lambda c, s, b: svc.case_pay(case=c, by=s, method=b.method, reference=b.reference),
        "issue": lambda c, s, b: svc.case_issue(case=c, by=s),
        "deliver": lambda c, s, b: svc.case_deliver_result(case=c, by=s, method=b.method,
                                                           detail=b.detail_dict()),
        "conclude": lambda c, s, b: svc.case_conclude(case=c, by=s),
    }


HANDLERS = _action_handlers()
assert set(HANDLERS) == set(CASE_ACTIONS) == set(ACTION_BODIES), "every action has a handler and a body"


def _body(request: HttpRequest, action: str):
    raw = request.body or b"{}"
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Invalid("malformed_json", "请求体不是有效的 JSON", "The body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise Invalid("validation_error", "请求体必须是 JSON 对象", "The body must be a JSON object")
    try:
        return ACTION_BODIES[action].model_validate(data)
    except ValidationError as exc:
        errors = [{"loc": [str(x) for x in e["loc"]], "msg": e["msg"],
                   "type": e["type"]} for e in exc.errors()]
        raise Invalid("validation_error", "请求参数有误", "Invalid request parameters",
                      detail=errors) from exc


@router.post("/cases/{number}/actions/{action}", auth=bearer, response={200: CaseOut, **ERRORS},
             url_name="case_action")
def case_action(request: HttpRequest, number: str, action: str):
    """Move a case: accept, supplement {materials}, refuse {reason}, assign {reviewer}, review {opinion},
    suspend {kind, reason}, resume {result?}, extend {working_days, reason}, decide {outcome, opinion},
    pay {method}, escalate {to_centre?, reason}, forward {to_centre?, reason?} (village proxy),
    issue (signs the e-licence when the item names a
    licence type), deliver {method, detail: text or the per-method object}, conclude,
    withdraw {reason}, return {reason}, out_of_remit {competent_body, reason}, notice, receive, submit,
    task_assign {task, reviewer}, task_decide {task, outcome, opinion}, meeting {minutes, attendees}.
    The state table (docs/cases.md) says who may do what from which state."""
    staff = acting_staff(request.user)
    if action not in HANDLERS:
        raise NotFound("unknown_action", "未知的操作", "Unknown action", detail={"action": action[:40]})
    body = _body(request, action)
    case = case_for(staff=staff, number=number[:40])
    result = HANDLERS[action](case, staff, body)
    out = case_out(case_detail(case=case_for(staff=staff, number=case.number)), viewer=staff)
    if isinstance(result, svc.DeliverResult):
        out["pickup_code"] = result.pickup_code
    return out


@router.post("/cases/{number}/attachments", auth=bearer, response={201: AttachmentOut, **ERRORS},
             url_name="case_attachment")
def add_attachment(request: HttpRequest, number: str,
                   file: UploadedFile = File(...),  # noqa: B008 - ninja's idiom
                   material: int | None = Form(None, ge=1, le=2**62)):
    """Upload a scan (PDF, JPEG, PNG or OFD, detected from the content; size limited by settings)."""
    staff = acting_staff(request.user)
    case = case_for(staff=staff, number=number[:40])
    att = svc.attachment_add(case=case, by=staff, upload=file, material_id=material)
    material_id = att.case_material.material_id if att.case_material else None
    return 201, {"id": att.pk, "sha256": att.sha256, "size": att.size, "content_type": att.content_type,
                 "name": att.original_name, "material": material_id}


@router.get("/public/progress/{number}", auth=None, response={200: ProgressOut, 404: ErrorOut, 422: ErrorOut},
            url_name="case_progress")
def public_progress(request: HttpRequest, number: str, verify: str = Query("", max_length=10)):
    """No login: the applicant's own progress. `verify` = last 4 characters of the applicant's ID
    number or phone. A wrong code and an unknown number give the same 404."""
    return progress_out(progress_lookup(number=number, verify=verify))
