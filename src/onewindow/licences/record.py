"""The canonical record of a licence (what is signed) and the masking shown to the public."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from onewindow.core.identifiers import mask_id
from onewindow.licences.crypto import canonical_json

RECORD_SCHEMA = "onewindow.licence/1"


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def signed_at_text(value: dt.datetime) -> str:
    """Local time, whole seconds: the same text before and after a database round trip (PostgreSQL and
    SQLite both hand datetimes back in UTC)."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def record_dict(licence, *, case_number: str | None, replaces_identifier: str | None,
                seal_code: str) -> dict[str, Any]:
    """Everything that makes the licence what it is. The status is not in it: it changes after signing
    (revoked, expired, replaced) and is read from the library when verifying."""
    return {
        "schema": RECORD_SCHEMA,
        "identifier": licence.identifier,
        "type": licence.licence_type.code,
        "title": licence.title,
        "serial": licence.serial,
        "version": licence.version,
        "issuer": {"name": licence.issuer_name, "uscc": licence.issuer_uscc},
        "holder": {"name": licence.holder_name, "id_type": licence.holder_id_type,
                   "id_number": licence.holder_id_number},
        "fields": licence.fields,
        "issued_on": _day(licence.issued_on),
        "valid_from": _day(licence.valid_from),
        "valid_to": _day(licence.valid_to),
        "case": case_number,
        "replaces": replaces_identifier,
        "seal": seal_code,
        "key_id": licence.key_id,
        "signed_at": signed_at_text(licence.signed_at),
    }


def record_of(licence) -> str:
    """The canonical JSON of a saved licence, rebuilt from its columns (relations must be loaded:
    case, replaces, seal, licence_type)."""
    return canonical_json(record_dict(
        licence, case_number=licence.case.number if licence.case_id else None,
        replaces_identifier=licence.replaces.identifier if licence.replaces_id else None,
        seal_code=licence.seal.code))


def mask_name(name: str) -> str:
    """张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: first and last character of a person's name."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_holder(*, name: str, id_type: str, id_number: str) -> tuple[str, str]:
    """What the public verification page shows of the holder. A person's name is masked; an
    organisation's registered name is public information and shown in full. Numbers are masked."""
    shown = mask_name(name) if id_type == "resident_id" else name
    return shown, mask_id(id_number)
