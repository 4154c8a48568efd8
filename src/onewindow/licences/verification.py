"""Verification of a licence (核验): the signature is checked on every call, from the stored canonical
record and the stored PDF bytes, with the public key the licence was signed with.

Outcome, in this order of precedence:
    invalid   pdf_missing | signature_mismatch | record_mismatch | key_mismatch | key_retired | seal_revoked
    revoked | replaced | expired   (the signature is good, the licence is no longer in force)
    valid
A seal revoked after the licence was signed does not invalidate it; the page says so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from onewindow.core.errors import NotFound
from onewindow.core.timeutil import now, today
from onewindow.licences.crypto import signed_message, verify
from onewindow.licences.identifiers import identifier_parse
from onewindow.licences.models import Licence, LicenceStatus
from onewindow.licences.record import record_of
from onewindow.network.models import SealStatus

INVALID = "invalid"

REASON_TEXT = {
    "pdf_missing": ("证照文件缺失", "The licence file is missing"),
    "signature_mismatch": ("签名验证失败：证照数据或文件已被篡改",
                           "Signature check failed: the record or file was altered"),
    "record_mismatch": ("证照库记录与签名数据不一致", "The library record differs from the signed record"),
    "key_mismatch": ("签名密钥与印章不符", "The signing key does not belong to the seal"),
    "key_retired": ("签名时该密钥已停用", "The key was retired before the licence was signed"),
    "seal_revoked": ("签章时该印章已撤销", "The seal was revoked before the licence was signed"),
}
STATUS_TEXT = {
    LicenceStatus.VALID: ("有效", "Valid"),
    LicenceStatus.REVOKED: ("已撤销", "Revoked"),
    LicenceStatus.EXPIRED: ("已过期", "Expired"),
    LicenceStatus.REPLACED: ("已被新版本替代", "Replaced by a newer version"),
    INVALID: ("无效", "Invalid"),
}


@dataclass(frozen=True)
class Verification:
    licence: Licence
    valid: bool
    status: str
    reason: str | None
    # The signed record (parsed) when the signature holds; None when it cannot be trusted.
    record: dict[str, Any] | None
    seal_revoked_on: dt.date | None
    replaced_by: str | None
    checked_at: dt.datetime

    @property
    def message(self) -> tuple[str, str]:
        if self.reason:
            return REASON_TEXT[self.reason]
        return STATUS_TEXT[self.status]


def effective_status(licence: Licence, *, on: dt.date | None = None) -> str:
    """The status as of `on`: a valid licence past its valid_to is expired even before the sweep."""
    on = on or today()
    if licence.status == LicenceStatus.VALID and licence.valid_to is not None and licence.valid_to < on:
        return LicenceStatus.EXPIRED
    return licence.status


def licences_with_relations() -> QuerySet[Licence]:
    """What verification reads, in one query."""
    return Licence.objects.select_related("licence_type", "seal", "seal_key", "case", "replaces",
                                          "replaced_by")


def licence_lookup(*, identifier: str) -> Licence:
    """The licence of a public identifier: 422 invalid_identifier for a malformed one (bad check
    character...), 404 licence_not_found for a well-formed one the library does not hold."""
    parsed = identifier_parse(identifier)
    licence = licences_with_relations().filter(identifier=str(parsed)).first()
    if licence is None:
        raise NotFound("licence_not_found", "电子证照不存在", "No such licence",
                       detail={"identifier": str(parsed)})
    return licence


def _pdf_bytes(licence: Licence) -> bytes | None:
    if not licence.pdf:
        return None
    try:
        with licence.pdf.open("rb") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None


def _integrity_problem(licence: Licence) -> str | None:
    pdf = _pdf_bytes(licence)
    if pdf is None:
        return "pdf_missing"
    if not verify(public_key=licence.seal_key.public_key, signature=licence.signature,
                  message=signed_message(record=licence.record, pdf=pdf)):
        return "signature_mismatch"
    if record_of(licence) != licence.record:
        return "record_mismatch"
    if licence.seal_key.seal_id != licence.seal_id or licence.seal_key.key_id != licence.key_id:
        return "key_mismatch"
    if licence.seal_key.retired_at is not None and licence.seal_key.retired_at < licence.signed_at:
        return "key_retired"
    seal = licence.seal
    signed_on = timezone.localtime(licence.signed_at).date()
    if seal.status == SealStatus.REVOKED and seal.revoked_on is not None and seal.revoked_on <= signed_on:
        return "seal_revoked"
    return None


def licence_verify(*, licence: Licence, on: dt.date | None = None) -> Verification:
    """Verify `licence` (loaded with licences_with_relations) now."""
    reason = _integrity_problem(licence)
    record = None
    if reason is None:
        record = json.loads(licence.record)
        status = effective_status(licence, on=on)
    else:
        status = INVALID
    seal = licence.seal
    replaced_by = getattr(licence, "replaced_by", None)
    return Verification(
        licence=licence, valid=status == LicenceStatus.VALID, status=status, reason=reason, record=record,
        seal_revoked_on=seal.revoked_on if seal.status == SealStatus.REVOKED else None,
        replaced_by=replaced_by.identifier if replaced_by is not None else None, checked_at=now())
