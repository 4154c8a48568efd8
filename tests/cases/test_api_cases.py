"""GET /cases/{number}, GET /cases, POST /cases/{number}/actions/{action}, attachments, scoping."""

from __future__ import annotations

import io
import zipfile

import pytest

from onewindow.cases.models import Attachment, Case, CaseEvent
from tests.cases.conftest import intake


@pytest.fixture
def headers(token_for, frozen):
    cache = {}

    def get(staff):
        if staff.pk not in cache:
            cache[staff.pk] = token_for(staff)
        return cache[staff.pk]
    return get


def act(api_client, headers, staff, number, action, data=None):
    return api_client.post(f"/api/v1/cases/{number}/actions/{action}", data or {},
                           content_type="application/json", **headers(staff))


def test_get_case_detail_and_query_count(api_client, headers, clerk, reviewer, version,
                                         django_assert_max_num_queries):
    case = intake(clerk, version).case
    h = headers(clerk)
    api_client.get(f"/api/v1/cases/{case.number}", **h)  # warm the calendar cache
    with django_assert_max_num_queries(14):
        resp = api_client.get(f"/api/v1/cases/{case.number}", **h)
    assert resp.status_code == 200
    data = resp.json()
    assert data["state"] == "accepted"
    assert [e["action"] for e in data["events"]] == ["receive", "accept"]
    assert data["events"][0]["by"] == "clerk"
    assert data["fees_due"] == "0.00"
    assert data["clock"]["working_days_used"] == 0
    assert data["clock"]["working_days_remaining"] == 10
    assert data["clock"]["working_days_limit"] == 10
    assert data["clock"]["provisional"] is False
    assert {m["name"] for m in data["materials"]} >= {"申请书", "身份证明"}
    assert data["tasks"] == []


def test_list_is_scoped_keyset_paged_and_green_channel_first(api_client, headers, clerk, reviewer, outsider,
                                                             version, django_assert_max_num_queries):
    numbers = [intake(clerk, version).case.number for _ in range(4)]
    green = intake(clerk, version, expedited=True).case
    assert green.case_class == "expedited"
    h = headers(clerk)
    api_client.get("/api/v1/cases?limit=2", **h)
    with django_assert_max_num_queries(8):
        first = api_client.get("/api/v1/cases?limit=2", **h).json()
    assert [r["number"] for r in first["results"]] == [green.number, numbers[-1]]
    second = api_client.get(first["next"], **h).json()
    third = api_client.get(second["next"], **h).json()
    assert [r["number"] for r in second["results"] + third["results"]] == numbers[2::-1]
    assert third["next"] is None
    # Another centre's staff sees nothing; the department's reviewer sees them all.
    assert api_client.get("/api/v1/cases", **headers(outsider)).json()["results"] == []
    assert len(api_client.get("/api/v1/cases?limit=50", **headers(reviewer)).json()["results"]) == 5
    assert api_client.get("/api/v1/cases?state=supplement_required", **h).json()["results"] == []
    assert api_client.get("/api/v1/cases?cursor=!!", **h).status_code == 422


def test_other_centre_gets_404_for_read_and_actions(api_client, headers, clerk, outsider, version):
    case = intake(clerk, version).case
    h = headers(outsider)
    r1 = api_client.get(f"/api/v1/cases/{case.number}", **h)
    r2 = api_client.get("/api/v1/cases/NOPE", **h)
    assert r1.status_code == r2.status_code == 404
    assert r1.json()["code"] == r2.json()["code"] == "case_not_found"
    before = CaseEvent.objects.count()
    resp = act(api_client, headers, outsider, case.number, "review", {"opinion": "x"})
    assert resp.status_code == 404
    assert CaseEvent.objects.count() == before


def test_reviewer_of_another_department_cannot_see(api_client, headers, clerk, version, other_chief):
    case = intake(clerk, version).case
    assert api_client.get(f"/api/v1/cases/{case.number}", **headers(other_chief)).status_code == 404


def test_actions_over_http(api_client, headers, clerk, reviewer, chief, issuer, supervisor, version):
    number = intake(clerk, version).case.number
    assert act(api_client, headers, chief, number, "assign",
               {"reviewer": reviewer.pk}).json()["state"] == "in_review"
    assert act(api_client, headers, reviewer, number, "review", {"opinion": "材料齐全"}).status_code == 200
    # Supervisors read, never act.
    resp = act(api_client, headers, supervisor, number, "decide", {"outcome": "approve"})
    assert resp.status_code == 403 and resp.json()["code"] == "role_not_allowed"
    resp = act(api_client, headers, reviewer, number, "decide", {"outcome": "approve"})
    assert resp.status_code == 403
    resp = act(api_client, headers, chief, number, "decide", {"outcome": "deny"})
    assert resp.status_code == 422 and resp.json()["code"] == "reason_required"
    data = act(api_client, headers, chief, number, "decide", {"outcome": "approve", "opinion": "准予"}).json()
    assert data["state"] == "decided" and data["outcome"] == "approve"
    # Art. 44: issue within 10 working days of Mon 9 March → Mon 23 March 2026.
    assert data["issue_due_date"] == "2026-03-23"
    resp = act(api_client, headers, chief, number, "decide", {"outcome": "approve"})
    assert resp.status_code == 409
    assert resp.json() == {"code": "invalid_transition", "message": resp.json()["message"],
                           "message_en": resp.json()["message_en"],
                           "detail": {"from": "decided", "action": "decide"}}
    assert act(api_client, headers, issuer, number, "issue").json()["state"] == "issued"
    resp = act(api_client, headers, issuer, number, "deliver", {"method": "mail"})
    assert resp.status_code == 422 and resp.json()["code"] == "reason_required"
    assert act(api_client, headers, issuer, number, "deliver",
               {"method": "mail", "detail": "EMS1234567890"}).json()["state"] == "delivered"
    data = act(api_client, headers, issuer, number, "conclude").json()
    assert data["state"] == "concluded"
    assert data["clock"]["on_time"] is True and data["clock"]["early"] is True


def test_unknown_action_and_bad_bodies(api_client, headers, clerk, chief, version):
    number = intake(clerk, version).case.number
    resp = act(api_client, headers, clerk, number, "teleport")
    assert resp.status_code == 404 and resp.json()["code"] == "unknown_action"
    resp = act(api_client, headers, chief, number, "extend", {"working_days": "many", "reason": "x"})
    assert resp.status_code == 422 and resp.json()["code"] == "validation_error"
    resp = act(api_client, headers, chief, number, "extend", {"working_days": 3, "reason": "x", "extra": 1})
    assert resp.status_code == 422
    resp = api_client.post(f"/api/v1/cases/{number}/actions/refuse", "{not json",
                           content_type="application/json",
                           **headers(clerk))
    assert resp.status_code == 422 and resp.json()["code"] == "malformed_json"


PDF = b"%PDF-1.7\n" + b"0" * 100
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100
EXE = b"MZ\x90\x00" + b"0" * 100


def _ofd() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD/>")
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("evil.txt", "x")
    return buf.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(api_client, headers, staff, number, name, data, **extra):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api_client.post(f"/api/v1/cases/{number}/attachments",
                           {"file": SimpleUploadedFile(name, data), **extra}, **headers(staff))


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("scan.pdf", PDF, "application/pdf"), ("photo.bin", PNG, "image/png"),
    ("licence.ofd", _ofd(), "application/ofd"), ("x.jpg", b"\xff\xd8\xff\xe0" + b"0" * 50, "image/jpeg")])
def test_attachment_type_from_content(api_client, headers, clerk, version, media, name, data, content_type):
    case = intake(clerk, version).case
    resp = upload(api_client, headers, clerk, case.number, name, data, material=version.m_form.pk)
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert out["content_type"] == content_type and out["size"] == len(data) and len(out["sha256"]) == 64
    assert out["material"] == version.m_form.pk
    assert case.events.filter(action="attach").count() == 1


@pytest.mark.parametrize(("name", "data", "code"), [
    ("scan.pdf", EXE, "file_type_not_allowed"), ("archive.ofd", _zip(), "file_type_not_allowed"),
    ("big.pdf", PDF + b"0" * 2000, "file_too_large"), ("empty.pdf", b"", "file_empty")])
def test_bad_attachment_writes_nothing(api_client, headers, clerk, version, media, settings, name, data,
                                       code):
    settings.ONEWINDOW_ATTACHMENT_MAX_BYTES = 1000
    case = intake(clerk, version).case
    events = CaseEvent.objects.count()
    resp = upload(api_client, headers, clerk, case.number, name, data)
    assert resp.status_code == 422, resp.content
    assert resp.json()["code"] == code
    assert Attachment.objects.count() == 0 and CaseEvent.objects.count() == events


def test_attachment_type_setting(api_client, headers, clerk, version, media, settings):
    settings.ONEWINDOW_ATTACHMENT_TYPES = "pdf"
    case = intake(clerk, version).case
    assert upload(api_client, headers, clerk, case.number, "p.png", PNG).status_code == 422
    assert upload(api_client, headers, clerk, case.number, "p.pdf", PDF).status_code == 201
    assert Case.objects.count() == 1
