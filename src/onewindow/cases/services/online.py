"""Online applications (网上办事大厅): a citizen's draft, uploads, submission and resubmission after the
one-time notice, withdrawal and delivery choice; and the clerk's pre-review of what was submitted.

A citizen is not a network.Staff, so these moves do not go through move_begin: `_citizen_begin` does
the same checks for the CITIZEN role of the state table (the case is the citizen's or their
organisation's, else 404; the table allows the move, else 409) and the event records the citizen's
login as actor with role "citizen". The clerk's side calls the existing intake services unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from django.core.files.base import ContentFile
from django.db import transaction

from onewindow.accounts.models import CitizenCase, DeliveryChoice, Organisation, User
from onewindow.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseMaterial,
    Channel,
    MaterialStatus,
    Outcome,
)
from onewindow.cases.selectors_citizen import cases_visible_to_citizen, zero_visit
from onewindow.cases.services._base import case_not_found, clean_text, event_write
from onewindow.cases.services.acceptance import bundle_components
from onewindow.cases.services.attachments import CONTENT_TYPES, upload_check
from onewindow.cases.services.checklist import MaterialIn, checklist_build, materials_validate, missing_list
from onewindow.cases.services.intake import (
    ApplicantIn,
    _applicant_clean,
    _class_for,
    _mark_received,
    case_accept,
    case_notice,
    case_supplement,
)
from onewindow.cases.services.numbering import case_number_allocate
from onewindow.cases.states import CITIZEN, NEW, State, Transition, transition_for
from onewindow.catalogue.models import ServiceItem
from onewindow.catalogue.selectors import materials_for, version_in_force
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import Staff

# States in which a citizen may add files: while drafting and after the one-time notice.
UPLOAD_STATES = frozenset({State.DRAFT, State.SUPPLEMENT_REQUIRED})
# The citizen withdraws online only before acceptance; later, the window handles it (paper trail).
ONLINE_WITHDRAW_STATES = frozenset({State.DRAFT, State.SUBMITTED, State.SUPPLEMENT_REQUIRED})
# Delivery may be chosen until the result is issued.
DELIVERY_OPEN_STATES = frozenset(set(State.values) - {State.ISSUED, State.DELIVERED, State.CONCLUDED,
                                                      State.REFUSED, State.WITHDRAWN, State.RETURNED,
                                                      State.ESCALATED})


@dataclass
class CitizenMove:
    case: Case
    transition: Transition
    user: User
    from_state: str


def _citizen_begin(*, user: User, case: Case | int, action: str) -> CitizenMove:
    pk = case.pk if isinstance(case, Case) else case
    # Scope first (404 for anything not the citizen's, existence is not leaked), then lock the row.
    if not cases_visible_to_citizen(user=user).filter(pk=pk).exists():
        raise case_not_found()
    locked = Case.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise case_not_found()
    transition = transition_for(action, locked.state)
    if transition is None:
        raise Conflict("invalid_transition", "当前状态不允许此操作",
                       "This action is not allowed in the current state",
                       detail={"from": locked.state, "action": action})
    if CITIZEN not in transition.roles:
        raise Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                        detail={"action": action, "required_any_of": sorted(transition.roles)})
    return CitizenMove(case=locked, transition=transition, user=user, from_state=locked.state)


@dataclass(frozen=True)
class _CitizenActor:
    """What event_write reads of its `by`: the acting login's id (a citizen has no Staff row)."""

    user_id: int


def _citizen_event(*, case: Case, user: User, action: str, from_state: str, to_state: str,
                   reason: str = "", payload: dict | None = None) -> CaseEvent:
    """Append the event through the one event_write (the hash chain of security.chain stays whole)
    with the citizen's login as actor and role "citizen", then save the case. The caller holds the lock."""
    event = event_write(case=case, action=action, from_state=from_state, to_state=to_state,
                        by=cast(Staff, _CitizenActor(user_id=user.pk)), role=CITIZEN, reason=reason,
                        payload=payload)
    case.save()
    return event


def _finish(move: CitizenMove, *, to_state: str | None = None, reason: str = "",
            payload: dict | None = None) -> CaseEvent:
    target = to_state or move.transition.target or move.from_state
    if target not in {move.transition.target or move.from_state, *move.transition.alternatives}:
        raise RuntimeError(f"{move.transition.action}: {move.from_state} -> {target} is not in the table")
    return _citizen_event(case=move.case, user=move.user, action=move.transition.action,
                          from_state=move.from_state, to_state=target, reason=reason, payload=payload)


def online_item(*, code: str) -> ServiceItem:
    """An active item with a version in force that may be applied for online, else 422 unknown_item."""
    item = (ServiceItem.objects.filter(active=True, implementation_code=(code or "").strip()[:40])
            .select_related("centre", "department").first())
    if item is None or version_in_force(item=item, on=today()) is None:
        raise Invalid("unknown_item", "事项不存在或暂不可网上申请",
                      "Unknown item, or not open for online applications")
    return item


def applicant_for(*, user: User, organisation: Organisation | None) -> ApplicantIn:
    """The applicant as the account says: the person, or the organisation (USCC) they act for."""
    if organisation is not None:
        return ApplicantIn(kind="organisation", name=organisation.name, id_type="uscc",
                           id_number=organisation.uscc, phone=user.phone)
    return ApplicantIn(kind="person", name=user.display_name or user.username, id_type="resident_id",
                       id_number=user.id_number, phone=user.phone)


@transaction.atomic
def online_draft_create(*, user: User, item_code: str, organisation_id: int | None = None,
                        situation_answers: dict[int, int] | None = None, address: str = "") -> Case:
    """Start an online application: a DRAFT case at the item's centre with the material list for the
    answers, linked to the citizen (or, organisation_id given, to an organisation they belong to)."""
    organisation = None
    if organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id, members__user=user).first()
        if organisation is None:
            raise Invalid("organisation_not_member", "您不是该单位的成员",
                          "You are not a member of this organisation")
    if not user.id_number and organisation is None:
        raise Invalid("id_number_required", "请先在账户中填写身份证号码",
                      "Your account needs a resident ID number")
    item = online_item(code=item_code)
    day = today()
    version = version_in_force(item=item, on=day)
    assert version is not None  # online_item checked it
    data = applicant_for(user=user, organisation=organisation)
    applicant = _applicant_clean(ApplicantIn(**{**data.__dict__,
                                                "address": clean_text(address, field="address",
                                                                      max_length=200)}))
    answers = {int(k): int(v) for k, v in (situation_answers or {}).items()}
    version_materials = {m.pk: m for m in version.materials.all()}
    required_ids = ({m.pk for m in materials_for(version=version, answers=answers)} if answers
                    else {pk for pk, m in version_materials.items() if m.required})
    case_class = _class_for(version=version, item=item, beyond_remit=False, missing=False, expedited=False)
    if case_class == "joint":
        bundle_components(item=item, on=day)  # 422 before anything is written
    applicant.save()
    case = Case(number=case_number_allocate(centre=item.centre, day=day), centre=item.centre,
                department=item.department, item=item, item_version=version, applicant=applicant,
                channel=Channel.ONLINE, case_class=case_class, state=NEW,
                situation_answers={str(k): v for k, v in answers.items()})
    case.save()
    CaseMaterial.objects.bulk_create(checklist_build(case=case, version=version,
                                                     version_materials=version_materials,
                                                     required_ids=required_ids, given={}))
    CitizenCase.objects.create(case=case, user=user, organisation=organisation)
    _citizen_event(case=case, user=user, action="draft", from_state=NEW, to_state=State.DRAFT,
                   payload={"organisation": organisation.pk if organisation else None})
    return case


@transaction.atomic
def online_attach(*, user: User, case: Case, upload, material_id: int) -> Attachment:
    """A file for one material of the case's list; type by content, size by setting (the same
    checks as the window's attachment_add). Only while drafting or after the one-time notice."""
    data, kind, name = upload_check(upload)
    move = _citizen_begin(user=user, case=case, action="attach")
    if move.from_state not in UPLOAD_STATES:
        raise Conflict("upload_closed", "当前状态不能上传材料", "Files cannot be added in this state",
                       detail={"state": move.from_state})
    row = CaseMaterial.objects.filter(case=move.case, material_id=material_id).first()
    if row is None:
        raise Invalid("material_not_in_list", "材料不在该办件的材料清单中", "Material not in the case's list",
                      detail={"materials": [material_id]})
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(case=move.case, case_material=row, original_name=name, sha256=digest,
                            size=len(data), content_type=CONTENT_TYPES[kind], uploaded_by=user,
                            uploaded_at=now())
    attachment.file.save(f"{digest[:16]}.{kind}", ContentFile(data), save=False)
    attachment.save()
    if move.from_state == State.DRAFT and row.status == MaterialStatus.MISSING:
        # While drafting the checklist follows the uploads; after the notice the clerk decides.
        row.status = MaterialStatus.ELECTRONIC
        row.save(update_fields=["status"])
    _finish(move, payload={"attachment": attachment.pk, "sha256": digest, "size": len(data),
                           "content_type": attachment.content_type, "material": material_id})
    return attachment


@transaction.atomic
def online_submit(*, user: User, case: Case) -> Case:
    """DRAFT → SUBMITTED: the materials count as received now (art. 32), a clerk pre-reviews."""
    move = _citizen_begin(user=user, case=case, action="submit")
    c = move.case
    rows = list(CaseMaterial.objects.filter(case=c).select_related("material"))
    missing = missing_list(rows)
    _mark_received(c, now())
    c.missing = missing
    _finish(move, payload={"missing": missing})
    return c


@transaction.atomic
def online_resubmit(*, user: User, case: Case) -> Case:
    """After the one-time notice: the citizen says the supplements are uploaded. The case stays in
    supplement_required (the table's alternative) until the clerk's pre-review accepts it."""
    move = _citizen_begin(user=user, case=case, action="supplement")
    notified = [m["material"] for m in move.case.missing or []]
    with_files = set(Attachment.objects.filter(case=move.case, case_material__material_id__in=notified,
                                               uploaded_at__gte=move.case.one_time_notice_at or now())
                     .values_list("case_material__material_id", flat=True))
    absent = [m for m in move.case.missing or [] if m["material"] not in with_files]
    if absent:
        raise Invalid("supplement_files_missing", "请先上传一次性告知书列明的全部材料",
                      "Upload every material the one-time notice lists first", detail={"missing": absent})
    _finish(move, to_state=State.SUPPLEMENT_REQUIRED, payload={"resubmitted": True,
                                                               "materials": sorted(with_files)})
    return move.case


@transaction.atomic
def online_withdraw(*, user: User, case: Case, reason: str) -> Case:
    reason = clean_text(reason, field="reason", required=True)
    move = _citizen_begin(user=user, case=case, action="withdraw")
    if move.from_state not in ONLINE_WITHDRAW_STATES:
        raise Conflict("withdraw_at_window", "已受理的办件请到窗口申请撤回",
                       "An accepted case is withdrawn at the window", detail={"state": move.from_state})
    c = move.case
    c.outcome = Outcome.WITHDRAWN
    c.reason = reason
    c.handled_on = today()
    c.concluded_at = now()
    _finish(move, reason=reason)
    return c


@transaction.atomic
def online_delivery_choose(*, user: User, case: Case, method: str, address: str = "") -> CitizenCase:
    """How the result reaches the applicant (pickup, mail with address; e-licence download for
    zero-visit items), until it is issued. Recorded for the issuing window; no state change."""
    if not cases_visible_to_citizen(user=user).filter(pk=case.pk).exists():
        raise case_not_found()
    locked = Case.objects.select_for_update().select_related("item_version").get(pk=case.pk)
    if locked.state not in DELIVERY_OPEN_STATES:
        raise Conflict("delivery_closed", "结果已发放，不能再修改送达方式", "The result is already issued",
                       detail={"state": locked.state})
    allowed = {DeliveryChoice.PICKUP, DeliveryChoice.MAIL}
    if zero_visit(locked.item_version):
        allowed.add(DeliveryChoice.DOWNLOAD)
    if method not in allowed:
        raise Invalid("invalid_delivery_method", "送达方式无效", "Invalid delivery method",
                      detail={"method": method, "allowed": sorted(allowed)})
    address = clean_text(address, field="address", max_length=200)
    if method == DeliveryChoice.MAIL and len(address) < 5:
        raise Invalid("address_required", "邮寄送达须填写详细地址", "Mail delivery needs a full address")
    link = CitizenCase.objects.select_for_update().get(case=locked)
    link.delivery_method = method
    link.delivery_address = address if method == DeliveryChoice.MAIL else ""
    link.delivery_chosen_at = now()
    link.save(update_fields=["delivery_method", "delivery_address", "delivery_chosen_at"])
    return link


# --- the clerk's pre-review (workbench:prereview) ---


@dataclass(frozen=True)
class Defect:
    material: int
    note: str = ""


@transaction.atomic
def prereview_accept(*, case: Case, by: Staff) -> Case:
    """Pre-review passed: a first submission is accepted (accept), a resubmission completes the
    supplement (supplement → accepted); the files count as electronic materials."""
    lines = [MaterialIn(material=m_id, provided=MaterialStatus.ELECTRONIC)
             for m_id in _materials_with_files(case)]
    if case.state == State.SUPPLEMENT_REQUIRED:
        return case_supplement(case=case, by=by, materials=lines)
    return case_accept(case=case, by=by, materials=lines)


@transaction.atomic
def prereview_notice(*, case: Case, by: Staff, defects: Sequence[Defect]) -> Case:
    """Pre-review failed: one one-time notice naming every missing or defective material."""
    if not defects:
        raise Invalid("defects_required", "请勾选缺少或不合格的材料",
                      "Mark the missing or defective materials")
    version_materials = {r.material_id: r.material for r in
                         CaseMaterial.objects.filter(case=case).select_related("material")}
    lines = [MaterialIn(material=d.material, provided=MaterialStatus.MISSING,
                        note=clean_text(d.note, field="note", max_length=300) or "材料缺失或不符合要求")
             for d in defects]
    materials_validate(version_materials=version_materials, given=lines)  # 422 for a foreign material
    return case_notice(case=case, by=by, materials=lines)


def _materials_with_files(case: Case) -> list[int]:
    return sorted(set(Attachment.objects.filter(case=case, case_material__isnull=False)
                      .values_list("case_material__material_id", flat=True)))


__all__ = ["Defect", "online_attach", "online_delivery_choose", "online_draft_create",
           "online_item", "online_resubmit", "online_submit", "online_withdraw", "prereview_accept",
           "prereview_notice"]
