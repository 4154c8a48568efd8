"""At the competent installation: a partner hands in an application it received on our behalf. The
case is opened through cases.services.case_intake in the name of the partner client's acting staff
member (a clerk of our centre), channel "mail" (the originals follow by post), and stays `received`
for our clerk to accept or give the one-time notice — unless materials are declared missing (the
one-time notice is then given at once) or the centre treats receipt as acceptance."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from onewindow.cases import services as case_services
from onewindow.cases.models import Case, Channel
from onewindow.core.errors import Conflict, NotFound
from onewindow.core.timeutil import now
from onewindow.exchange.crossregion.schemas import hand_in_parse
from onewindow.exchange.crossregion.signing import canonical, nonce_consume
from onewindow.exchange.models import InboundCase, Partner

# Payload keys of our events the partner may see (never personal data).
PUBLIC_PAYLOAD = ("missing", "outcome", "kind", "working_days", "due_date", "method", "mode")


@transaction.atomic
def inbound_intake(*, partner: Partner, nonce: str, data) -> tuple[Case, bool]:
    """Open (or, for a retried hand-in, find) the case. Returns (case, created)."""
    nonce_consume(partner=partner, nonce=nonce)
    body, files = hand_in_parse(data)
    body_hash = hashlib.sha256(canonical(body.model_dump(mode="json"))).hexdigest()
    existing = InboundCase.objects.select_related("case").filter(partner=partner, client_ref=body.id).first()
    if existing is not None:
        if existing.body_hash != body_hash:
            raise Conflict("idempotency_key_reused", "该编号已用于另一份申请",
                           "This id was used for another application", detail={"case": existing.case.number})
        return existing.case, False
    staff = partner.client.acting_staff if partner.client else None
    if staff is None:
        raise Conflict("acting_staff_required", "该接入系统未指定代行人员", "The client has no acting staff")
    result = case_services.case_intake(
        by=staff, item_code=body.item, channel=Channel.MAIL, accept=False,
        applicant=case_services.ApplicantIn(**body.applicant.model_dump()),
        materials=[case_services.MaterialIn(material=m.material, provided=m.provided, note=m.note)
                   for m in body.materials])
    case = result.case
    for line in body.materials:
        if line.material in files and line.file is not None:
            case_services.attachment_add(case=case, by=staff, material_id=line.material,
                                         upload=ContentFile(files[line.material], name=line.file.name))
    InboundCase.objects.create(partner=partner, client_ref=body.id, body_hash=body_hash, case=case,
                               created_at=now())
    return Case.objects.get(pk=case.pk), True


def inbound_status(*, partner: Partner, number: str) -> dict:
    """The state and trail of a case this partner handed in (404 for any other: nothing leaks)."""
    link = (InboundCase.objects.select_related("case").filter(partner=partner, case__number=number[:40])
            .first())
    if link is None:
        raise NotFound("case_not_found", "办件不存在", "No such case", detail={"number": number[:40]})
    return status_of(link.case, client_ref=str(link.client_ref))


def status_of(case: Case, *, client_ref: str) -> dict:
    events = list(case.events.order_by("seq").only("seq", "action", "from_state", "to_state", "at",
                                                   "reason", "payload"))
    return {
        "id": client_ref, "case": case.number, "state": case.state, "outcome": case.outcome,
        "reason": case.reason, "missing": case.missing or [],
        "accepted_on": case.accepted_on.isoformat() if case.accepted_on else None,
        "decision_due_date": case.decision_due_date.isoformat() if case.decision_due_date else None,
        "one_time_notice_at": case.one_time_notice_at.isoformat() if case.one_time_notice_at else None,
        "seq": events[-1].seq if events else 0,
        "timeline": [{"seq": e.seq, "action": e.action, "from_state": e.from_state, "to_state": e.to_state,
                      "at": e.at.isoformat(), "reason": e.reason,
                      "detail": {k: e.payload[k] for k in PUBLIC_PAYLOAD if k in (e.payload or {})}}
                     for e in events],
    }
