"""Cross-region intake in one process: both installations' rows in one database, the HTTP calls of
the receiving side routed into the Django test client (the real urllib code path up to the socket)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import urllib.error
import uuid

import pytest
from django.test import Client

from onewindow.cases import services as svc
from onewindow.cases.models import Case
from onewindow.exchange.crossregion import outbound, signing
from onewindow.exchange.crossregion.partners import partner_register
from onewindow.exchange.crossregion.vault import seal, unseal
from onewindow.exchange.models import InboundCase, ReceiptStatus, RemoteReceipt
from onewindow.network.models import Role
from onewindow.notifications.models import Notification
from tests.cases.conftest import MONDAY, PERSON_ID, frozen, version  # noqa: F401  (fixtures reused)
from tests.factories import StaffFactory, UserFactory

SECRET = "s" * 40
PDF = b"%PDF-1.4\n% cross-region test file\n"
INBOUND = "/api/v1/exchange/crossregion/inbound"


@pytest.fixture
def installation(frozen, centre, other_centre, clerk, version):  # noqa: F811
    """B = `centre` (owns the item, its clerk receives hand-ins); A = `other_centre` (receives on B's
    behalf). A's partner row points at B ("testserver") with the key B gave it."""
    partner_at_b, key = partner_register(name="A 省政务中心", base_url="http://a.example", secret=SECRET,
                                         region_codes=["11"], inbound_centre=centre, inbound_staff=clerk)
    partner_at_a, _ = partner_register(name="B 县政务中心", base_url="http://testserver", secret=SECRET,
                                       region_codes=["33"], outbound_key=key)
    clerk_a = StaffFactory(user=UserFactory(username="clerk_a"), name="clerk_a", centre=other_centre,
                           roles=[Role.CLERK])
    return {"b": partner_at_b, "a": partner_at_a, "key": key, "clerk_a": clerk_a, "version": version}


def body(version, *, ref=None, item=None, content=PDF, provided="electronic", **over):  # noqa: F811
    def line(material):
        return {"material": material.pk, "provided": provided, "note": "",
                "file": {"name": f"{material.pk}.pdf", "sha256": hashlib.sha256(PDF).hexdigest(),
                         "size": len(PDF), "content": base64.b64encode(content).decode()}}

    data = {"id": str(ref or uuid.uuid4()), "item": item or version.item.implementation_code,
            "applicant": {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": PERSON_ID,
                          "phone": "13800138000"},
            "materials": [line(version.m_form), line(version.m_id)],
            "received_at": MONDAY.isoformat(), "received_by": "A 省政务中心"}
    data.update(over)
    return data


def post(key, data, *, secret=SECRET, headers=None):
    raw = signing.canonical(data)
    signed = headers or signing.signed_headers(secret=secret, body=raw)
    return Client().post(INBOUND, data=raw, content_type="application/json",
                         headers={"Authorization": f"Bearer {key}", **signed}), signed


# -- signatures, replay, idempotency, bad input (B's inbound endpoint) --------------------------------

def test_hand_in_opens_a_received_case_with_the_files(installation):
    resp, _ = post(installation["key"], body(installation["version"]))
    assert resp.status_code == 201, resp.content
    data = resp.json()
    case = Case.objects.get(number=data["case"])
    assert case.state == "received" and case.channel == "mail"
    assert case.receiving_clerk.user.username == "clerk"
    assert case.attachments.count() == 2
    assert InboundCase.objects.get(case=case).partner == installation["b"]
    # The answer is signed with the shared secret.
    signing.check(secret=SECRET, headers=resp.headers, body=resp.content)


@pytest.mark.parametrize(("secret", "drop", "status", "code"), [
    ("w" * 40, None, 403, "signature_invalid"),
    (SECRET, signing.SIGNATURE, 401, "signature_missing"),
])
def test_bad_or_missing_signature_refused(installation, secret, drop, status, code):
    data = body(installation["version"])
    headers = signing.signed_headers(secret=secret, body=signing.canonical(data))
    headers.pop(drop, None)
    resp, _ = post(installation["key"], data, headers=headers)
    assert (resp.status_code, resp.json()["code"]) == (status, code)
    assert not Case.objects.exists()


def test_body_changed_after_signing_refused(installation):
    data = body(installation["version"])
    headers = signing.signed_headers(secret=SECRET, body=signing.canonical(data))
    data["item"] = "tampered"
    resp, _ = post(installation["key"], data, headers=headers)
    assert (resp.status_code, resp.json()["code"]) == (403, "signature_invalid")


def test_stale_timestamp_refused(installation, frozen):  # noqa: F811
    data = body(installation["version"])
    headers = signing.signed_headers(secret=SECRET, body=signing.canonical(data))
    frozen.shift(dt.timedelta(seconds=301))
    resp, _ = post(installation["key"], data, headers=headers)
    assert (resp.status_code, resp.json()["code"]) == (403, "signature_expired")


def test_replayed_request_refused(installation):
    data = body(installation["version"])
    first, headers = post(installation["key"], data)
    assert first.status_code == 201
    again, _ = post(installation["key"], data, headers=headers)
    assert (again.status_code, again.json()["code"]) == (409, "replayed_request")
    assert Case.objects.count() == 1


def test_retry_with_the_same_id_returns_the_same_case(installation):
    data = body(installation["version"])
    first, _ = post(installation["key"], data)
    second, _ = post(installation["key"], data)  # new nonce and timestamp: a retry, not a replay
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["case"] == second.json()["case"]
    assert Case.objects.count() == 1


def test_same_id_with_another_body_conflicts(installation):
    ref = uuid.uuid4()
    post(installation["key"], body(installation["version"], ref=ref))
    resp, _ = post(installation["key"], body(installation["version"], ref=ref, received_by="other"))
    assert (resp.status_code, resp.json()["code"]) == (409, "idempotency_key_reused")


@pytest.mark.parametrize(("over", "code"), [
    ({"item": "NO-SUCH-ITEM"}, "unknown_item"),
    ({"content": b"%PDF-1.4 something else"}, "file_hash_mismatch"),
    ({"id": "not-a-uuid"}, "validation_error"),
    ({"materials": [{"material": 999999, "provided": "copy"}]}, "material_not_in_list"),
])
def test_bad_input_is_422(installation, over, code):
    resp, _ = post(installation["key"], body(installation["version"], **over))
    assert (resp.status_code, resp.json()["code"]) == (422, code)
    assert not Case.objects.exists()


def test_malformed_json_is_422(installation):
    raw = b"{not json"
    headers = signing.signed_headers(secret=SECRET, body=raw)
    resp = Client().post(INBOUND, data=raw, content_type="application/json",
                         headers={"Authorization": f"Bearer {installation['key']}", **headers})
    assert (resp.status_code, resp.json()["code"]) == (422, "malformed_json")


def test_client_without_the_scope_or_partner_refused(installation, centre, make_client):
    _client, auth = make_client(["cases:read"])
    data = body(installation["version"])
    resp = Client().post(INBOUND, data=signing.canonical(data), content_type="application/json",
                         headers=signing.signed_headers(secret=SECRET, body=signing.canonical(data)), **auth)
    assert (resp.status_code, resp.json()["code"]) == (403, "scope_missing")
    _client, auth = make_client(["cases:intake_remote"])
    resp = Client().post(INBOUND, data=signing.canonical(data), content_type="application/json",
                         headers=signing.signed_headers(secret=SECRET, body=signing.canonical(data)), **auth)
    assert (resp.status_code, resp.json()["code"]) == (403, "not_a_partner")


def test_status_only_for_cases_the_partner_handed_in(installation, clerk, version):  # noqa: F811
    own = svc.case_intake(by=clerk, item_code=version.item.implementation_code,
                          applicant=svc.ApplicantIn(kind="person", name="李四", id_type="resident_id",
                                                    id_number=PERSON_ID), materials=[]).case
    path = f"{INBOUND}/{own.number}"
    resp = Client().get(path, headers={"Authorization": f"Bearer {installation['key']}",
                                       **signing.signed_headers(secret=SECRET, body=path.encode())})
    assert (resp.status_code, resp.json()["code"]) == (404, "case_not_found")


def test_secrets_are_stored_encrypted(installation):
    partner = installation["a"]
    assert installation["key"] not in partner.outbound_key_encrypted
    assert SECRET not in partner.secret_encrypted
    assert unseal(seal("秘密")) == "秘密" and seal("x") != seal("x")  # random IV


# -- the receiving installation (A): receipt, forwarding, backoff, status ------------------------------

class _Response:
    def __init__(self, resp):
        self.status, self.headers, self._body = resp.status_code, resp.headers, resp.content

    def read(self):
        return self._body

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.fixture
def wire(monkeypatch):
    """urlopen into the test client; `wire.down = True` makes the partner unreachable."""
    class Wire:
        down = False
        calls = 0

    def urlopen(request, timeout):
        Wire.calls += 1
        if Wire.down:
            raise urllib.error.URLError("connection refused")
        path = request.full_url.removeprefix("http://testserver")
        headers = {k: v for k, v in request.header_items()}
        client = Client()
        if request.get_method() == "POST":
            resp = client.post(path, data=request.data, content_type="application/json", headers=headers)
        else:
            resp = client.get(path, headers=headers)
        if resp.status_code >= 400:
            raise urllib.error.HTTPError(request.full_url, resp.status_code, "error", resp.headers,
                                         io.BytesIO(resp.content))
        return _Response(resp)

    monkeypatch.setattr(outbound.urllib.request, "urlopen", urlopen)
    return Wire


def receipt_body(installation, **over):
    data = body(installation["version"])
    return {"id": data["id"], "region": "3301", "item": data["item"], "applicant": data["applicant"],
            "materials": data["materials"], **over}


def test_receipt_is_forwarded_after_commit_and_follows_the_case(
        installation, wire, token_for, chief, django_capture_on_commit_callbacks):
    auth = token_for(installation["clerk_a"])
    data = receipt_body(installation)
    with django_capture_on_commit_callbacks(execute=True):
        resp = Client().post("/api/v1/exchange/crossregion/receipts", data=json.dumps(data),
                             content_type="application/json", **auth)
    assert resp.status_code == 201, resp.content
    receipt = RemoteReceipt.objects.get(client_ref=data["id"])
    assert receipt.status == ReceiptStatus.FORWARDED
    assert "content" not in json.dumps(receipt.payload)  # files dropped once the partner has them
    case = Case.objects.get(number=receipt.remote_case_number)
    clerk_b = case.receiving_clerk
    svc.case_accept(case=case, by=clerk_b)
    svc.case_decide(case=Case.objects.get(pk=case.pk), by=chief, outcome="approve", opinion="同意")
    out = Client().post(f"/api/v1/exchange/crossregion/receipts/{data['id']}/sync", **auth).json()
    assert out["remote_state"] == "decided" and out["remote_outcome"] == "approve"
    actions = [e["action"] for e in out["remote_timeline"] if e["action"] != "attach"]
    assert actions == ["receive", "accept", "decide"]
    inbox = Notification.objects.filter(recipient=installation["clerk_a"].user, channel="inbox")
    assert inbox.count() == 2  # accepted, decided
    # A retried receipt request (same id and body) returns the same receipt and forwards nothing.
    calls = wire.calls
    again = Client().post("/api/v1/exchange/crossregion/receipts", data=json.dumps(data),
                          content_type="application/json", **auth)
    assert again.status_code == 200 and wire.calls == calls
    assert RemoteReceipt.objects.count() == 1 and Case.objects.count() == 1


def test_one_time_notice_at_b_is_visible_at_a(installation, wire, django_capture_on_commit_callbacks):
    version = installation["version"]  # noqa: F811
    data = body(version)
    data["materials"][1] = {"material": version.m_id.pk, "provided": "missing"}
    with django_capture_on_commit_callbacks(execute=True):
        receipt, created = outbound.receipt_create(
            by=installation["clerk_a"], client_ref=uuid.UUID(data["id"]), partner=installation["a"],
            item_code=data["item"], applicant=data["applicant"], materials=data["materials"])
    receipt = outbound.receipt_poll(receipt=receipt)
    assert receipt.remote_state == "supplement_required"
    assert [m["material"] for m in receipt.remote_missing] == [version.m_id.pk]
    note = Notification.objects.get(recipient=installation["clerk_a"].user, template="crossregion.notice")
    assert version.m_id.name in note.text


def test_partner_down_retries_with_backoff(installation, wire, frozen):  # noqa: F811
    wire.down = True
    data = receipt_body(installation)
    receipt, _ = outbound.receipt_create(by=installation["clerk_a"], client_ref=uuid.UUID(data["id"]),
                                         region="3301", item_code=data["item"], applicant=data["applicant"],
                                         materials=data["materials"])
    assert outbound.crossregion_sync()["attempted"] == 1
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.PENDING and receipt.attempts == 1
    assert receipt.next_attempt_at == MONDAY + dt.timedelta(seconds=30)
    assert outbound.crossregion_sync()["attempted"] == 0  # not due yet
    wire.down = False
    frozen.shift(dt.timedelta(seconds=31))
    assert outbound.crossregion_sync()["forwarded"] == 1
    receipt.refresh_from_db()
    assert receipt.status == ReceiptStatus.FORWARDED and receipt.remote_case_number


def test_refused_hand_in_is_not_retried(installation, wire):
    data = receipt_body(installation, item="NO-SUCH-ITEM")
    receipt, _ = outbound.receipt_create(by=installation["clerk_a"], client_ref=uuid.UUID(data["id"]),
                                         region="3301", item_code=data["item"], applicant=data["applicant"],
                                         materials=data["materials"])
    receipt = outbound.receipt_forward(receipt=receipt)
    assert receipt.status == ReceiptStatus.REJECTED
    assert receipt.timeline[-1]["code"] == "unknown_item"


def test_receipt_needs_a_partner_for_the_region(installation):
    data = receipt_body(installation)
    with pytest.raises(Exception) as err:
        outbound.receipt_create(by=installation["clerk_a"], client_ref=uuid.UUID(data["id"]), region="44",
                                item_code=data["item"], applicant=data["applicant"], materials=[])
    assert err.value.code == "unknown_partner"


def test_receipt_of_another_centre_is_404(installation, wire, token_for, outsider):
    data = receipt_body(installation)
    outbound.receipt_create(by=installation["clerk_a"], client_ref=uuid.UUID(data["id"]), region="3301",
                            item_code=data["item"], applicant=data["applicant"], materials=[])
    clerk_b_token = token_for(installation["b"].client.acting_staff)
    resp = Client().get(f"/api/v1/exchange/crossregion/receipts/{data['id']}", **clerk_b_token)
    assert (resp.status_code, resp.json()["code"]) == (404, "receipt_not_found")


def test_status_answer_is_a_bounded_number_of_queries(installation, django_assert_max_num_queries):
    first, _ = post(installation["key"], body(installation["version"]))
    path = f"{INBOUND}/{first.json()['case']}"
    headers = {"Authorization": f"Bearer {installation['key']}",
               **signing.signed_headers(secret=SECRET, body=path.encode())}
    with django_assert_max_num_queries(12):  # constant: not per event
        resp = Client().get(path, headers=headers)
    assert resp.status_code == 200 and resp.json()["state"] == "received"
    assert [e["action"] for e in resp.json()["timeline"]] == ["receive", "attach", "attach"]
