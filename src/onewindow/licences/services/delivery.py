"""送达: handing a licence over at the unified issuing window, by express mail, or through a 24-hour
self-service locker.

pickup  the staff member checks the collector's identity document: the type, the masked number and
        the staff member are recorded; someone other than the holder (and anyone for an
        organisation) collects only with a letter of authorisation. Delivered at once.
mail    address, carrier and tracking number; pending until the receipt is recorded.
locker  a 6-digit pickup code for the cell, valid LOCKER_CODE_HOURS; only its keyed hash is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction

from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.identifiers import mask_id, validate_resident_id
from onewindow.core.timeutil import now
from onewindow.licences.models import (
    DeliveryMethod,
    DeliveryStatus,
    Licence,
    LicenceDelivery,
    LicenceEventKind,
    LicenceStatus,
)
from onewindow.licences.services._common import ISSUING_ROLES, clean_text, event_write, staff_check
from onewindow.licences.services.lifecycle import licence_lock
from onewindow.licences.verification import effective_status
from onewindow.network.models import Staff

LOCKER_CODE_HOURS = 72
LOCKER_CODE_MAX_HOURS = 7 * 24
CHECKED_ID_TYPES = ("resident_id", "passport", "other")


@dataclass(frozen=True)
class DeliveryResult:
    delivery: LicenceDelivery
    # The locker pickup code, given to the holder once (SMS); it is not stored.
    pickup_code: str | None = None


def pickup_code_hash(*, delivery_licence_identifier: str, code: str) -> str:
    """Keyed so that the stored hash of a 6-digit code cannot be reversed by trying all codes."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"locker:{delivery_licence_identifier}:{code}".encode(), hashlib.sha256).hexdigest()


def _detail(detail: Any) -> Mapping[str, Any]:
    if detail is None:
        return {}
    if not isinstance(detail, Mapping):
        raise Invalid("invalid_delivery_detail", "送达信息格式有误", "The delivery detail must be an object")
    return detail


def _pickup(lic: Licence, d: Mapping[str, Any], delivery: LicenceDelivery) -> None:
    id_type = clean_text(d.get("id_type", "resident_id"), field="id_type", required=True, max_length=12)
    if id_type not in CHECKED_ID_TYPES:
        raise Invalid("invalid_id_type", "证件类型无效", "Unknown identity document type",
                      detail={"id_type": id_type, "allowed": list(CHECKED_ID_TYPES)})
    number = clean_text(d.get("id_number"), field="id_number", required=True, max_length=18).upper()
    if id_type == "resident_id":
        number = validate_resident_id(number).number
    by_agent = d.get("agent_letter") is True  # a letter seen by the staff member, not any truthy value
    is_holder = (id_type == lic.holder_id_type and number == lic.holder_id_number)
    if not is_holder and not by_agent:
        raise Invalid("pickup_identity_mismatch", "领取人不是持证人本人，且未提供授权委托书",
                      "The collector is not the holder and has no letter of authorisation",
                      detail={"checked": mask_id(number)})
    delivery.recipient_name = clean_text(d.get("recipient_name") or (lic.holder_name if is_holder else ""),
                                         field="recipient_name", required=True, max_length=200)
    delivery.checked_id_type = id_type
    delivery.checked_id_masked = mask_id(number)
    delivery.by_agent = not is_holder
    delivery.status = DeliveryStatus.DELIVERED
    delivery.delivered_at = delivery.created_at


def _mail(lic: Licence, d: Mapping[str, Any], delivery: LicenceDelivery) -> None:
    delivery.address = clean_text(d.get("address"), field="address", required=True, max_length=200)
    delivery.carrier = clean_text(d.get("carrier"), field="carrier", required=True, max_length=40)
    delivery.tracking_number = clean_text(d.get("tracking_number"), field="tracking_number", required=True,
                                          max_length=40)
    delivery.recipient_name = clean_text(d.get("recipient_name") or lic.holder_name, field="recipient_name",
                                         required=True, max_length=200)
    delivery.phone = clean_text(d.get("phone"), field="phone", max_length=30)


def _locker(lic: Licence, d: Mapping[str, Any], delivery: LicenceDelivery) -> str:
    delivery.locker = clean_text(d.get("locker"), field="locker", required=True, max_length=40)
    hours = d.get("hours", LOCKER_CODE_HOURS)
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= LOCKER_CODE_MAX_HOURS:
        raise Invalid("invalid_locker_hours", "取件码有效时长无效", "Invalid pickup code lifetime",
                      detail={"min": 1, "max": LOCKER_CODE_MAX_HOURS})
    code = f"{secrets.randbelow(10**6):06d}"
    delivery.pickup_code_hash = pickup_code_hash(delivery_licence_identifier=lic.identifier, code=code)
    delivery.code_expires_at = delivery.created_at + dt.timedelta(hours=hours)
    delivery.recipient_name = lic.holder_name
    return code


@transaction.atomic
def licence_deliver(*, licence: Licence, method: str, detail: Mapping[str, Any] | None, by: Staff | None
                    ) -> DeliveryResult:
    """Record the handover of a licence in force. One handover at a time: another is refused while one
    is pending or done (a lapsed locker code may be followed by a new delivery)."""
    if method not in DeliveryMethod.values:
        raise Invalid("invalid_delivery_method", "送达方式无效", "Invalid delivery method",
                      detail={"method": method, "allowed": list(DeliveryMethod.values)})
    d = _detail(detail)
    lic = licence_lock(licence)
    staff_check(by=by, centre_id=lic.centre_id, roles=ISSUING_ROLES)
    if effective_status(lic) != LicenceStatus.VALID:
        raise Conflict("licence_not_valid", "该证照当前不是有效状态", "The licence is not in force",
                       detail={"status": effective_status(lic)})
    if lic.deliveries.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.DELIVERED]).exists():
        raise Conflict("licence_already_delivered", "该证照已送达或正在送达",
                       "The licence is delivered or on its way")
    delivery = LicenceDelivery(licence=lic, method=method, created_at=now(), created_by=by)
    code = None
    if method == DeliveryMethod.PICKUP:
        _pickup(lic, d, delivery)
    elif method == DeliveryMethod.MAIL:
        _mail(lic, d, delivery)
    else:
        code = _locker(lic, d, delivery)
    delivery.save()
    done = delivery.status == DeliveryStatus.DELIVERED
    kind = LicenceEventKind.DELIVERED if done else LicenceEventKind.DELIVERY
    event_write(licence=lic, kind=kind, by=by, payload=_event_payload(delivery))
    return DeliveryResult(delivery=delivery, pickup_code=code)


def _event_payload(delivery: LicenceDelivery) -> dict[str, Any]:
    payload: dict[str, Any] = {"delivery": delivery.pk, "method": delivery.method}
    if delivery.method == DeliveryMethod.PICKUP:
        payload |= {"id_type": delivery.checked_id_type, "id": delivery.checked_id_masked,
                    "by_agent": delivery.by_agent}
    elif delivery.method == DeliveryMethod.MAIL:
        payload |= {"carrier": delivery.carrier, "tracking_number": delivery.tracking_number}
    else:
        payload |= {"locker": delivery.locker,
                    "expires_at": delivery.code_expires_at.isoformat() if delivery.code_expires_at else None}
    return payload


def _delivery_lock(delivery: LicenceDelivery | int, method: str) -> LicenceDelivery:
    pk = delivery.pk if isinstance(delivery, LicenceDelivery) else delivery
    locked = (LicenceDelivery.objects.select_for_update(of=("self",)).select_related("licence")
              .filter(pk=pk, method=method).first())
    if locked is None:
        raise NotFound("delivery_not_found", "送达记录不存在", "No such delivery")
    if locked.status != DeliveryStatus.PENDING:
        raise Conflict("delivery_not_pending", "该送达已完成或已失效", "The delivery is not pending",
                       detail={"status": locked.status})
    return locked


@transaction.atomic
def licence_delivery_confirm(*, delivery: LicenceDelivery, by: Staff | None, receipt: str) -> LicenceDelivery:
    """Mail: the receipt on delivery (签收: who signed, or the carrier's proof number)."""
    receipt = clean_text(receipt, field="receipt", required=True, max_length=200)
    d = _delivery_lock(delivery, DeliveryMethod.MAIL)
    staff_check(by=by, centre_id=d.licence.centre_id, roles=ISSUING_ROLES)
    d.status, d.delivered_at, d.receipt = DeliveryStatus.DELIVERED, now(), receipt
    d.save(update_fields=["status", "delivered_at", "receipt"])
    event_write(licence=d.licence, kind=LicenceEventKind.DELIVERED, by=by,
                payload={"delivery": d.pk, "method": d.method, "tracking_number": d.tracking_number})
    return d


@transaction.atomic
def licence_locker_collect(*, delivery: LicenceDelivery, code: str) -> LicenceDelivery:
    """The holder opens the locker cell with the pickup code (called by the locker's integration)."""
    d = _delivery_lock(delivery, DeliveryMethod.LOCKER)
    if d.code_expires_at is None or now() >= d.code_expires_at:
        raise Conflict("pickup_code_expired", "取件码已过期", "The pickup code has expired")
    given = pickup_code_hash(delivery_licence_identifier=d.licence.identifier, code=str(code or "").strip())
    if not hmac.compare_digest(given, d.pickup_code_hash):
        raise Invalid("pickup_code_wrong", "取件码错误", "Wrong pickup code")
    d.status, d.delivered_at = DeliveryStatus.DELIVERED, now()
    d.save(update_fields=["status", "delivered_at"])
    event_write(licence=d.licence, kind=LicenceEventKind.DELIVERED, by=None,
                payload={"delivery": d.pk, "method": d.method, "locker": d.locker})
    return d
