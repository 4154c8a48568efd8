"""GET /api/v1/licences/verify/{identifier}: public, masked, the signature checked on every call."""

from __future__ import annotations

import pytest

from onewindow.licences.identifiers import identifier_build
from onewindow.licences.models import Licence
from onewindow.licences.services import licence_replace, licence_revoke
from tests.api.conftest import assert_error

URL = "/api/v1/licences/verify/{}"


def test_valid_licence_without_login(api_client, licence, django_assert_max_num_queries):
    # One SELECT with joins, the counting UPDATE (and its transaction's savepoint + release in a test).
    with django_assert_max_num_queries(4):
        resp = api_client.get(URL.format(licence.identifier))
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert body["valid"] is True and body["status"] == "valid" and body["reason"] is None
    assert (body["message"], body["message_en"]) == ("有效", "Valid")
    assert body["holder_name"] == "张*三"
    assert body["holder_id_number"] == "110***********002X"
    assert body["holder_id_type"] == "resident_id"
    assert (body["title"], body["licence_type"], body["version"]) == (
        "食品经营许可证", "food_business_licence", 1)
    assert (body["issuer"], body["issuer_uscc"], body["seal"]) == (
        "测试县市场监督管理局", licence.issuer_uscc, "测试县市场监督管理局行政审批专用章")
    assert (body["issued_on"], body["valid_from"], body["valid_to"]) == (
        "2026-03-09", "2026-03-09", "2031-03-08")
    assert body["key_id"] == licence.key_id
    assert body["replaced_by"] is None and body["seal_revoked_on"] is None
    # Nothing of the full ID number or the licence's fields is disclosed.
    assert licence.holder_id_number not in resp.content.decode()
    assert "人民路" not in resp.content.decode() and "张小三" not in resp.content.decode()
    assert Licence.objects.get(pk=licence.pk).verification_count == 1


def test_invalid_after_tampering(api_client, licence):
    Licence.objects.filter(pk=licence.pk).update(record=licence.record.replace("预包装", "散装"))
    body = api_client.get(URL.format(licence.identifier)).json()
    assert (body["valid"], body["status"], body["reason"]) == (False, "invalid", "signature_mismatch")
    assert body["holder_name"] is None and body["valid_to"] is None  # nothing from an untrusted record


def test_invalid_after_pdf_tampering(api_client, licence):
    with open(licence.pdf.path, "r+b") as fh:
        fh.seek(100)
        byte = fh.read(1)
        fh.seek(100)
        fh.write(bytes([byte[0] ^ 0xFF]))
    body = api_client.get(URL.format(licence.identifier)).json()
    assert (body["valid"], body["reason"]) == (False, "signature_mismatch")


def test_revoked_and_replaced(api_client, licence, issuer, chief):
    new = licence_replace(licence=licence, by=issuer, reason="变更")
    body = api_client.get(URL.format(licence.identifier)).json()
    assert (body["valid"], body["status"], body["replaced_by"]) == (False, "replaced", new.identifier)
    licence_revoke(licence=new, reason="撤销", by=chief)
    body = api_client.get(URL.format(new.identifier)).json()
    assert (body["valid"], body["status"], body["message"]) == (False, "revoked", "已撤销")


def test_expired(api_client, licence, frozen):
    import datetime as dt

    from tests.licences.conftest import SHANGHAI

    frozen.move_to(dt.datetime(2031, 3, 9, 9, 0, tzinfo=SHANGHAI))
    body = api_client.get(URL.format(licence.identifier)).json()
    assert (body["valid"], body["status"]) == (False, "expired")


def test_bad_check_character_is_422(api_client, licence):
    bad = licence.identifier[:-1] + ("A" if licence.identifier[-1] != "A" else "B")
    body = assert_error(api_client.get(URL.format(bad)), 422, "invalid_identifier")
    assert body["detail"]["reason"] == "check_character"
    assert_error(api_client.get(URL.format("x" * 300)), 422, "invalid_identifier")


def test_unknown_is_404(api_client, licence):
    unknown = identifier_build(type_code="SPJY", issuer_uscc=licence.issuer_uscc, serial="2026000999",
                               version=1)
    assert_error(api_client.get(URL.format(unknown)), 404, "licence_not_found")


@pytest.mark.django_db
def test_in_the_openapi_document(api_client):
    paths = api_client.get("/api/v1/openapi.json").json()["paths"]
    op = paths["/api/v1/licences/verify/{identifier}"]["get"]
    assert set(op["responses"]) >= {"200", "404", "422"}
    assert not op.get("security")


def test_an_organisation_is_named_in_full(api_client, business_type, department, seal, frozen):
    from tests.licences.conftest import direct_licence

    lic = direct_licence(licence_type=business_type, department=department,
                         holder=("测试食品有限公司", "uscc", "91350100M000100Y43"))
    body = api_client.get(URL.format(lic.identifier)).json()
    assert (body["holder_name"], body["holder_id_number"], body["holder_id_type"]) == (
        "测试食品有限公司", "913***********0Y43", "uscc")
