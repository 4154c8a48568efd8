"""The unified issuing window (统一窗口出件): payment, issue (art. 44), delivery, conclusion."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from onewindow.cases.models import Case, Outcome
from onewindow.cases.services._base import clean_text, event_write, move_begin, move_finish
from onewindow.cases.states import SYSTEM, State
from onewindow.core.errors import Conflict, DomainError, Invalid
from onewindow.core.timeutil import now
from onewindow.licences.models import DeliveryMethod, Licence, LicenceDelivery
from onewindow.licences.selectors import check_against_decision, licence_required
from onewindow.licences.services import licence_deliver, licence_issue_for_case
from onewindow.network.models import Staff

# "village": the competent centre sends the result back to the lower centre (village or township) that
# forwarded the case; its agent or clerk then hands it over there (proxy.py) with a pickup's identity check.
DELIVERY_METHODS = ("pickup", "mail", "locker", "village")
# What each delivery method of the licence library takes (docs/licences.md "Delivery"); a plain text
# detail (the older API) stands for the first key.
DELIVERY_DETAIL_KEYS: dict[str, tuple[str, ...]] = {
    "pickup": ("recipient_name", "id_type", "id_number", "agent_letter"),
    "mail": ("tracking_number", "address", "carrier", "recipient_name", "phone"),
    "locker": ("locker", "hours"),
    "village": ("note",),
}


logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliverResult:
    case: Case
    licence_delivery: LicenceDelivery | None = None
    # A locker delivery's pickup code, shown once (only its keyed hash is stored).
    pickup_code: str | None = None


def licence_due(case: Case) -> bool:
    """Does issuing this case sign an e-licence? Only when the item names a licence type: an item with
    a result document but no licence type (证明, 批复...) is still handed over on paper, so centres
    without a seal key can issue it (the generic type stays available to licence_issue_for_case)."""
    return licence_required(case=case) and bool(case.item_version.result_licence_type)


def licence_prepare_on_commit(*, case: Case) -> None:
    """Art. 44 / issue 7: the licence is generated as soon as an approval is committed, so that the
    issuing window finds it ready to check against the decision. It runs as the software itself
    (by=None) in its own transaction; a failure (no seal key yet, …) is only logged, because
    case_issue generates the licence — or says why it cannot — at the window."""
    if case.outcome != Outcome.APPROVE or not licence_due(case):
        return
    case_id = case.pk

    def generate() -> None:
        try:
            with transaction.atomic():
                fresh = Case.objects.select_related("item_version", "applicant").get(pk=case_id)
                licence_issue_for_case(case=fresh, by=None)
        except DomainError as exc:
            logger.warning("licence for case %s not generated at decision: %s", case_id, exc)

    transaction.on_commit(generate)


def case_licence(case: Case) -> Licence | None:
    """The licence the case issued, in its newest version issued for the case."""
    return Licence.objects.filter(case_id=case.pk).order_by("-version", "-id").first()


def case_pay(*, case: Case, by: Staff, method: str, reference: str = "") -> Case:
    """Take what fees_due shows. The fees app settles the payment in its own short transactions
    (the gateway is not called under our lock, and a declined charge stays recorded), so: check the
    move, pay, then record the event."""
    from onewindow.fees.services import payment_record

    method = clean_text(method, field="method", required=True, max_length=20)
    reference = clean_text(reference, field="reference", max_length=64)
    with transaction.atomic():
        move_begin(case=case, by=by, action="pay")
    payment = payment_record(case=case, method=method, by=by, reference=reference)
    with transaction.atomic():
        move = move_begin(case=case, by=by, action="pay")
        amount = getattr(payment, "amount", None)
        move_finish(move, payload={"method": method, "amount": str(amount) if amount is not None else None,
                                   "payment": getattr(payment, "pk", None)})
    return move.case


@transaction.atomic
def case_issue(*, case: Case, by: Staff) -> Case:
    """Issue the result (certificate/licence) at the unified window; refused while fees are due."""
    from onewindow.fees.selectors import fees_due

    move = move_begin(case=case, by=by, action="issue")
    c = move.case
    if c.outcome != Outcome.APPROVE:
        raise Conflict("nothing_to_issue", "不予许可的办件没有证照可出", "A denied case has nothing to issue",
                       detail={"outcome": c.outcome})
    due = fees_due(case=c)
    if due > 0:
        raise Conflict("fees_unpaid", "尚有费用未缴清", "Fees are still due",
                       detail={"fees_due": f"{due:.2f}"})
    payload: dict[str, Any] = {}
    if licence_due(c):
        # Same transaction and idempotent; no seal, key or USCC → the licence library's 409, and
        # nothing is handed over unsigned.
        licence = licence_issue_for_case(case=c, by=by)
        # 出件核对 (issue 7 §3): nothing leaves the window unless the licence matches the decision —
        # this case, this applicant, the item's licence type — and its signature verifies.
        check = check_against_decision(licence=licence, case=c)
        if not check.ok:
            raise Conflict("licence_check_failed", "证照与审批决定核对不符，不能出件",
                           "The licence does not match the decision", detail={"problems": check.problems})
        payload["licence"] = licence.identifier
    c.issued_at = now()
    on_time = c.issue_due_date is None or c.issued_at.date() <= c.issue_due_date
    move_finish(move, payload={"issue_due_date": c.issue_due_date.isoformat() if c.issue_due_date else None,
                               "on_time": on_time, **payload})
    return c


def _delivery_detail(method: str, detail: str | Mapping[str, Any] | None) -> dict[str, Any]:
    """The API's deliver detail as the licence library's per-method dict; keys of another method →
    422 invalid_delivery_detail (the licence library's code)."""
    keys = DELIVERY_DETAIL_KEYS[method]
    if detail is None or detail == "":
        return {}
    if isinstance(detail, str):
        return {keys[0]: detail}
    if not isinstance(detail, Mapping):
        raise Invalid("invalid_delivery_detail", "送达信息格式有误", "The delivery detail must be an object")
    unknown = sorted(str(k) for k in detail if k not in keys)
    if unknown:
        raise Invalid("invalid_delivery_detail", "送达信息包含该送达方式不适用的字段",
                      "The delivery detail has fields this method does not take",
                      detail={"method": method, "unknown": unknown, "allowed": list(keys)})
    return dict(detail)


def _delivery_summary(delivery: LicenceDelivery) -> str:
    """What the case keeps of the handover (the licence library keeps the rest)."""
    if delivery.method == DeliveryMethod.PICKUP:
        return f"{delivery.recipient_name} {delivery.checked_id_masked}".strip()
    if delivery.method == DeliveryMethod.MAIL:
        return f"{delivery.carrier} {delivery.tracking_number}".strip()
    return delivery.locker


@transaction.atomic
def case_deliver(*, case: Case, by: Staff, method: str, detail: str | Mapping[str, Any] = "") -> Case:
    """Hand over the result: pickup, express mail (tracking number) or 24-hour locker (cell)."""
    return case_deliver_result(case=case, by=by, method=method, detail=detail).case


@transaction.atomic
def case_deliver_result(*, case: Case, by: Staff, method: str,
                        detail: str | Mapping[str, Any] = "") -> DeliverResult:
    """case_deliver, also answering the licence delivery and a locker's one-time pickup code. A case
    with a licence records the handover in the licence library (pickup: the collector's identity is
    checked; mail: address, carrier, tracking number; locker: cell and code lifetime)."""
    if method not in DELIVERY_METHODS:
        raise Invalid("invalid_delivery_method", "送达方式无效", "Invalid delivery method",
                      detail={"method": method, "allowed": list(DELIVERY_METHODS)})
    d = _delivery_detail(method, detail)
    move = move_begin(case=case, by=by, action="deliver")
    c = move.case
    handover = move.from_state == State.ESCALATED
    source = c
    if handover:
        # Village proxy: the result is the higher case's; it must have been sent back here.
        source = _returned_result(c, method)
    elif method == "village" and c.parent_id is None:
        raise Invalid("not_forwarded", "该办件不是下级转报件，不能送回下级中心",
                      "Only a case forwarded or escalated from a lower centre goes back to it")
    licence = case_licence(source) if method != "village" else None
    delivered = None
    pickup_code = None
    payload: dict[str, Any] = {"method": method}
    if handover:
        payload["via"] = source.number
    if method == "village":
        parent = Case.objects.select_related("centre").get(pk=c.parent_id or 0)
        text = clean_text(str(d.get("note") or ""), field="detail", max_length=200) or parent.centre.name
        payload |= {"detail": text, "to_centre": parent.centre_id, "to_case": parent.number}
    elif licence is not None:
        # In the village the agent hands over a licence of the higher centre: the software records it.
        result = licence_deliver(licence=licence, method=method, detail=d, by=None if handover else by)
        delivered, pickup_code = result.delivery, result.pickup_code
        text = _delivery_summary(delivered)[:200]
        payload |= {"detail": text, "licence": licence.identifier, "delivery": delivered.pk}
    else:
        text = clean_text(str(d.get(DELIVERY_DETAIL_KEYS[method][0]) or ""), field="detail",
                          required=method != "pickup", max_length=200)
        payload["detail"] = text
    c.delivered_at = now()
    c.delivery_method = method
    c.delivery_detail = text
    move_finish(move, payload=payload)
    if c.item_version.conclude_on_delivery:
        _conclude_apply(c)
        event_write(case=c, action="conclude", from_state=State.DELIVERED, to_state=State.CONCLUDED, by=None,
                    role=SYSTEM, payload={"on": "delivery"})
        c.save()
        _conclude_parent(c)
    return DeliverResult(case=c, licence_delivery=delivered, pickup_code=pickup_code)


def _conclude_apply(case: Case) -> None:
    case.concluded_at = now()


def _returned_result(case: Case, method: str) -> Case:
    """The higher case whose result came back to this village case (deliver method "village")."""
    if method != "pickup":
        raise Invalid("invalid_delivery_method", "村级代办件须由申请人当面领取（核验身份）",
                      "A village proxy case is handed over in person (identity checked)",
                      detail={"method": method, "allowed": ["pickup"]})
    child = (Case.objects.filter(parent=case, delivery_method="village", delivered_at__isnull=False)
             .order_by("-pk").first())
    if child is None:
        raise Conflict("result_not_returned", "上级中心尚未将办理结果送回本村",
                       "The competent centre has not sent the result back yet")
    return child


def _conclude_parent(case: Case) -> None:
    """An escalated case concluded at the higher centre concludes the lower case it continues —
    except a result sent back to the village, which the agent hands over first."""
    if case.parent_id is None or case.delivery_method == "village":
        return
    parent = Case.objects.select_for_update().filter(pk=case.parent_id, state=State.ESCALATED).first()
    if parent is None:
        return
    parent.outcome = case.outcome
    parent.decided_at = case.decided_at
    parent.decided_on = case.decided_on
    _conclude_apply(parent)
    event_write(case=parent, action="conclude", from_state=State.ESCALATED, to_state=State.CONCLUDED, by=None,
                role=SYSTEM, payload={"via": case.number, "outcome": case.outcome})
    parent.save()


@transaction.atomic
def case_conclude(*, case: Case, by: Staff | None) -> Case:
    move = move_begin(case=case, by=by, action="conclude")
    c = move.case
    if move.from_state == State.DECIDED and c.outcome == Outcome.APPROVE and c.item_version.result_type:
        raise Conflict("issue_required", "准予许可的办件须先出件",
                       "An approved case is issued before it concludes",
                       detail={"result_type": c.item_version.result_type})
    _conclude_apply(c)
    move_finish(move)
    _conclude_parent(c)
    return c
