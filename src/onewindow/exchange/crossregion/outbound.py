"""At the receiving installation (异地代收): the receipt, forwarding it signed to the competent
installation with retries and the webhooks' backoff, and reading its progress back (polling)."""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from onewindow.cases.states import AGENT, CLERK, TERMINAL, State
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.identifiers import validate_identifier
from onewindow.core.timeutil import now
from onewindow.exchange.crossregion import signing
from onewindow.exchange.crossregion.partners import partner_for_region, partner_key, partner_secret
from onewindow.exchange.crossregion.schemas import hand_in_parse
from onewindow.exchange.models import Partner, ReceiptStatus, RemoteReceipt
from onewindow.exchange.services.webhooks import MAX_ATTEMPTS, TIMEOUT_SECONDS, backoff
from onewindow.network.models import Staff
from onewindow.notifications import templates
from onewindow.notifications.services import notification_send

INBOUND_PATH = "/api/v1/exchange/crossregion/inbound"
# Answers after which sending the same body again cannot succeed (the partner refused its content).
FINAL_REFUSALS = {409, 422}

templates.register("crossregion.notice", _(
    "Cross-region application %(number)s at %(partner)s: one-time notice, missing materials: %(missing)s. "
    "Tell the applicant at the window."))
templates.register("crossregion.progress", _(
    "Cross-region application %(number)s at %(partner)s is now: %(state)s."))


@transaction.atomic
def receipt_create(*, by: Staff, client_ref: uuid.UUID, item_code: str, applicant: dict,
                   materials: list[dict], partner: Partner | None = None,
                   region: str = "") -> tuple[RemoteReceipt, bool]:
    """Take an application for an item of a partner's region. Idempotent by `client_ref` (the same id
    and body return the first receipt, another body 409). Forwarded after commit."""
    if not by.has_role(CLERK, AGENT):
        raise Forbidden("role_not_allowed", "仅受理人员可代收", "Only intake clerks and agents may do this")
    if partner is None:
        partner = partner_for_region(region.strip()) if region.strip() else None
    if partner is None or not partner.active:
        raise Invalid("unknown_partner", "没有办理该地区事项的协作地",
                      "No partner installation serves this region", detail={"region": region[:12]})
    data = {"id": str(client_ref), "item": item_code, "applicant": applicant, "materials": materials,
            "received_at": now().isoformat(), "received_by": by.centre.name}
    body, _files = hand_in_parse(data)  # the partner would refuse it anyway: say so at the window now
    validate_identifier(body.applicant.id_type, body.applicant.id_number.strip().upper())
    payload = body.model_dump(mode="json", exclude_none=True)
    digest = _hash({k: v for k, v in payload.items() if k != "received_at"})
    existing = RemoteReceipt.objects.filter(client_ref=client_ref).first()
    if existing is not None:
        if existing.payload_hash != digest or existing.partner_id != partner.pk:
            raise Conflict("idempotency_key_reused", "该编号已用于另一份申请",
                           "This id was used for another application", detail={"id": str(client_ref)})
        return existing, False
    moment = now()
    receipt = RemoteReceipt.objects.create(
        client_ref=client_ref, partner=partner, centre=by.centre, received_by=by, item_code=body.item,
        applicant_name=body.applicant.name, payload=payload, payload_hash=digest, next_attempt_at=moment,
        timeline=[{"at": moment.isoformat(), "action": "receive", "by": by.name}], created_at=moment)
    transaction.on_commit(lambda: receipt_forward(receipt=receipt))
    return receipt, True


def _hash(data) -> str:
    return hashlib.sha256(signing.canonical(data)).hexdigest()


@dataclass
class Answer:
    status: int | None
    data: dict
    error: str


def _call(*, partner: Partner, method: str, path: str, body: bytes | None) -> Answer:
    """One signed request; the answer's signature is checked too (2xx only: errors come from the
    partner's generic error handler and carry no secret)."""
    secret = partner_secret(partner)
    headers = {"Authorization": f"Bearer {partner_key(partner)}", "User-Agent": "onewindow-crossregion/1",
               "Content-Type": "application/json; charset=utf-8",
               **signing.signed_headers(secret=secret, body=body if body is not None else path.encode())}
    request = urllib.request.Request(partner.base_url + path, data=body, headers=headers,  # noqa: S310
                                     method=method)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            raw = response.read()
            try:
                signing.check(secret=secret, headers=response.headers, body=raw)
            except Exception as exc:  # noqa: BLE001 — a forged or broken answer is an error like any
                return Answer(None, {}, f"answer not signed: {getattr(exc, 'code', exc)}")
            return Answer(response.status, json.loads(raw), "")
    except urllib.error.HTTPError as exc:
        try:
            data = json.loads(exc.read() or b"{}")
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
        return Answer(exc.code, data, f"HTTP {exc.code} {data.get('code', '')}")
    except (urllib.error.URLError, OSError, TimeoutError, ValueError) as exc:
        return Answer(None, {}, str(exc)[:300])


def _strip_contents(payload: dict) -> dict:
    """Once the partner holds the files, keep only their digests here."""
    for line in payload.get("materials", []):
        if line.get("file"):
            line["file"].pop("content", None)
    return payload


def receipt_forward(*, receipt: RemoteReceipt) -> RemoteReceipt:
    """POST the hand-in (outside any transaction: a slow partner holds no lock). Two forwarders at
    once are harmless: the partner answers a repeated id with the same case."""
    receipt = RemoteReceipt.objects.select_related("partner").get(pk=receipt.pk)
    if receipt.status != ReceiptStatus.PENDING:
        return receipt
    answer = _call(partner=receipt.partner, method="POST", path=INBOUND_PATH,
                   body=signing.canonical(receipt.payload))
    with transaction.atomic():
        r = RemoteReceipt.objects.select_for_update().get(pk=receipt.pk)
        if r.status != ReceiptStatus.PENDING:
            return r
        moment = now()
        r.attempts += 1
        r.last_error = answer.error
        if answer.status in (200, 201) and answer.data.get("case"):
            r.status = ReceiptStatus.FORWARDED
            r.remote_case_number = str(answer.data["case"])[:40]
            r.remote_state = str(answer.data.get("state", ""))[:20]
            r.payload = _strip_contents(r.payload)
            r.timeline.append({"at": moment.isoformat(), "action": "forward", "case": r.remote_case_number})
        elif answer.status in FINAL_REFUSALS:
            r.status = ReceiptStatus.REJECTED
            r.timeline.append({"at": moment.isoformat(), "action": "rejected",
                               "code": answer.data.get("code"), "message": answer.data.get("message"),
                               "detail": answer.data.get("detail")})
        elif r.attempts >= MAX_ATTEMPTS:
            r.status = ReceiptStatus.DEAD
            r.timeline.append({"at": moment.isoformat(), "action": "gave_up", "error": answer.error})
        else:
            r.next_attempt_at = moment + backoff(r.attempts)
        r.save()
    return r


def receipt_poll(*, receipt: RemoteReceipt) -> RemoteReceipt:
    """Read the partner's state and trail of a forwarded receipt; tell our clerk of a one-time notice
    and of a decision (inbox, once per event)."""
    receipt = RemoteReceipt.objects.select_related("partner").get(pk=receipt.pk)
    if receipt.status != ReceiptStatus.FORWARDED:
        return receipt
    answer = _call(partner=receipt.partner, method="GET", path=f"{INBOUND_PATH}/{receipt.remote_case_number}",
                   body=None)
    if answer.status != 200 or answer.data.get("case") != receipt.remote_case_number:
        RemoteReceipt.objects.filter(pk=receipt.pk).update(last_error=answer.error or "unexpected answer")
        return receipt
    with transaction.atomic():
        r = (RemoteReceipt.objects.select_for_update().select_related("partner", "received_by__user")
             .get(pk=receipt.pk))
        data = answer.data
        seq = int(data.get("seq") or 0)
        if seq < r.remote_seq:  # an older answer overtaken by a newer poll
            return r
        new = [e for e in data.get("timeline", []) if int(e.get("seq", 0)) > r.remote_seq]
        r.remote_state = str(data.get("state", ""))[:20]
        r.remote_outcome = str(data.get("outcome") or "")[:15]
        r.remote_missing = data.get("missing") or []
        r.remote_timeline = data.get("timeline", [])
        r.remote_seq = seq
        r.synced_at = now()
        r.last_error = ""
        if r.remote_state in TERMINAL:
            r.status = ReceiptStatus.CLOSED
        r.save()
        for event in new:
            _tell_clerk(r, event)
    return r


def _tell_clerk(r: RemoteReceipt, event: dict) -> None:
    context = {"number": r.remote_case_number, "partner": r.partner.name}
    key = f"crossregion:{r.client_ref}:{event.get('seq')}"
    if event.get("action") == "notice":
        missing = "、".join(str(m.get("name", "")) for m in (event.get("detail") or {}).get("missing", []))
        notification_send(dedupe_key=key, channel="inbox", template="crossregion.notice",
                          context={**context, "missing": missing}, recipient=r.received_by.user)
    elif event.get("to_state") in ("accepted", "decided", "issued", "concluded", "refused", "returned"):
        notification_send(dedupe_key=key, channel="inbox", template="crossregion.progress",
                          context={**context, "state": _state_label(str(event.get("to_state")))},
                          recipient=r.received_by.user)


def _state_label(state: str) -> str:
    if state not in State.values:
        return state
    with translation.override("zh-hans"):
        return str(State(state).label)


def crossregion_sync(*, limit: int = 200) -> dict[str, int]:
    """Forward the due receipts, then poll the forwarded ones (bounded). Safe to run every minute."""
    moment = now()
    due = list(RemoteReceipt.objects.filter(status=ReceiptStatus.PENDING)
               .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=moment))
               .order_by("next_attempt_at", "pk")[:limit])
    forwarded = sum(receipt_forward(receipt=r).status == ReceiptStatus.FORWARDED for r in due)
    open_ = list(RemoteReceipt.objects.filter(status=ReceiptStatus.FORWARDED)
                 .order_by("synced_at", "pk")[:limit])
    for r in open_:
        receipt_poll(receipt=r)
    signing.nonces_prune()
    return {"attempted": len(due), "forwarded": forwarded, "polled": len(open_)}
