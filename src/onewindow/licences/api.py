"""Licences API: the public verification reached from a licence's QR code. Thin: validate → read →
count → serialise."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from onewindow.core.schemas import ErrorOut
from onewindow.licences.schemas import VerificationOut, verification_out
from onewindow.licences.selectors import licence_lookup, licence_verify
from onewindow.licences.services import licence_verification_count

router = Router(tags=["licences"])


@router.get("/verify/{identifier}", auth=None, response={200: VerificationOut, 404: ErrorOut, 422: ErrorOut},
            url_name="licence_verify")
def verify(request: HttpRequest, identifier: str):
    """No login. Checks the licence's SM2 signature now (over the stored record and PDF) and answers
    whether it is valid, with the status (valid, revoked, expired, replaced, invalid), the reason when
    invalid, and the holder masked. 422 `invalid_identifier` for a malformed identifier (wrong check
    character...), 404 `licence_not_found` for an unknown one."""
    licence = licence_lookup(identifier=identifier[:100])
    result = licence_verify(licence=licence)
    licence_verification_count(licence=licence)
    return verification_out(result)
