"""The front desk (前台综合受理): intake, the one-time notice, supplements, acceptance, refusal,
out of remit and withdrawal (DOMAIN §4, Administrative Licensing Law art. 32)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from onewindow.calendar.services import due_date
from onewindow.cases.models import (
    Applicant,
    ApplicantKind,
    Case,
    CaseClass,
    CaseMaterial,
    Channel,
    IdempotencyKey,
    IdType,
    Outcome,
)
from onewindow.cases.services._base import (
    Move,
    clean_text,
    event_write,
    move_begin,
    move_finish,
    notify,
    role_not_allowed,
)
from onewindow.cases.services.acceptance import accept_apply, accept_effects, bundle_components
from onewindow.cases.services.checklist import (
    MaterialIn,
    checklist_build,
    checklist_update,
    materials_validate,
    missing_list,
    reuse_record,
    reuse_resolve,
)
from onewindow.cases.services.numbering import case_number_allocate
from onewindow.cases.states import AGENT, CLERK, NEW, State
from onewindow.catalogue.models import BundleComponent, ServiceItem
from onewindow.catalogue.selectors import items_available_at, materials_for, version_in_force
from onewindow.core.errors import Conflict, Invalid
from onewindow.core.identifiers import validate_identifier, validate_resident_id
from onewindow.core.timeutil import now, today
from onewindow.network.models import Staff
from onewindow.network.selectors import centre_ancestors


@dataclass(frozen=True)
class ApplicantIn:
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str = ""
    address: str = ""
    agent_name: str = ""
    agent_id_number: str = ""
    agent_phone: str = ""
    authorisation_letter: bool = False


@dataclass
class IntakeResult:
    case: Case
    missing: list[dict] = field(default_factory=list)
    created: bool = True


def _applicant_clean(data: ApplicantIn) -> Applicant:
    if data.kind not in ApplicantKind.values:
        raise Invalid("invalid_applicant_kind", "申请人类型无效", "Invalid applicant kind",
                      detail={"kind": data.kind})
    expected = IdType.RESIDENT_ID if data.kind == ApplicantKind.PERSON else IdType.USCC
    if data.id_type != expected:
        raise Invalid("id_type_mismatch", "证件类型与申请人类型不符",
                      "The identifier type does not match the applicant kind",
                      detail={"kind": data.kind, "id_type": data.id_type, "expected": expected})
    number = validate_identifier(data.id_type, (data.id_number or "").strip().upper())
    agent_id = ""
    if data.agent_name or data.agent_id_number:
        if not (data.agent_name and data.agent_id_number):
            raise Invalid("agent_incomplete", "代理人姓名和身份证号码须同时填写",
                          "An agent needs both a name and a resident ID number")
        agent_id = validate_resident_id(data.agent_id_number.strip().upper()).number
        if not data.authorisation_letter:
            raise Invalid("authorisation_letter_required", "代理人办理须提交授权委托书",
                          "An agent must present a letter of authorisation")
    return Applicant(
        kind=data.kind, name=clean_text(data.name, field="name", required=True, max_length=200),
        id_type=data.id_type, id_number=number, phone=clean_text(data.phone, field="phone", max_length=30),
        address=clean_text(data.address, field="address", max_length=200),
        agent_name=clean_text(data.agent_name, field="agent_name", max_length=60), agent_id_number=agent_id,
        agent_phone=clean_text(data.agent_phone, field="agent_phone", max_length=30),
        authorisation_letter=bool(data.authorisation_letter))


def item_for_intake(*, centre, code: str) -> tuple[ServiceItem, bool]:
    """The active item `code` (implementation code, or a basic code naming one item) that `centre`
    may take in: its own, delegated to it, or an item of a higher centre (then it is escalated).
    Returns (item, beyond_remit). 422 unknown_item otherwise."""
    code = (code or "").strip()
    ancestors = [c.pk for c in centre_ancestors(centre=centre, include_self=False)]
    available = items_available_at(centre=centre).values("pk")
    candidates = list(ServiceItem.objects.filter(active=True)
                      .filter(Q(implementation_code=code) | Q(basic_code=code))
                      .filter(Q(pk__in=available) | Q(centre_id__in=ancestors))
                      .select_related("department", "centre")[:2])
    exact = [i for i in candidates if i.implementation_code == code]
    if exact:
        candidates = exact
    if len(candidates) != 1:
        raise Invalid("unknown_item", "事项不存在或本中心不可办理",
                      "Unknown item, or not handled at this centre",
                      detail={"item": code[:60]})
    item = candidates[0]
    return item, item.centre_id in ancestors and item.centre_id != centre.pk


def _class_for(*, version, item, beyond_remit: bool, missing: bool, expedited: bool) -> str:
    if beyond_remit or version.case_class == CaseClass.ESCALATED:
        return CaseClass.ESCALATED
    if version.case_class == CaseClass.JOINT or BundleComponent.objects.filter(bundle=item).exists():
        return CaseClass.JOINT
    if missing:
        return CaseClass.SUPPLEMENT
    if expedited or version.case_class == CaseClass.EXPEDITED:
        return CaseClass.EXPEDITED
    return version.case_class


@transaction.atomic
def case_intake(*, by: Staff, item_code: str, applicant: ApplicantIn, materials: Sequence[MaterialIn],
                channel: str = Channel.WINDOW, situation_answers: dict[int, int] | None = None,
                expedited: bool = False, accept: bool = True, draft: bool = False,
                idempotency_key: str = "", request_hash: str = "") -> IntakeResult:
    """Receive an application at the comprehensive window and, in the same transaction, accept it
    (materials complete), give the one-time notice (something missing) or keep it received (online
    pre-review, village proxy, `accept=False`). Nothing is written when any check fails."""
    if not by.has_role(CLERK, AGENT):
        raise role_not_allowed("receive", (CLERK, AGENT))
    if channel not in Channel.values:
        raise Invalid("invalid_channel", "渠道无效", "Invalid channel", detail={"channel": channel})
    centre = by.centre
    applicant_row = _applicant_clean(applicant)
    item, beyond_remit = item_for_intake(centre=centre, code=item_code)
    day = today()
    version = version_in_force(item=item, on=day)
    if version is None:
        raise Invalid("item_not_published", "事项没有现行有效的办事指南",
                      "The item has no published version in force",
                      detail={"item": item.implementation_code})
    version_materials = {m.pk: m for m in version.materials.all()}
    given = materials_validate(version_materials=version_materials, given=materials)
    # 免提交: every licence to reuse is found before anything is written (422 otherwise).
    picks = reuse_resolve(applicant=applicant_row, version_materials=version_materials, lines=given)
    answers = {int(k): int(v) for k, v in (situation_answers or {}).items()}
    # Without answers the list is the required materials (materials_for would say the same).
    required_ids = ({m.pk for m in materials_for(version=version, answers=answers)} if answers
                    else {pk for pk, m in version_materials.items() if m.required})
    case_class = _class_for(version=version, item=item, beyond_remit=beyond_remit, missing=False,
                            expedited=expedited)
    if case_class == CaseClass.JOINT:
        bundle_components(item=item, on=day)  # 422 before anything is written

    applicant_row.save()
    moment = now()
    case = Case(number=case_number_allocate(centre=centre, day=day), centre=centre,
                department=item.department,
                item=item, item_version=version, applicant=applicant_row, channel=channel,
                case_class=case_class, state=NEW, expedited=expedited or case_class == CaseClass.EXPEDITED,
                receiving_clerk=by, situation_answers={str(k): v for k, v in answers.items()})
    case.save()
    rows = CaseMaterial.objects.bulk_create(checklist_build(
        case=case, version=version, version_materials=version_materials, required_ids=required_ids,
        given=given))
    reuse_record(case=case, by=by, materials=version_materials, picks=picks)
    missing = missing_list(rows)
    role = CLERK if by.has_role(CLERK) else AGENT
    if idempotency_key:
        IdempotencyKey.objects.create(key=idempotency_key, user_id=by.user_id, request_hash=request_hash,
                                      case=case,
                                      created_at=moment)

    if draft:
        event_write(case=case, action="draft", from_state=NEW, to_state=State.DRAFT, by=by, role=role)
        case.save()
        return IntakeResult(case=case, missing=missing)
    if channel == Channel.ONLINE:
        # Online: the materials are received now (art. 32 counts from here), pre-review follows.
        _mark_received(case, moment)
        event_write(case=case, action="submit", from_state=NEW, to_state=State.SUBMITTED, by=by, role=role,
                    payload={"missing": missing})
        case.missing = missing
        case.save()
        return IntakeResult(case=case, missing=missing)

    _mark_received(case, moment)
    event_write(case=case, action="receive", from_state=NEW, to_state=State.RECEIVED, by=by, role=role,
                payload={"channel": channel})
    if centre.receipt_is_acceptance:
        # 收件即受理: receiving is accepting; anything missing is supplemented during review.
        case.missing = missing
        accept_apply(case=case, by=by, accepted_on=day)
        event = event_write(case=case, action="accept", from_state=State.RECEIVED, to_state=State.ACCEPTED,
                            by=by, role=role, payload={"mode": "receipt_is_acceptance", "missing": missing})
        case.save()
        accept_effects(case=case, by=by, event=event)
    elif missing and role == CLERK:
        case.case_class = _class_for(version=version, item=item, beyond_remit=beyond_remit, missing=True,
                                     expedited=expedited)
        _one_time_notice(case=case, by=by, role=role, from_state=State.RECEIVED, missing=missing)
    elif accept and not missing and role == CLERK and channel != Channel.VILLAGE_PROXY:
        accept_apply(case=case, by=by, accepted_on=day)
        event = event_write(case=case, action="accept", from_state=State.RECEIVED, to_state=State.ACCEPTED,
                            by=by, role=role)
        case.save()
        accept_effects(case=case, by=by, event=event)
    else:
        case.missing = missing
        case.save()
    return IntakeResult(case=case, missing=missing)


def _mark_received(case: Case, moment) -> None:
    case.received_at = moment
    case.received_on = timezone.localdate(moment)
    notice = due_date(start=case.received_on, working_days=case.item_version.notice_days)
    case.notice_due_date = notice.due_date


def _one_time_notice(*, case: Case, by: Staff, role: str, from_state: str, missing: list[dict]) -> None:
    case.missing = missing
    case.one_time_notice_at = now()
    event = event_write(case=case, action="notice", from_state=from_state, to_state=State.SUPPLEMENT_REQUIRED,
                        by=by, role=role, payload={"missing": missing})
    case.save()
    notify(case=case, kind="one_time", event=event, by=by)


def _checklist(move: Move, materials: Sequence[MaterialIn] | None, *, forbid_new_missing: bool = False):
    rows = checklist_update(case=move.case, given=materials or (), forbid_new_missing=forbid_new_missing,
                            by=move.staff)
    return missing_list(rows)


@transaction.atomic
def case_receive(*, case: Case, by: Staff, materials: Sequence[MaterialIn] | None = None) -> Case:
    """Online pre-review passed and the paper materials (if any) are at the window."""
    move = move_begin(case=case, by=by, action="receive")
    missing = _checklist(move, materials)
    move.case.missing = missing
    move_finish(move, payload={"missing": missing})
    return move.case


@transaction.atomic
def case_submit(*, case: Case, by: Staff) -> Case:
    move = move_begin(case=case, by=by, action="submit")
    _mark_received(move.case, now())
    move_finish(move)
    return move.case


@transaction.atomic
def case_notice(*, case: Case, by: Staff, materials: Sequence[MaterialIn] | None = None) -> Case:
    """The one-time notice (一次性告知): every missing material at once."""
    move = move_begin(case=case, by=by, action="notice")
    if move.case.one_time_notice_at is not None:
        raise _conflict("one_time_notice_given", "一次性告知书已出具",
                        "The one-time notice was already given")
    missing = _checklist(move, materials)
    if not missing:
        raise _conflict("nothing_missing", "材料齐全，无需补正", "No material is missing")
    c = move.case
    if c.case_class in (CaseClass.PROMISED, CaseClass.IMMEDIATE, CaseClass.EXPEDITED):
        c.case_class = CaseClass.SUPPLEMENT
    c.missing = missing
    c.one_time_notice_at = now()
    event = move_finish(move, payload={"missing": missing})
    notify(case=c, kind="one_time", event=event, by=by)
    return c


@transaction.atomic
def case_supplement(*, case: Case, by: Staff, materials: Sequence[MaterialIn]) -> Case:
    """Materials brought after the one-time notice; complete → accepted today (the clock starts)."""
    move = move_begin(case=case, by=by, action="supplement")
    missing = _checklist(move, materials, forbid_new_missing=True)
    c = move.case
    c.missing = missing
    if missing:
        move_finish(move, to_state=State.SUPPLEMENT_REQUIRED, payload={"missing": missing})
        return c
    accept_apply(case=c, by=by, accepted_on=today())
    event = move_finish(move, to_state=State.ACCEPTED, payload={"missing": []})
    accept_effects(case=c, by=by, event=event)
    return c


@transaction.atomic
def case_accept(*, case: Case, by: Staff, materials: Sequence[MaterialIn] | None = None,
                opinion: str = "") -> Case:
    move = move_begin(case=case, by=by, action="accept")
    missing = _checklist(move, materials)
    if missing:
        raise _conflict("materials_missing", "材料不齐全，请出具一次性告知书",
                        "Materials are missing: give the one-time notice", detail={"missing": missing})
    c = move.case
    c.missing = []
    accept_apply(case=c, by=by, accepted_on=today(), opinion=clean_text(opinion, field="opinion"))
    event = move_finish(move)
    accept_effects(case=c, by=by, event=event)
    return c


def _end(move: Move, *, outcome: str, reason: str, kind: str | None, payload: dict | None = None,
         returned_class: bool = True) -> Case:
    c = move.case
    c.outcome = outcome
    c.reason = reason
    c.handled_on = today()
    c.concluded_at = now()
    if returned_class:
        c.case_class = CaseClass.RETURNED
    event = move_finish(move, reason=reason, payload=payload)
    if kind:
        notify(case=c, kind=kind, event=event, by=move.staff)
    return c


@transaction.atomic
def case_refuse(*, case: Case, by: Staff, reason: str) -> Case:
    """不予受理, in writing with the reason (a 退回件, logged)."""
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="refuse")
    return _end(move, outcome=Outcome.REFUSED, reason=reason, kind="refusal",
                payload={"case_class": move.case.case_class})


@transaction.atomic
def case_out_of_remit(*, case: Case, by: Staff, competent_body: str, reason: str) -> Case:
    """Not this body's remit: refused at once, naming the competent body (art. 32 (2))."""
    body = clean_text(competent_body, field="competent_body", required=True, max_length=200)
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="out_of_remit")
    move.case.competent_body = body
    return _end(move, outcome=Outcome.OUT_OF_REMIT, reason=reason, kind="out_of_remit",
                payload={"competent_body": body}, returned_class=False)


@transaction.atomic
def case_withdraw(*, case: Case, by: Staff, reason: str) -> Case:
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="withdraw")
    return _end(move, outcome=Outcome.WITHDRAWN, reason=reason, kind=None, returned_class=False)


def _conflict(code: str, message: str, message_en: str, detail=None) -> Conflict:
    return Conflict(code, message, message_en, detail=detail)
