"""HTTP side of cross-region intake, mounted at /api/v1/exchange/crossregion (docs/crossregion.md).

Partner-facing (the partner's client key, scope cases:intake_remote, signed bodies, signed answers):
  POST /inbound            hand in an application received on our behalf → the case number
  GET  /inbound/{number}   its state and trail
Staff-facing at the receiving installation (staff bearer token):
  POST /receipts           异地代收: take an application for a partner's item
  GET  /receipts/{id}      the receipt with the partner's state, trail and one-time notice
  POST /receipts/{id}/sync read the partner's progress now
"""

from __future__ import annotations

import json
import uuid

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from pydantic import Field

from onewindow.api.root import bearer
from onewindow.cases.states import AGENT, CLERK
from onewindow.core.errors import Forbidden, Invalid, NotFound
from onewindow.core.permissions import acting_staff
from onewindow.core.schemas import ERRORS
from onewindow.exchange.auth import client_auth, require_scope
from onewindow.exchange.crossregion import signing
from onewindow.exchange.crossregion.inbound import inbound_intake, inbound_status, status_of
from onewindow.exchange.crossregion.outbound import receipt_create, receipt_poll
from onewindow.exchange.crossregion.partners import partner_for_client, partner_secret
from onewindow.exchange.crossregion.schemas import ApplicantBody, MaterialBody
from onewindow.exchange.models import InboundCase, Partner, RemoteReceipt, Scope

router = Router(tags=["crossregion"])


def _partner(request: HttpRequest) -> Partner:
    client = require_scope(request, Scope.CASES_INTAKE_REMOTE)
    partner = partner_for_client(client)
    if partner is None:
        raise Forbidden("not_a_partner", "该接入系统不是协作地", "This client is not a partner installation")
    return partner


def _signed(partner: Partner, data: dict, status: int = 200) -> HttpResponse:
    body = signing.canonical(data)
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    for name, value in signing.signed_headers(secret=partner_secret(partner), body=body).items():
        response[name] = value
    return response


@router.post("/inbound", auth=client_auth, response={200: dict, 201: dict, **ERRORS},
             url_name="crossregion_inbound")
def inbound(request: HttpRequest):
    """Hand in an application (signed canonical JSON: id, item, applicant, materials, received_at).
    201 with the case number; a retry of the same id 200 with the same case; bad signature 401/403,
    replayed nonce 409 `replayed_request`, unknown item 422 `unknown_item`."""
    partner = _partner(request)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise Invalid("payload_too_large", "请求体过大", "The request body is too large") from None
    _ts, nonce = signing.check(secret=partner_secret(partner), headers=request.headers, body=raw)
    try:
        data = json.loads(raw)
    except ValueError:
        raise Invalid("malformed_json", "请求体不是有效的 JSON", "The body is not JSON") from None
    try:
        case, created = inbound_intake(partner=partner, nonce=nonce, data=data)
    except IntegrityError:
        # The same id handed in twice at the same moment: the other request won; answer as its retry.
        link = InboundCase.objects.select_related("case").filter(
            partner=partner, client_ref=str(data.get("id", ""))).first() if isinstance(data, dict) else None
        if link is None:
            raise
        case, created = link.case, False
    return _signed(partner, status_of(case, client_ref=str(data["id"])), 201 if created else 200)


@router.get("/inbound/{number}", auth=client_auth, response={200: dict, **ERRORS},
            url_name="crossregion_inbound_status")
def inbound_case(request: HttpRequest, number: str):
    """State and trail of a case this partner handed in. The request signs its path."""
    partner = _partner(request)
    _ts, nonce = signing.check(secret=partner_secret(partner), headers=request.headers,
                               body=request.path.encode())
    signing.nonce_consume(partner=partner, nonce=nonce)
    return _signed(partner, inbound_status(partner=partner, number=number))


class ReceiptIn(Schema):
    id: uuid.UUID = Field(description="client-generated: the same id and body return the same receipt")
    partner: int | None = Field(None, ge=1, le=2**62)
    region: str = Field("", max_length=12, description="the competent region's code, when no partner")
    item: str = Field(min_length=1, max_length=60)
    applicant: ApplicantBody
    materials: list[MaterialBody] = Field(default_factory=list, max_length=200)


class ReceiptOut(Schema):
    id: str
    partner: str
    item: str
    applicant_name: str
    status: str
    attempts: int
    last_error: str
    remote_case_number: str
    remote_state: str
    remote_outcome: str
    remote_missing: list
    remote_timeline: list
    timeline: list
    synced_at: str | None


def _out(r: RemoteReceipt) -> dict:
    return {"id": str(r.client_ref), "partner": r.partner.name, "item": r.item_code,
            "applicant_name": r.applicant_name, "status": r.status, "attempts": r.attempts,
            "last_error": r.last_error, "remote_case_number": r.remote_case_number,
            "remote_state": r.remote_state, "remote_outcome": r.remote_outcome,
            "remote_missing": r.remote_missing, "remote_timeline": r.remote_timeline, "timeline": r.timeline,
            "synced_at": r.synced_at.isoformat() if r.synced_at else None}


def _receipt(request: HttpRequest, ref: uuid.UUID) -> RemoteReceipt:
    staff = acting_staff(request.user)
    receipt = (RemoteReceipt.objects.select_related("partner")
               .filter(client_ref=ref, centre_id=staff.centre_id).first())
    if receipt is None:  # another centre's receipt is the same 404 as an unknown one
        raise NotFound("receipt_not_found", "代收记录不存在", "No such receipt", detail={"id": str(ref)})
    return receipt


@router.post("/receipts", auth=bearer, response={200: ReceiptOut, 201: ReceiptOut, **ERRORS},
             url_name="crossregion_receipt_create")
def receipt_new(request: HttpRequest, payload: ReceiptIn):
    staff = acting_staff(request.user, CLERK, AGENT)
    partner = None
    if payload.partner is not None:
        partner = Partner.objects.filter(pk=payload.partner, active=True).first()
        if partner is None:
            raise Invalid("unknown_partner", "协作地不存在", "No such partner installation")
    receipt, created = receipt_create(
        by=staff, client_ref=payload.id, partner=partner, region=payload.region, item_code=payload.item,
        applicant=payload.applicant.model_dump(),
        materials=[m.model_dump(exclude_none=True) for m in payload.materials])
    return (201 if created else 200), _out(RemoteReceipt.objects.select_related("partner").get(pk=receipt.pk))


@router.get("/receipts/{ref}", auth=bearer, response={200: ReceiptOut, **ERRORS},
            url_name="crossregion_receipt")
def receipt_detail(request: HttpRequest, ref: uuid.UUID):
    return _out(_receipt(request, ref))


@router.post("/receipts/{ref}/sync", auth=bearer, response={200: ReceiptOut, **ERRORS},
             url_name="crossregion_receipt_sync")
def receipt_sync(request: HttpRequest, ref: uuid.UUID):
    receipt = receipt_poll(receipt=_receipt(request, ref))
    return _out(RemoteReceipt.objects.select_related("partner").get(pk=receipt.pk))
