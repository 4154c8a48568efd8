"""Writes of fees and payments. Signatures are the contract the cases app calls.

`by` is the acting staff member (a network.Staff, or a User with a staff profile); None means the
system (e.g. the acceptance of an online application).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from onewindow.catalogue.models import Fee
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.permissions import staff_of
from onewindow.core.timeutil import now, today
from onewindow.fees.gateways import ChargeResult, gateway_for
from onewindow.fees.models import (
    FeeAssessment,
    Payment,
    PaymentMethod,
    PaymentStatus,
    Receipt,
    ReceiptSequence,
)
from onewindow.fees.selectors import CENT, fees_assessed, fees_due
from onewindow.network.models import Role, Staff
from onewindow.network.selectors import chief_has_power

logger = logging.getLogger(__name__)

DEFAULT_RECEIPT_NUMBER_FORMAT = "{region}-{year}-{seq:06d}"
# Who may take money at the counter: the unified counter (一口式收费, seed 003) is staffed by the
# centre's clerks and issuers; a chief representative collects under power (5) of the authorisation.
COLLECTOR_ROLES = (Role.CLERK, Role.ISSUER, Role.CENTRE_MANAGER)


# --- helpers ---------------------------------------------------------------------------------------

def _as_staff(by) -> Staff | None:
    if by is None or isinstance(by, Staff):
        return by
    return staff_of(by)


def _lock_case(case):
    Case = apps.get_model("cases", "Case")
    return (Case.objects.select_for_update(of=("self",)).select_related("centre", "item", "applicant")
            .get(pk=case.pk))


def _fee_power(staff: Staff | None, case) -> bool:
    """The chief representative's power (5), 收费事项的执行权 (seed 002 §一(二)3), for this case's
    department, in force today."""
    if staff is None:
        return False
    department_id = case.department_id or case.item.department_id
    return chief_has_power(staff=staff, department=department_id, power="fee_collection")


def _check_collector(staff: Staff | None, case) -> None:
    if staff is None:
        return
    if staff.centre_id != case.centre_id:
        raise Forbidden("not_case_centre", "只能为本中心的办件收费",
                        "You can only take fees for your centre's cases")
    if not (staff.has_role(*COLLECTOR_ROLES) or _fee_power(staff, case)):
        raise Forbidden("fee_collection_not_allowed", "无收费权限", "You may not take fees",
                        detail={"required_any_of": [*COLLECTOR_ROLES, "chief_representative"]})


def _fail(code: str, zh: str, en: str, **detail) -> Invalid:
    return Invalid(code, zh, en, detail=detail or None)


# --- assessment ------------------------------------------------------------------------------------

def _clean_waivers(waive: Mapping, fees: dict[int, Fee]) -> dict[int, str]:
    cleaned: dict[int, str] = {}
    for raw_id, raw_reason in waive.items():
        try:
            fee_id = int(raw_id)
        except (TypeError, ValueError):
            raise _fail("unknown_fee", "收费项目不存在", "Unknown fee", fee_id=str(raw_id)) from None
        fee = fees.get(fee_id)
        if fee is None:
            raise _fail("unknown_fee", "收费项目不属于该事项版本",
                        "The fee is not one of the item version's fees", fee_id=fee_id)
        if not fee.waivers.strip():
            raise _fail("fee_not_waivable", "该收费项目没有减免政策", "This fee has no waiver policy",
                        fee_id=fee_id)
        reason = (raw_reason or "").strip()
        if not reason:
            raise _fail("waiver_reason_required", "减免须注明理由", "A waiver needs a reason", fee_id=fee_id)
        cleaned[fee_id] = reason[:300]
    return cleaned


@transaction.atomic
def fees_assess(*, case, by=None, waive: Mapping[int, str] | None = None) -> Decimal:
    """Work out the case's fees from its pinned item version (waivers applied); idempotent.
    Called inside the acceptance transaction. Returns the total assessed.

    Re-assessing replaces the assessments (one row per fee, never duplicated) as long as nothing has
    been paid; once a payment succeeded or is under way the assessment is settled and re-assessing
    returns the same total without change (a new waiver then is a conflict: refund first).
    `waive` maps fee id → reason; only fees whose published `waivers` text is non-empty can be
    waived, and only by a chief representative holding the fee power for the case's department.
    """
    case = _lock_case(case)
    staff = _as_staff(by)
    fees = {f.pk: f for f in Fee.objects.filter(version_id=case.item_version_id).order_by("id")}
    waivers = _clean_waivers(waive or {}, fees)
    if waivers and not _fee_power(staff, case):
        raise Forbidden("waiver_not_authorised", "仅有收费执行权的首席代表可以减免费用",
                        "Only a chief representative with the fee power may waive fees")

    settled = [PaymentStatus.SUCCEEDED, PaymentStatus.PENDING]
    if Payment.objects.filter(case=case, status__in=settled).exists():
        current = {a.fee_id: a.waiver_reason for a in FeeAssessment.objects.filter(case=case, waived=True)}
        if waivers and waivers != current:
            raise Conflict("fees_already_paid", "已缴费，不能再调整收费",
                           "Fees have been paid; refund before reassessing")
        return fees_assessed(case=case)

    moment = now()
    existing = {a.fee_id: a for a in FeeAssessment.objects.filter(case=case)}
    FeeAssessment.objects.filter(case=case).exclude(fee_id__in=list(fees)).delete()
    for fee_id, fee in fees.items():
        row = existing.get(fee_id) or FeeAssessment(case=case, fee=fee)
        row.name, row.amount = fee.name, fee.amount
        row.waived = fee_id in waivers
        row.waiver_reason = waivers.get(fee_id, "")
        row.assessed_at, row.assessed_by = moment, staff
        row.save()
    return fees_assessed(case=case)


# --- payment ---------------------------------------------------------------------------------------

def _clean_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise _fail("invalid_amount", "金额无效", "Invalid amount", amount=str(amount)) from None
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        raise _fail("invalid_amount", "金额须为正数且最多两位小数",
                    "The amount must be positive with at most 2 decimals", amount=str(amount))
    return value.quantize(CENT)


def _failed_error(payment: Payment) -> Conflict:
    return Conflict("payment_failed", "缴费未成功", "The payment failed",
                    detail={"payment_id": payment.pk, "error": payment.error})


@transaction.atomic
def _payment_open(*, case, method: str, gateway: str, staff: Staff | None, amount, reference: str
                  ) -> tuple[Payment, bool]:
    """Validate and write a pending Payment; or return the earlier payment with this reference
    (second item True) so that a retried request never charges twice."""
    case = _lock_case(case)
    _check_collector(staff, case)
    if reference:
        earlier = Payment.objects.filter(case=case, reference=reference).first()
        if earlier is not None:
            if earlier.method != method or (amount is not None and _clean_amount(amount) != earlier.amount):
                raise Conflict("payment_reference_reused", "该缴费流水号已用于另一笔缴费",
                               "This reference belongs to a different payment",
                               detail={"payment_id": earlier.pk, "reference": reference})
            if earlier.status == PaymentStatus.PENDING:
                raise Conflict("payment_in_progress", "该办件有一笔缴费正在处理", "A payment is in progress",
                               detail={"payment_id": earlier.pk})
            return earlier, True
    pending = Payment.objects.filter(case=case, status=PaymentStatus.PENDING).first()
    if pending is not None:
        raise Conflict("payment_in_progress", "该办件有一笔缴费正在处理", "A payment is in progress",
                       detail={"payment_id": pending.pk})
    due = fees_due(case=case)
    if due <= 0:
        raise Conflict("nothing_to_pay", "该办件无应缴费用", "Nothing is due on this case")
    value = due if amount is None else _clean_amount(amount)
    if value > due:
        raise _fail("overpayment", "缴费金额超过应缴金额", "The amount exceeds what is due",
                    amount=str(value), due=str(due))
    payment = Payment.objects.create(case=case, amount=value, method=method, gateway=gateway,
                                     reference=reference, recorded_by=staff, created_at=now())
    return payment, False


def _receipt_next_seq(*, centre_id: int, year: int) -> int:
    ReceiptSequence.objects.get_or_create(centre_id=centre_id, year=year)
    sequence = ReceiptSequence.objects.select_for_update().get(centre_id=centre_id, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _receipt_issue(*, payment: Payment, case) -> Receipt:
    moment = now()
    year = today().year
    seq = _receipt_next_seq(centre_id=case.centre_id, year=year)
    pattern = getattr(settings, "ONEWINDOW_RECEIPT_NUMBER_FORMAT", DEFAULT_RECEIPT_NUMBER_FORMAT)
    items = [{"fee_id": a.fee_id, "name": a.name, "amount": str(a.amount), "waived": a.waived,
              "waiver_reason": a.waiver_reason}
             for a in FeeAssessment.objects.filter(case=case).order_by("id")]
    return Receipt.objects.create(
        payment=payment, centre_id=case.centre_id, year=year, seq=seq,
        number=pattern.format(region=case.centre.region_id, year=year, seq=seq), issued_at=moment,
        payer_name=case.applicant.name, amount=payment.amount, items=items)


@transaction.atomic
def _payment_settle(*, payment_id: int, result: ChargeResult) -> Payment:
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    case = _lock_case(payment.case)
    if result.ok:
        payment.status = PaymentStatus.SUCCEEDED
        payment.gateway_reference = result.gateway_reference[:128]
        payment.settled_at = now()
        payment.save(update_fields=["status", "gateway_reference", "settled_at"])
        _receipt_issue(payment=payment, case=case)
    else:
        payment.status = PaymentStatus.FAILED
        payment.error = (result.error or "declined")[:300]
        payment.save(update_fields=["status", "error"])
    return payment


def payment_record(*, case, method: str, by=None, amount: Decimal | None = None, reference: str = ""):
    """Settle what fees_due shows through the gateway for `method`; returns the Payment.

    amount defaults to all that is due; a smaller amount is a part payment; more is `overpayment`
    (422); nothing due is `nothing_to_pay` (409). A declined charge leaves one failed Payment row and
    raises `payment_failed` (409). A repeated `reference` returns the first outcome without charging
    again.

    Deliberately three short transactions instead of one: the pending row is committed before the
    gateway is called (no lock is held during the call, and a concurrent request sees it and gets
    `payment_in_progress`), and a failure is recorded, not rolled back, for the audit trail. Call it
    outside the caller's own transaction when the gateway talks to the outside world.
    """
    if method not in PaymentMethod.values:
        raise _fail("invalid_payment_method", "缴费方式无效", "Unknown payment method", method=method,
                    allowed=list(PaymentMethod.values))
    reference = (reference or "").strip()[:64]
    path, backend = gateway_for(method)
    payment, replay = _payment_open(case=case, method=method, gateway=path, staff=_as_staff(by),
                                    amount=amount, reference=reference)
    if not replay:
        try:
            result = backend.charge(case, payment.amount, reference)
        except Exception as exc:  # a broken backend must not leave the payment pending forever
            logger.exception("payment gateway %s raised", path)
            result = ChargeResult(ok=False, error=f"{type(exc).__name__}: {exc}")
        payment = _payment_settle(payment_id=payment.pk, result=result)
    if payment.status == PaymentStatus.FAILED:
        raise _failed_error(payment)
    return payment


@transaction.atomic
def payment_refund(*, payment: Payment, reason: str, by=None) -> Payment:
    """Give back a succeeded payment through its own gateway; the fees are due again. The receipt
    stays (it records what was taken); the payment shows refunded."""
    reason = (reason or "").strip()
    if not reason:
        raise _fail("refund_reason_required", "退费须注明理由", "A refund needs a reason")
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    case = _lock_case(payment.case)
    _check_collector(_as_staff(by), case)
    if payment.status != PaymentStatus.SUCCEEDED:
        raise Conflict("payment_not_refundable", "只有成功的缴费可以退费",
                       "Only a succeeded payment can be refunded", detail={"status": payment.status})
    result = import_string(payment.gateway)().refund(payment)
    if not result.ok:
        raise Conflict("refund_failed", "退费未成功", "The refund failed", detail={"error": result.error})
    payment.status = PaymentStatus.REFUNDED
    payment.refunded_at = now()
    payment.refund_reason = reason[:300]
    payment.save(update_fields=["status", "refunded_at", "refund_reason"])
    return payment
