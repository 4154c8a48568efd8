"""The public verification page /licences/verify/<identifier> (the QR code's target)."""

from __future__ import annotations

from django.test import Client

from onewindow.licences.identifiers import identifier_build
from onewindow.licences.models import Licence
from onewindow.network.services import seal_revoke


def test_page_without_login(licence, django_assert_max_num_queries):
    client = Client()
    # One SELECT with joins, the counting UPDATE (and its transaction's savepoint + release in a test).
    with django_assert_max_num_queries(4):
        resp = client.get(f"/licences/verify/{licence.identifier}")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'data-status="valid"' in html
    assert "张*三" in html and "110***********002X" in html
    assert "张小三" not in html and licence.holder_id_number not in html
    assert licence.identifier in html and "食品经营许可证" in html
    assert resp["Cache-Control"] == "no-store"


def test_page_shows_tampering(licence):
    Licence.objects.filter(pk=licence.pk).update(record=licence.record.replace("张小三", "张小四"))
    resp = Client().get(f"/licences/verify/{licence.identifier}")
    html = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-status="invalid"' in html and "篡改" in html
    assert "张*四" not in html and "张*三" not in html


def test_page_shows_a_seal_revoked_later(licence, seal, frozen):
    import datetime as dt

    frozen.shift(dt.timedelta(days=2))
    seal_revoke(seal=seal, reason="更换")
    html = Client().get(f"/licences/verify/{licence.identifier}").content.decode()
    assert 'data-status="valid"' in html and "2026-03-11" in html


def test_page_errors(licence):
    bad = licence.identifier[:-1] + ("A" if licence.identifier[-1] != "A" else "B")
    assert Client().get(f"/licences/verify/{bad}").status_code == 422
    unknown = identifier_build(type_code="SPJY", issuer_uscc=licence.issuer_uscc, serial="2026000999",
                               version=1)
    resp = Client().get(f"/licences/verify/{unknown}")
    assert resp.status_code == 404
    assert "No licence with this identifier" in resp.content.decode() or "电子证照库" in resp.content.decode()
