"""The unified issuing window (统一窗口出件): payment, issue (art. 44), delivery, conclusion."""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.models import Case, Outcome
from onewindow.cases.services._base import clean_text, event_write, move_begin, move_finish
from onewindow.cases.states import SYSTEM, State
from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now
from onewindow.network.models import Staff

DELIVERY_METHODS = ("pickup", "mail", "locker")


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
    c.issued_at = now()
    on_time = c.issue_due_date is None or c.issued_at.date() <= c.issue_due_date
    move_finish(move, payload={"issue_due_date": c.issue_due_date.isoformat() if c.issue_due_date else None,
                               "on_time": on_time})
    return c


@transaction.atomic
def case_deliver(*, case: Case, by: Staff, method: str, detail: str = "") -> Case:
    """Hand over the result: pickup, express mail (tracking number) or 24-hour locker (cell)."""
    if method not in DELIVERY_METHODS:
        raise Invalid("invalid_delivery_method", "送达方式无效", "Invalid delivery method",
                      detail={"method": method, "allowed": list(DELIVERY_METHODS)})
    detail = clean_text(detail, field="detail", required=method != "pickup", max_length=200)
    move = move_begin(case=case, by=by, action="deliver")
    c = move.case
    c.delivered_at = now()
    c.delivery_method = method
    c.delivery_detail = detail
    move_finish(move, payload={"method": method, "detail": detail})
    if c.item_version.conclude_on_delivery:
        _conclude_apply(c)
        event_write(case=c, action="conclude", from_state=State.DELIVERED, to_state=State.CONCLUDED, by=None,
                    role=SYSTEM, payload={"on": "delivery"})
        c.save()
        _conclude_parent(c)
    return c


def _conclude_apply(case: Case) -> None:
    case.concluded_at = now()


def _conclude_parent(case: Case) -> None:
    """An escalated case concluded at the higher centre concludes the lower case it continues."""
    if case.parent_id is None:
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
