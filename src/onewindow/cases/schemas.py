"""API shapes of the cases app (docs/cases.md "API"). Input schemas reject unknown fields, NUL
characters and oversize strings before any service runs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, field_validator

from onewindow.cases.clock import clock_figures
from onewindow.cases.models import Case
from onewindow.cases.states import State
from onewindow.core.identifiers import mask_id, mask_phone
from onewindow.core.timeutil import today

Text = Annotated[str, StringConstraints(max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=2000)]
Short = Annotated[str, StringConstraints(max_length=200)]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        # PostgreSQL refuses NUL in text: a 422 beats a 500.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class ApplicantSchema(_In):
    kind: Literal["person", "organisation"]
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    id_type: Literal["resident_id", "uscc"]
    id_number: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    phone: Annotated[str, StringConstraints(max_length=30)] = ""
    address: Short = ""
    agent_name: Annotated[str, StringConstraints(max_length=60)] = ""
    agent_id_number: Annotated[str, StringConstraints(max_length=40)] = ""
    agent_phone: Annotated[str, StringConstraints(max_length=30)] = ""
    authorisation_letter: bool = False


class MaterialLine(_In):
    material: int = Field(ge=1, le=2**62)
    provided: Literal["original", "copy", "electronic", "licence_library", "missing"]
    note: Annotated[str, StringConstraints(max_length=300)] = ""
    # 免提交: the identifier of the applicant's licence to reuse (provided "licence_library"); omitted:
    # the newest valid licence of the material's type.
    licence: Annotated[str, StringConstraints(max_length=60)] | None = None


class CaseIn(Schema):
    model_config = ConfigDict(extra="forbid")

    item: Annotated[str, StringConstraints(min_length=1, max_length=60)]
    applicant: ApplicantSchema
    materials: list[MaterialLine] = Field(default_factory=list, max_length=500)
    channel: Literal["window", "online", "village_proxy", "mail"] = "window"
    situation_answers: dict[int, int] = Field(default_factory=dict, max_length=200)
    expedited: bool = False
    accept: bool = True
    draft: bool = False

    @field_validator("item", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


# --- action bodies, one per action (validated by the action endpoint) ---

class NoBody(_In):
    pass


class MaterialsBody(_In):
    materials: list[MaterialLine] = Field(default_factory=list, max_length=500)


class AcceptBody(MaterialsBody):
    opinion: Text = ""


class SupplementBody(_In):
    materials: list[MaterialLine] = Field(min_length=1, max_length=500)


class ReasonBody(_In):
    reason: Text


class OutOfRemitBody(_In):
    competent_body: Short
    reason: Text


class AssignBody(_In):
    reviewer: int = Field(ge=1, le=2**62)


class ReviewBody(_In):
    opinion: LongText


class SuspendBody(_In):
    kind: Literal["hearing", "tender", "auction", "inspection", "testing", "quarantine", "appraisal",
                  "expert_review", "field_survey"]
    reason: Text


class ResumeBody(_In):
    result: Text = ""


class ExtendBody(_In):
    working_days: int = Field(ge=-1000, le=1000)
    reason: Text


class DecideBody(_In):
    outcome: Literal["approve", "deny"]
    opinion: LongText = ""


class PayBody(_In):
    method: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    reference: Annotated[str, StringConstraints(max_length=100)] = ""


class EscalateBody(_In):
    to_centre: int | None = Field(default=None, ge=1, le=2**62)
    reason: Text
    link: Annotated[str, StringConstraints(max_length=40)] = ""
    proxy_agent: int | None = Field(default=None, ge=1, le=2**62)


class ForwardBody(_In):
    to_centre: int | None = Field(default=None, ge=1, le=2**62)
    reason: Annotated[str, StringConstraints(max_length=500)] = ""


class DeliveryDetail(_In):
    """Per method (docs/licences.md "Delivery"): pickup — id_type, id_number, recipient_name,
    agent_letter; mail — address, carrier, tracking_number, recipient_name, phone; locker — locker,
    hours. A case without a licence keeps only the tracking number, the cell or the recipient."""

    id_type: Annotated[str, StringConstraints(max_length=12)] | None = None
    id_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    recipient_name: Short | None = None
    agent_letter: StrictBool | None = None  # a letter seen, not any truthy value
    address: Short | None = None
    carrier: Annotated[str, StringConstraints(max_length=40)] | None = None
    tracking_number: Annotated[str, StringConstraints(max_length=40)] | None = None
    phone: Annotated[str, StringConstraints(max_length=30)] | None = None
    locker: Annotated[str, StringConstraints(max_length=40)] | None = None
    hours: StrictInt | None = None  # the licence library checks the range (invalid_locker_hours)
    note: Short | None = None  # method "village": what travels with the result back to the village


class DeliverBody(_In):
    method: Literal["pickup", "mail", "locker", "village"]
    # Text (the tracking number, the locker cell) or the per-method object.
    detail: Short | DeliveryDetail = ""

    def detail_dict(self) -> str | dict[str, Any]:
        if isinstance(self.detail, DeliveryDetail):
            return self.detail.model_dump(exclude_unset=True)
        return self.detail


class TaskAssignBody(_In):
    task: int = Field(ge=1, le=2**62)
    reviewer: int = Field(ge=1, le=2**62)


class TaskDecideBody(_In):
    task: int = Field(ge=1, le=2**62)
    outcome: Literal["approve", "deny"]
    opinion: LongText = ""


class MeetingBody(_In):
    minutes: Annotated[str, StringConstraints(max_length=10000)]
    attendees: list[Annotated[str, StringConstraints(max_length=60)]] = Field(max_length=100)
    held_at: dt.datetime | None = None


ACTION_BODIES: dict[str, type[BaseModel]] = {
    "submit": NoBody, "receive": MaterialsBody, "notice": MaterialsBody, "supplement": SupplementBody,
    "accept": AcceptBody, "refuse": ReasonBody, "out_of_remit": OutOfRemitBody, "withdraw": ReasonBody,
    "assign": AssignBody, "review": ReviewBody, "suspend": SuspendBody, "resume": ResumeBody,
    "extend": ExtendBody, "decide": DecideBody, "task_assign": TaskAssignBody, "task_decide": TaskDecideBody,
    "meeting": MeetingBody, "escalate": EscalateBody, "forward": ForwardBody, "return": ReasonBody,
    "pay": PayBody, "issue": NoBody, "deliver": DeliverBody, "conclude": NoBody,
}


# --- output ---

class CaseCreatedOut(Schema):
    number: str
    state: str
    case_class: str
    expedited: bool
    due_date: dt.date | None
    promised_due_date: dt.date | None
    statutory_due_date: dt.date | None
    missing: list[dict]


class CaseOut(Schema):
    """The full case (staff view)."""

    number: str
    state: str
    case_class: str
    expedited: bool
    channel: str
    centre: dict
    department: dict | None
    item: dict
    applicant: dict
    receiving_clerk: str | None
    reviewer: str | None
    proxy_agent: str | None
    parent: str | None
    escalated_to: list[str]
    received_at: dt.datetime | None
    accepted_at: dt.datetime | None
    accepted_on: dt.date | None
    notice_due_date: dt.date | None
    due_date: dt.date | None
    statutory_due_date: dt.date | None
    promised_due_date: dt.date | None
    issue_due_date: dt.date | None
    extension_days: int
    extension_reason: str
    decided_at: dt.datetime | None
    outcome: str
    reason: str
    competent_body: str
    concluded_at: dt.datetime | None
    fees_due: str
    clock: dict
    missing: list[dict]
    materials: list[dict]
    tasks: list[dict]
    events: list[dict]
    # The e-licence(s) issued for the case, with the public verification URL (the QR code's target).
    licences: list[dict] = Field(default_factory=list)
    # Only in the answer to a locker delivery: the 6-digit pickup code, shown this once.
    pickup_code: str | None = None


class CaseSummaryOut(Schema):
    number: str
    state: str
    case_class: str
    expedited: bool
    item: str
    applicant: str
    centre: int
    department: int | None
    due_date: dt.date | None
    received_at: dt.datetime | None


class CasePageOut(Schema):
    results: list[CaseSummaryOut]
    next: str | None


class AttachmentOut(Schema):
    id: int
    sha256: str
    size: int
    content_type: str
    name: str
    material: int | None


class ProgressOut(Schema):
    number: str
    item: str
    applicant: str
    id_number: str
    phone: str
    state: str
    state_label: str
    due_date: dt.date | None
    accepted_on: dt.date | None
    timeline: list[dict]


def _clock_dict(case: Case, suspensions) -> dict[str, Any]:
    f = clock_figures(case=case, suspensions=suspensions, today=today())
    return {"working_days_used": f.working_days_used, "working_days_limit": f.working_days_limit,
            "working_days_remaining": f.working_days_remaining, "overdue": f.overdue, "on_time": f.on_time,
            "early": f.early, "paused": f.paused, "provisional": case.provisional}


def case_created_out(case: Case, missing: list[dict]) -> dict:
    return {"number": case.number, "state": case.state, "case_class": case.case_class,
            "expedited": case.expedited, "due_date": case.decision_due_date,
            "promised_due_date": case.promised_due_date, "statutory_due_date": case.statutory_due_date,
            "missing": missing}


_LICENCE_STATES = frozenset({State.DECIDED, State.ISSUED, State.DELIVERED, State.CONCLUDED})


def _licences_out(case: Case) -> list[dict[str, Any]]:
    # Only an approved case past the decision can hold one: no query for the others.
    if case.outcome != "approve" or case.state not in _LICENCE_STATES:
        return []
    from onewindow.licences.render import verification_url
    from onewindow.licences.verification import effective_status

    return [{"identifier": lic.identifier, "title": lic.title, "version": lic.version,
             "status": effective_status(lic), "issued_on": lic.issued_on, "valid_from": lic.valid_from,
             "valid_to": lic.valid_to, "verify_url": verification_url(lic.identifier)}
            for lic in case.licences.order_by("version", "id")]


def case_out(case: Case, *, viewer=None, reveal: frozenset[str] = frozenset()) -> dict:
    """Serialise a case prefetched by selectors.case_detail. The applicant's ID number and phone are
    masked unless `viewer` (a Staff) needs them (security.personal) or `reveal` names fields whose
    unmasked view the caller has logged."""
    from onewindow.fees.selectors import fees_due
    from onewindow.security.personal import FIELDS, mask_fields, personal_data_need

    a, dept = case.applicant, case.department
    shown = set(FIELDS) if personal_data_need(staff=viewer, case=case) else set(reveal)
    who = mask_fields({"id_number": a.id_number, "phone": a.phone}, shown=shown)
    return {
        "number": case.number, "state": case.state, "case_class": case.case_class,
        "expedited": case.expedited, "channel": case.channel,
        "centre": {"id": case.centre_id, "name": case.centre.name},
        "department": ({"id": dept.pk, "code": dept.code, "name": dept.name} if dept else None),
        "item": {"code": case.item.implementation_code, "name": case.item_version.name,
                 "version": case.item_version.number},
        "applicant": {"kind": a.kind, "name": a.name, "id_type": a.id_type, "id_number": who["id_number"],
                      "phone": who["phone"], "address": a.address, "agent_name": a.agent_name,
                      "authorisation_letter": a.authorisation_letter},
        "receiving_clerk": _name(case.receiving_clerk), "reviewer": _name(case.reviewer),
        "proxy_agent": _name(case.proxy_agent), "parent": case.parent.number if case.parent else None,
        "escalated_to": [c.number for c in case.children.all()],
        "received_at": case.received_at, "accepted_at": case.accepted_at, "accepted_on": case.accepted_on,
        "notice_due_date": case.notice_due_date, "due_date": case.decision_due_date,
        "statutory_due_date": case.statutory_due_date, "promised_due_date": case.promised_due_date,
        "issue_due_date": case.issue_due_date, "extension_days": case.extension_days,
        "extension_reason": case.extension_reason, "decided_at": case.decided_at, "outcome": case.outcome,
        "reason": case.reason, "competent_body": case.competent_body, "concluded_at": case.concluded_at,
        "fees_due": f"{fees_due(case=case):.2f}",
        "clock": _clock_dict(case, list(case.suspensions.all())),
        "missing": case.missing or [],
        "materials": [{"material": m.material_id, "name": m.material.name, "required": m.required,
                       "status": m.status, "note": m.note} for m in case.materials.all()],
        "tasks": [{"id": t.pk, "department": {"id": t.department_id, "code": t.department.code,
                                              "name": t.department.name},
                   "item": t.item.implementation_code, "state": t.state, "is_lead": t.is_lead,
                   "limit_days": t.limit_days, "due_date": t.due_date,
                   "assignee": _name(t.assignee), "outcome": t.outcome,
                   "opinion": t.opinion} for t in case.tasks.all()],
        "events": [{"seq": e.seq, "action": e.action, "from_state": e.from_state, "to_state": e.to_state,
                    "at": e.at, "by": (e.actor.display_name or e.actor.username) if e.actor else None,
                    "role": e.actor_role, "reason": e.reason, "payload": e.payload}
                   for e in case.events.all()],
        "licences": _licences_out(case),
        "pickup_code": None,
    }


def _name(staff) -> str | None:
    return staff.name if staff is not None else None


def case_summary_out(case: Case) -> dict:
    return {"number": case.number, "state": case.state, "case_class": case.case_class,
            "expedited": case.expedited, "item": case.item.name, "applicant": case.applicant.name,
            "centre": case.centre_id, "department": case.department_id, "due_date": case.decision_due_date,
            "received_at": case.received_at}


# Actions shown on the public timeline (staff-internal moves such as assignment are left out).
PUBLIC_ACTIONS = {"submit", "receive", "notice", "supplement", "accept", "deemed_accept", "refuse",
                  "out_of_remit", "withdraw", "suspend", "resume", "extend", "decide", "task_decide",
                  "escalate", "return", "issue", "deliver", "conclude"}


def progress_out(case: Case) -> dict:
    a = case.applicant
    return {"number": case.number, "item": case.item_version.name, "applicant": _mask_name(a.name),
            "id_number": mask_id(a.id_number), "phone": mask_phone(a.phone), "state": case.state,
            "state_label": str(State(case.state).label),
            "due_date": case.decision_due_date, "accepted_on": case.accepted_on,
            "timeline": [{"action": e.action, "state": e.to_state,
                          "state_label": str(State(e.to_state).label),
                          "at": e.at}
                         for e in case.events.all() if e.action in PUBLIC_ACTIONS]}


def _mask_name(name: str) -> str:
    """张三丰 → 张**; organisations keep their (public) name."""
    name = name or ""
    if len(name) <= 4:
        return name[:1] + "*" * (len(name) - 1)
    return name
