"""Webhooks: fan-out once per event, HMAC signature, delivery id, retry with backoff, give up."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine

from onewindow.exchange.models import DeliveryStatus, WebhookDelivery
from onewindow.exchange.services import webhook_create, webhook_deliveries_enqueue, webhooks_dispatch
from onewindow.exchange.services.webhooks import MAX_ATTEMPTS, backoff
from tests.cases.conftest import MONDAY


class Receiver:
    """A webhook receiver on 127.0.0.1 that fails the first `fail` requests."""

    def __init__(self, fail: int = 0):
        self.fail = fail
        self.requests: list[tuple[dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = 500 if len(receiver.requests) <= receiver.fail else 204
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _later(minutes=1):
    return time_machine.travel(MONDAY + dt.timedelta(minutes=minutes), tick=False)


def test_backoff_doubles_and_is_capped():
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(30).total_seconds() == 3600


def test_fan_out_is_idempotent_and_respects_the_lag(make_client, accepted_case):
    client, _ = make_client(["events:read"])
    webhook_create(client=client, url="http://127.0.0.1:9/unused")
    # Events younger than the consumer lag are not taken yet.
    assert webhook_deliveries_enqueue() == 0
    with _later():
        first = webhook_deliveries_enqueue()
        assert first == accepted_case.events.count() > 0
        assert webhook_deliveries_enqueue() == 0
    assert WebhookDelivery.objects.count() == first


def test_action_filter(make_client, accepted_case):
    client, _ = make_client(["events:read"])
    webhook_create(client=client, url="http://127.0.0.1:9/unused", actions=["decide"])
    with _later():
        assert webhook_deliveries_enqueue() == 0


def test_signed_delivery_with_retry(make_client, accepted_case):
    client, _ = make_client(["events:read"])
    with Receiver(fail=1) as receiver:
        hook = webhook_create(client=client, url=receiver.url, actions=["accept"])
        with _later():
            result = webhooks_dispatch()
        assert result["attempted"] == 1 and result["failed"] == 1
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
        assert delivery.last_status_code == 500
        with _later(1):  # not due yet: the retry waits 30 s
            assert webhooks_dispatch()["attempted"] == 0
        with _later(2):
            assert webhooks_dispatch()["delivered"] == 1
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2
        with _later(10):
            assert webhooks_dispatch()["attempted"] == 0  # never sent again
    assert len(receiver.requests) == 2
    headers, body = receiver.requests[-1]
    # Both attempts carry the same delivery id, so a receiver can drop a repeat.
    assert {h["X-Onewindow-Delivery"] for h, _ in receiver.requests} == {str(delivery.delivery_id)}
    expected = hmac.new(hook.secret.encode(), headers["X-Onewindow-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    assert headers["X-Onewindow-Signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["event"]["action"] == "accept" and payload["event"]["case"] == accepted_case.number
    assert "id_number" not in body.decode()


def test_gives_up_after_max_attempts(make_client, accepted_case):
    client, _ = make_client(["events:read"])
    webhook_create(client=client, url="http://127.0.0.1:9/refused", actions=["accept"])  # port 9: nothing
    minutes = 1
    for _ in range(MAX_ATTEMPTS):
        with _later(minutes):
            webhooks_dispatch()
        minutes += 61
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.DEAD and delivery.attempts == MAX_ATTEMPTS


@pytest.mark.parametrize("url", ["ftp://x", "javascript:alert(1)", "127.0.0.1"])
def test_bad_url_refused(make_client, url, db):
    from onewindow.core.errors import Invalid

    client, _ = make_client(["events:read"])
    with pytest.raises(Invalid):
        webhook_create(client=client, url=url)
