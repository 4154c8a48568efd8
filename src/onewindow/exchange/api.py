"""API for department systems (mounted at /api/v1/exchange): scoped client tokens (owc_…), the case
event feed, one case, recording a decision, and the national export. docs/exchange.md."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from onewindow.cases import services as case_services
from onewindow.core.errors import Conflict, NotFound
from onewindow.core.identifiers import mask_id, mask_phone
from onewindow.core.schemas import ERRORS
from onewindow.exchange.auth import client_auth, require_scope
from onewindow.exchange.feed import cases_visible_to, event_feed, event_payload
from onewindow.exchange.models import Scope
from onewindow.exchange.national import export_batch

router = Router(tags=["exchange"], auth=client_auth)


class EventOut(Schema):
    id: int
    case: str
    item: str
    department: str | None
    seq: int
    action: str
    from_state: str
    to_state: str
    actor_role: str
    at: str
    reason: str
    payload: dict


class FeedOut(Schema):
    events: list[EventOut]
    next: int = Field(description="pass as `after` to get the following events")


class ClientCaseOut(Schema):
    number: str
    state: str
    item: str
    department: str | None
    case_class: str
    applicant_name: str
    applicant_id_number: str
    applicant_phone: str
    accepted_on: str | None
    decision_due_date: str | None
    outcome: str


class DecisionIn(Schema):
    outcome: str = Field(pattern="^(approve|deny)$")
    opinion: str = Field("", max_length=500)


class ExportOut(Schema):
    records: list[dict]
    next_event: int
    next_evaluation: int


def _case(request: HttpRequest, number: str):
    client = request.api_client  # type: ignore[attr-defined]
    case = (cases_visible_to(client).select_related("item", "department", "applicant")
            .filter(number=number).first())
    if case is None:  # same answer for unknown and out-of-scope: existence is not leaked
        raise NotFound("case_not_found", "办件不存在", "No such case", detail={"number": number})
    return case


def _case_out(case) -> dict:
    return {"number": case.number, "state": case.state, "item": case.item.implementation_code,
            "department": case.department.code if case.department else None,
            "case_class": case.case_class, "applicant_name": case.applicant.name,
            "applicant_id_number": mask_id(case.applicant.id_number),
            "applicant_phone": mask_phone(case.applicant.phone),
            "accepted_on": case.accepted_on.isoformat() if case.accepted_on else None,
            "decision_due_date": case.decision_due_date.isoformat() if case.decision_due_date else None,
            "outcome": case.outcome}


@router.get("/events", response={200: FeedOut, **ERRORS}, url_name="exchange_events")
def events(request: HttpRequest, after: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)):
    client = require_scope(request, Scope.EVENTS_READ)
    rows = event_feed(client=client, after=after, limit=limit)
    return {"events": [event_payload(e) for e in rows], "next": rows[-1].pk if rows else after}


@router.get("/cases/{number}", response={200: ClientCaseOut, **ERRORS}, url_name="exchange_case")
def case_detail(request: HttpRequest, number: str):
    require_scope(request, Scope.CASES_READ)
    return _case_out(_case(request, number))


@router.post("/cases/{number}/decision", response={200: ClientCaseOut, **ERRORS},
             url_name="exchange_case_decision")
def case_decision(request: HttpRequest, number: str, body: DecisionIn):
    client = require_scope(request, Scope.CASES_DECIDE)
    case = _case(request, number)
    if client.acting_staff is None:  # api_client_create refuses this; an admin edit might not
        raise Conflict("acting_staff_required", "该接入系统未指定代行人员", "The client has no acting staff")
    # The acting staff member's own authorisation and scope apply, exactly as at the counter.
    case = case_services.case_decide(case=case, by=client.acting_staff, outcome=body.outcome,
                                     opinion=body.opinion)
    return _case_out(_case(request, case.number))


@router.get("/national", response={200: ExportOut, **ERRORS}, url_name="exchange_national")
def national(request: HttpRequest, after_event: int = Query(0, ge=0), after_evaluation: int = Query(0, ge=0),
             limit: int = Query(500, ge=1, le=5000)):
    """National exchange records after the two cursors (masked identifiers)."""
    require_scope(request, Scope.EXPORT_READ)
    batch = export_batch(after_event=after_event, after_evaluation=after_evaluation, limit=limit)
    client = request.api_client  # type: ignore[attr-defined]
    # A client sees its own centre's records only.
    allowed = set(cases_visible_to(client).filter(
        number__in={r["case_number"] for r in batch.records if r.get("case_number")})
        .values_list("number", flat=True))
    records = [r for r in batch.records if r.get("case_number") in allowed
               or (r["record"] == "evaluation" and not r.get("case_number")
                   and r.get("region_code") == client.centre.region_id)]
    return {"records": records, "next_event": batch.next_event, "next_evaluation": batch.next_evaluation}


def _mount_crossregion() -> None:
    from onewindow.exchange.crossregion.api import router as crossregion_router

    router.add_router("/crossregion", crossregion_router)


_mount_crossregion()
