"""The public verification page a licence's QR code opens (no login)."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_GET

from onewindow.core.errors import DomainError
from onewindow.licences.schemas import verification_out
from onewindow.licences.selectors import licence_lookup, licence_verify
from onewindow.licences.services import licence_verification_count


@require_GET
def licence_verify_page(request, identifier: str):
    try:
        licence = licence_lookup(identifier=identifier[:100])
    except DomainError as exc:  # invalid_identifier (422) or licence_not_found (404)
        return render(request, "licences/verify.html", {"error": exc, "identifier": identifier[:100]},
                      status=exc.status)
    result = licence_verify(licence=licence)
    licence_verification_count(licence=licence)
    response = render(request, "licences/verify.html", {"v": verification_out(result)})
    response["Cache-Control"] = "no-store"  # the status can change at any time
    return response
