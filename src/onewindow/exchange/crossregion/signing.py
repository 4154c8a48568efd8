"""Signed messages between partner installations (docs/crossregion.md "Protocol").

    X-Onewindow-Timestamp: <unix seconds>
    X-Onewindow-Nonce:     <32 hex characters, never reused>
    X-Onewindow-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<nonce>.<body>")>

The body is canonical JSON (sorted keys, no spaces, UTF-8) and is signed as sent; a GET signs its
path instead of a body. The webhooks' `sign` is reused: its message is "<timestamp>.<body>", and here
the body it is given is "<nonce>.<body>". A receiver refuses a timestamp outside the replay window and
a nonce it has already seen from that partner.
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction

from onewindow.core.errors import Conflict, Forbidden, NotAuthenticated
from onewindow.core.timeutil import now
from onewindow.exchange.models import Partner, SeenNonce
from onewindow.exchange.services.webhooks import sign as webhook_sign

TS = "X-Onewindow-Timestamp"
NONCE = "X-Onewindow-Nonce"
SIGNATURE = "X-Onewindow-Signature"


def replay_window() -> int:
    return int(getattr(settings, "ONEWINDOW_CROSSREGION_REPLAY_SECONDS", 300))


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def signature(*, secret: str, timestamp: int, nonce: str, body: bytes) -> str:
    return webhook_sign(secret=secret, timestamp=timestamp, body=nonce.encode() + b"." + body)


def signed_headers(*, secret: str, body: bytes) -> dict[str, str]:
    timestamp = int(now().timestamp())
    nonce = secrets.token_hex(16)
    return {TS: str(timestamp), NONCE: nonce,
            SIGNATURE: signature(secret=secret, timestamp=timestamp, nonce=nonce, body=body)}


def check(*, secret: str, headers, body: bytes) -> tuple[int, str]:
    """Signature and freshness (not the nonce). 401 when the headers are missing, 403 when wrong."""
    raw_ts, nonce, given = headers.get(TS, ""), headers.get(NONCE, ""), headers.get(SIGNATURE, "")
    if not (raw_ts and nonce and given):
        raise NotAuthenticated("signature_missing", "缺少签名", "The request is not signed",
                               detail={"headers": [TS, NONCE, SIGNATURE]})
    if not raw_ts.isdigit() or not (8 <= len(nonce) <= 64) or not nonce.isalnum():
        raise Forbidden("signature_invalid", "签名无效", "Invalid signature")
    timestamp = int(raw_ts)
    if abs(now().timestamp() - timestamp) > replay_window():
        raise Forbidden("signature_expired", "签名已过期", "The signature timestamp is outside the window",
                        detail={"window_seconds": replay_window()})
    expected = signature(secret=secret, timestamp=timestamp, nonce=nonce, body=body)
    if not hmac.compare_digest(expected, given):
        raise Forbidden("signature_invalid", "签名无效", "Invalid signature")
    return timestamp, nonce


def nonce_consume(*, partner: Partner, nonce: str) -> None:
    """Record the nonce; 409 when this partner already used it (a replayed request). Written in the
    caller's transaction: a request whose work fails leaves no nonce and fails the same way again."""
    try:
        with transaction.atomic():
            SeenNonce.objects.create(partner=partner, nonce=nonce, seen_at=now())
    except IntegrityError:
        raise Conflict("replayed_request", "重复的请求（重放）", "This request was already received",
                       detail={"nonce": nonce}) from None


def nonces_prune() -> int:
    """Nonces older than twice the window can no longer pass the timestamp check."""
    cutoff = now() - dt.timedelta(seconds=2 * replay_window())
    return SeenNonce.objects.filter(seen_at__lt=cutoff).delete()[0]
