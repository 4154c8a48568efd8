"""API shapes of the feedback app."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from onewindow.core.identifiers import mask_phone
from onewindow.feedback.models import Complaint, Evaluation, LoopEvent


class EvaluationIn(Schema):
    level: int = Field(..., ge=1, le=5)
    tags: list[str] = Field(default_factory=list, max_length=20)
    text: str = Field("", max_length=1000)
    real_name: bool = False
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=30)
    # Exactly one subject: an SMS token (public), a service event id or a case number (staff/citizen).
    token: str | None = Field(None, max_length=100)
    event: int | None = Field(None, ge=1, le=2**62)
    case: str | None = Field(None, max_length=40)


class EvaluationOut(Schema):
    id: int
    level: int
    subject: str
    channel: str
    tags: list[str]
    created_at: dt.datetime
    rectification: int | None = None


def evaluation_out(e: Evaluation) -> dict:
    rect = getattr(e, "rectification", None) if e.level <= 2 else None
    return {"id": e.pk, "level": e.level, "subject": e.subject, "channel": e.channel, "tags": e.tags,
            "created_at": e.created_at, "rectification": rect.pk if rect else None}


class InviteIn(Schema):
    event: int | None = Field(None, ge=1, le=2**62)
    case: str | None = Field(None, max_length=40)
    phone: str = Field("", max_length=30)


class InviteOut(Schema):
    id: int
    expires_at: dt.datetime
    phone: str


class ComplaintIn(Schema):
    kind: Literal["complaint", "report", "cannot_do", "suggestion"]
    centre: int = Field(..., ge=1, le=2**62)
    subject: str = Field(..., max_length=120)
    text: str = Field(..., max_length=4000)
    case: str | None = Field(None, max_length=40)
    # Without a citizen account: the last 4 characters of the applicant's ID or phone prove the case.
    verify: str = Field("", max_length=4)
    staff: int | None = Field(None, ge=1, le=2**62)
    window: int | None = Field(None, ge=1, le=2**62)
    anonymous: bool = False
    name: str = Field("", max_length=60)
    phone: str = Field("", max_length=30)


class ComplaintCreatedOut(Schema):
    reference: str
    status: str
    due_date: dt.date | None


class LoopEventOut(Schema):
    action: str
    from_status: str
    to_status: str
    at: dt.datetime
    actor: str | None
    note: str
    step_due: dt.date | None
    late: bool


class LoopOut(Schema):
    kind: str
    id: int
    reference: str
    status: str
    centre: int
    department: int | None
    assignee: int | None
    received_at: dt.datetime
    due_date: dt.date | None
    step_due: dt.date | None
    overdue: bool
    visit_required: bool
    founded: bool | None
    satisfaction: int | None
    appeals: int
    level: int | None = None
    complaint_kind: str | None = None
    contact_phone: str = ""
    allowed_actions: list[str]
    events: list[LoopEventOut] | None = None


def event_out(e: LoopEvent) -> dict:
    return {"action": e.action, "from_status": e.from_status, "to_status": e.to_status, "at": e.at,
            "actor": e.actor.name if e.actor else None, "note": e.note, "step_due": e.step_due,
            "late": e.late}


def loop_out(record, *, overdue: bool, actions: list[str], events=None) -> dict:
    """A Rectification or a Complaint (untyped: the two differ in their subject fields)."""
    is_complaint = isinstance(record, Complaint)
    phone = record.phone if is_complaint else record.evaluation.evaluator_phone
    return {
        "kind": "complaint" if is_complaint else "rectification", "id": record.pk,
        "reference": record.reference if is_complaint else f"R{record.pk}", "status": record.status,
        "centre": record.centre_id, "department": record.department_id, "assignee": record.assignee_id,
        "received_at": record.received_at, "due_date": record.due_date, "step_due": record.step_due,
        "overdue": overdue, "visit_required": record.visit_required, "founded": record.founded,
        "satisfaction": record.satisfaction, "appeals": record.appeals,
        "level": None if is_complaint else record.evaluation.level,
        "complaint_kind": record.kind if is_complaint else None,
        "contact_phone": mask_phone(phone) if phone else "", "allowed_actions": actions,
        "events": [event_out(e) for e in events] if events is not None else None,
    }


class LoopActionIn(Schema):
    assignee: int | None = Field(None, ge=1, le=2**62)
    founded: bool | None = None
    text: str = Field("", max_length=4000)
    satisfaction: int | None = Field(None, ge=1, le=5)
    rectify_days: int | None = Field(None, ge=1, le=365)


class RatesOut(Schema):
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
