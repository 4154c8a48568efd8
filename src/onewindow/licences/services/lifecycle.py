"""After issue: revocation, replacement by a new version, the expiry sweep, verification counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.db.models import F

from onewindow.cases.models import Case
from onewindow.core.errors import Conflict, Forbidden, Invalid, NotFound
from onewindow.core.timeutil import now, today
from onewindow.licences.models import (
    DeliveryMethod,
    DeliveryStatus,
    Licence,
    LicenceDelivery,
    LicenceEventKind,
    LicenceStatus,
)
from onewindow.licences.services._common import (
    ISSUING_ROLES,
    REVOKING_ROLES,
    clean_text,
    event_write,
    staff_check,
)
from onewindow.licences.services.issue import fields_clean, licence_sign_and_store
from onewindow.licences.verification import effective_status
from onewindow.network.models import Role, Staff

_UNSET = object()


def licence_lock(licence: Licence | int) -> Licence:
    pk = licence.pk if isinstance(licence, Licence) else licence
    locked = Licence.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise NotFound("licence_not_found", "电子证照不存在", "No such licence")
    return locked


def _not_in_force(licence: Licence) -> Conflict:
    return Conflict("licence_not_valid", "该证照当前不是有效状态", "The licence is not in force",
                    detail={"status": effective_status(licence)})


@transaction.atomic
def licence_revoke(*, licence: Licence, reason: str, by: Staff | None) -> Licence:
    """Revoke (撤销/注销) a licence: a chief representative of the issuing department or the centre
    manager, with the written reason. Verification shows it revoked from then on."""
    reason = clean_text(reason, field="reason", required=True, max_length=500)
    lic = licence_lock(licence)
    staff_check(by=by, centre_id=lic.centre_id, roles=REVOKING_ROLES)
    if (by is not None and not by.has_role(Role.CENTRE_MANAGER)
            and (lic.department_id is None or by.department_id != lic.department_id)):
        raise Forbidden("out_of_scope", "只能撤销本部门签发的证照",
                        "Only the issuing department may revoke it")
    if lic.status == LicenceStatus.REVOKED:
        raise Conflict("licence_already_revoked", "该证照已撤销", "The licence is already revoked")
    if lic.status == LicenceStatus.REPLACED:
        raise Conflict("licence_replaced", "该证照已被新版本替代，请撤销新版本",
                       "The licence was replaced; revoke the current version")
    lic.status = LicenceStatus.REVOKED
    lic.revoked_at = now()
    lic.revoked_reason = reason
    lic.save(update_fields=["status", "revoked_at", "revoked_reason"])
    event_write(licence=lic, kind=LicenceEventKind.REVOKED, by=by, reason=reason)
    return lic


@transaction.atomic
def licence_replace(*, licence: Licence, by: Staff | None, reason: str,
                    fields: Mapping[str, str] | None = None, holder_name: str | None = None, valid_to=_UNSET,
                    case: Case | None = None) -> Licence:
    """A new version of a licence (变更/换发): same type, issuer and serial, version + 1, a new check
    character, newly rendered and signed; the old one becomes `replaced`. Changed `fields` are merged
    into the old ones; `valid_to` (a date or None) changes the validity, else it is kept; `case` is the
    case that caused the change, if any."""
    reason = clean_text(reason, field="reason", required=True, max_length=500)
    old = licence_lock(licence)
    staff_check(by=by, centre_id=old.centre_id, roles=ISSUING_ROLES)
    if effective_status(old) != LicenceStatus.VALID:
        raise _not_in_force(old)
    if case is not None and case.centre_id != old.centre_id:
        raise Invalid("case_not_of_centre", "办件不属于发证中心", "The case is not of the issuing centre")
    old = Licence.objects.select_related("licence_type", "centre", "department").get(pk=old.pk)
    schema = list(dict.fromkeys([*old.licence_type.fields_schema, *old.fields]))
    merged = fields_clean(schema=schema, given={**old.fields, **dict(fields or {})}, defaults={})
    name = old.holder_name if holder_name is None else clean_text(holder_name, field="holder_name",
                                                                   required=True, max_length=200)
    new_valid_to = old.valid_to if valid_to is _UNSET else valid_to
    valid_from = today()
    if new_valid_to is not None and (not isinstance(new_valid_to, dt.date) or new_valid_to < valid_from):
        raise Invalid("invalid_valid_to", "有效期截止日期无效", "The end of validity is invalid")
    new = licence_sign_and_store(
        licence_type=old.licence_type, title=old.title, centre=old.centre, department=old.department,
        holder=(name, old.holder_id_type, old.holder_id_number), fields=merged, valid_from=valid_from,
        valid_to=new_valid_to, case=case, replaces=old)
    old.status = LicenceStatus.REPLACED
    old.save(update_fields=["status"])
    event_write(licence=old, kind=LicenceEventKind.REPLACED, by=by, reason=reason,
                payload={"replaced_by": new.identifier})
    event_write(licence=new, kind=LicenceEventKind.ISSUED, by=by, reason=reason,
                payload={"replaces": old.identifier, "case": case.number if case else None})
    return new


@transaction.atomic
def licences_sweep(*, on: dt.date | None = None) -> dict[str, int]:
    """Record what time has done: valid licences past valid_to become expired, locker pickup codes
    past their expiry lapse. Verification does not wait for this (it derives expiry itself)."""
    on = on or today()
    expired = list(Licence.objects.select_for_update().filter(status=LicenceStatus.VALID, valid_to__lt=on))
    for lic in expired:
        lic.status = LicenceStatus.EXPIRED
        event_write(licence=lic, kind=LicenceEventKind.EXPIRED, by=None,
                    payload={"valid_to": lic.valid_to.isoformat() if lic.valid_to else None})
    Licence.objects.bulk_update(expired, ["status"])
    lapsed = list(LicenceDelivery.objects.select_for_update(of=("self",)).select_related("licence").filter(
        method=DeliveryMethod.LOCKER, status=DeliveryStatus.PENDING, code_expires_at__lt=now()))
    for delivery in lapsed:
        delivery.status = DeliveryStatus.EXPIRED
        event_write(licence=delivery.licence, kind=LicenceEventKind.LOCKER_EXPIRED, by=None,
                    payload={"delivery": delivery.pk, "locker": delivery.locker})
    LicenceDelivery.objects.bulk_update(lapsed, ["status"])
    return {"licences_expired": len(expired), "locker_codes_expired": len(lapsed)}


@transaction.atomic
def licence_verification_count(*, licence: Licence) -> None:
    """Count a public verification (one UPDATE; no row per look-up)."""
    Licence.objects.filter(pk=licence.pk).update(verification_count=F("verification_count") + 1,
                                                 last_verified_at=now())
