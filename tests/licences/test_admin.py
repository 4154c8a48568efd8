"""Admin of the licence library: every list opens, the licence list verifies each row."""

from __future__ import annotations

import pytest
from django.urls import reverse

from onewindow.licences.models import Licence, LicenceType
from onewindow.licences.services import licence_deliver
from tests.factories import UserFactory
from tests.licences.conftest import PERSON_ID


@pytest.fixture
def admin_client(client, db):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


def test_licence_list_shows_the_verification(admin_client, licence):
    other = Licence.objects.get(pk=licence.pk)
    url = reverse("admin:licences_licence_changelist")
    assert ">valid<" in admin_client.get(url).content.decode()
    Licence.objects.filter(pk=other.pk).update(record=other.record.replace("张小三", "张小四"))
    html = admin_client.get(url).content.decode()
    assert ">signature_mismatch<" in html and licence.identifier in html


def test_every_list_and_detail_opens(admin_client, licence, issuer, clerk, version):
    licence_deliver(licence=licence, method="pickup", by=issuer, detail={"id_number": PERSON_ID})
    for model in ("licencetype", "sealkey", "licenceserial", "licence", "licenceevent", "licencedelivery",
                  "reuseconsent"):
        resp = admin_client.get(reverse(f"admin:licences_{model}_changelist"))
        assert resp.status_code == 200, model
    resp = admin_client.get(reverse("admin:licences_licence_change", args=[licence.pk]))
    assert resp.status_code == 200 and "issued" in resp.content.decode()
    assert admin_client.get(reverse("admin:licences_licence_add")).status_code == 403


def test_licence_type_form(admin_client, db):
    url = reverse("admin:licences_licencetype_add")
    data = {"code": "hygiene_licence", "identifier_code": "gwxk", "name": "公共场所卫生许可证",
            "validity_years": "4", "fields_schema": '["场所名称", "许可项目"]', "active": "on"}
    resp = admin_client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    made = LicenceType.objects.get(code="hygiene_licence")
    assert (made.identifier_code, made.fields_schema) == ("GWXK", ["场所名称", "许可项目"])
    bad = admin_client.post(url, data | {"code": "x2", "identifier_code": "g-1", "fields_schema": '"a"'})
    assert bad.status_code == 200 and not LicenceType.objects.filter(code="x2").exists()


def test_identifier_code_locked_once_used(admin_client, licence, licence_type):
    resp = admin_client.get(reverse("admin:licences_licencetype_change", args=[licence_type.pk]))
    assert 'name="identifier_code"' not in resp.content.decode()
