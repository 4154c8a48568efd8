"""API shapes of the licence library."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from onewindow.licences.record import mask_holder
from onewindow.licences.verification import Verification


class VerificationOut(Schema):
    """What anyone holding the QR code may learn. The holder is masked; the licence's fields are not
    shown. When the signature does not hold, nothing from the record is repeated."""

    identifier: str
    valid: bool
    status: str
    reason: str | None
    message: str
    message_en: str
    title: str
    licence_type: str
    version: int
    holder_name: str | None
    holder_id_type: str | None
    holder_id_number: str | None
    issuer: str
    issuer_uscc: str
    issued_on: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    seal: str
    seal_revoked_on: dt.date | None
    key_id: str
    signed_at: dt.datetime | None
    replaced_by: str | None
    checked_at: dt.datetime


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def verification_out(v: Verification) -> dict:
    lic = v.licence
    message, message_en = v.message
    out = {
        "identifier": lic.identifier, "valid": v.valid, "status": v.status, "reason": v.reason,
        "message": message, "message_en": message_en, "title": lic.title,
        "licence_type": lic.licence_type.code, "version": lic.version, "issuer": lic.issuer_name,
        "issuer_uscc": lic.issuer_uscc, "seal": lic.seal.name,
        "seal_revoked_on": v.seal_revoked_on, "key_id": lic.key_id, "replaced_by": v.replaced_by,
        "checked_at": v.checked_at, "holder_name": None, "holder_id_type": None, "holder_id_number": None,
        "issued_on": None, "valid_from": None, "valid_to": None, "signed_at": None,
    }
    record = v.record
    if record is not None:
        holder = record["holder"]
        name, number = mask_holder(name=holder["name"], id_type=holder["id_type"],
                                   id_number=holder["id_number"])
        out |= {"holder_name": name, "holder_id_type": holder["id_type"], "holder_id_number": number,
                "title": record["title"], "issuer": record["issuer"]["name"],
                "issuer_uscc": record["issuer"]["uscc"], "issued_on": _day(record["issued_on"]),
                "valid_from": _day(record["valid_from"]), "valid_to": _day(record["valid_to"]),
                "signed_at": dt.datetime.fromisoformat(record["signed_at"])}
    return out
