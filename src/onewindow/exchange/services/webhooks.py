"""Signed webhooks: fan out new case events to each subscribed client, then POST the due deliveries
with retries and exponential backoff. Receivers check the signature and drop repeated delivery ids.

Signature: header `X-Onewindow-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`
with `X-Onewindow-Timestamp` (unix seconds) and `X-Onewindow-Delivery` (UUID).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now
from onewindow.exchange.feed import event_payload, events_visible_to
from onewindow.exchange.models import ApiClient, DeliveryStatus, Webhook, WebhookDelivery
from onewindow.exchange.services.cursors import cursor_advance, cursor_lock, events_upper_bound

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 3600
TIMEOUT_SECONDS = 5


def backoff(attempts: int) -> dt.timedelta:
    """Wait after the n-th failed attempt: 30 s, 60 s, 120 s … capped at an hour."""
    return dt.timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** max(attempts - 1, 0), MAX_RETRY_SECONDS))


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


@transaction.atomic
def webhook_create(*, client: ApiClient, url: str, actions: list[str] | None = None) -> Webhook:
    if not url.startswith(("http://", "https://")):
        raise Invalid("bad_webhook_url", "回调地址须以 http:// 或 https:// 开头", "The URL must be http(s)")
    return Webhook.objects.create(client=client, url=url, secret=secrets.token_urlsafe(32),
                                  actions=list(actions or []), created_at=now())


def webhook_deliveries_enqueue(*, batch: int = 5000) -> int:
    """One delivery row per (webhook, new event) the webhook's client may see. Idempotent: the cursor
    and the unique (webhook, event) constraint make a rerun add nothing."""
    from onewindow.cases.models import CaseEvent

    created = 0
    with transaction.atomic():
        cursor = cursor_lock(name="webhooks")
        upper = events_upper_bound(after=cursor.position)
        if upper is None:
            return 0
        events = list(CaseEvent.objects.filter(pk__gt=cursor.position, pk__lte=upper).order_by("pk")
                      .values_list("pk", flat=True)[:batch])
        if not events:
            return 0
        moment = now()
        for hook in Webhook.objects.filter(active=True, client__active=True).select_related("client"):
            visible = events_visible_to(hook.client).filter(pk__in=events)
            if hook.actions:
                visible = visible.filter(action__in=hook.actions)
            rows = [WebhookDelivery(webhook=hook, event_id=pk, next_attempt_at=moment, created_at=moment)
                    for pk in visible.values_list("pk", flat=True)]
            WebhookDelivery.objects.bulk_create(rows, ignore_conflicts=True)
            created += len(rows)
        cursor_advance(cursor=cursor, position=events[-1])
    return created


@dataclass
class Attempt:
    ok: bool
    status_code: int | None
    error: str


def _post(*, url: str, body: bytes, headers: dict[str, str]) -> Attempt:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return Attempt(200 <= response.status < 300, response.status, "")
    except urllib.error.HTTPError as exc:
        return Attempt(False, exc.code, f"HTTP {exc.code}")
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        return Attempt(False, None, str(exc)[:300])


def webhook_delivery_attempt(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """POST one delivery (outside any transaction: a slow receiver must not hold locks)."""
    delivery = (WebhookDelivery.objects.select_related("webhook", "event__case", "event__actor")
                .get(pk=delivery.pk))
    if delivery.status != DeliveryStatus.PENDING:
        return delivery
    body = json.dumps({"delivery": str(delivery.delivery_id), "event": event_payload(delivery.event)},
                      ensure_ascii=False, sort_keys=True).encode()
    timestamp = int(now().timestamp())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "onewindow-webhooks/1",
        "X-Onewindow-Delivery": str(delivery.delivery_id),
        "X-Onewindow-Timestamp": str(timestamp),
        "X-Onewindow-Signature": sign(secret=delivery.webhook.secret, timestamp=timestamp, body=body),
    }
    result = _post(url=delivery.webhook.url, body=body, headers=headers)
    delivery.attempts += 1
    delivery.last_status_code = result.status_code
    delivery.last_error = result.error
    moment = now()
    if result.ok:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = moment
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.DEAD
    else:
        delivery.next_attempt_at = moment + backoff(delivery.attempts)
    WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
        attempts=delivery.attempts, last_status_code=delivery.last_status_code,
        last_error=delivery.last_error, status=delivery.status, delivered_at=delivery.delivered_at,
        next_attempt_at=delivery.next_attempt_at)
    return delivery


def webhooks_dispatch(*, limit: int = 200) -> dict[str, int]:
    """Fan out new events, then try every due delivery (bounded). Safe to run every minute."""
    enqueued = webhook_deliveries_enqueue()
    due = list(WebhookDelivery.objects.filter(Q(status=DeliveryStatus.PENDING), next_attempt_at__lte=now())
               .order_by("next_attempt_at", "pk")[:limit])
    delivered = failed = 0
    for delivery in due:
        result = webhook_delivery_attempt(delivery=delivery)
        if result.status == DeliveryStatus.DELIVERED:
            delivered += 1
        else:
            failed += 1
    return {"enqueued": enqueued, "attempted": len(due), "delivered": delivered, "failed": failed}
