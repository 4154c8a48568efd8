"""licence_issue_for_case: the signed licence of an approved case (built through the cases services)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from stdnum.iso7064 import mod_37_36

from onewindow.cases import services as case_svc
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.licences.crypto import sha256_hex, signed_message, verify
from onewindow.licences.models import Licence, LicenceEvent, LicenceStatus, LicenceType
from onewindow.licences.services import licence_issue_for_case
from onewindow.network.models import Seal
from onewindow.notices.render import layout as notice_layout
from tests.licences.conftest import (
    DEPARTMENT_USCC,
    PERSON_ID,
    SHANGHAI,
    intake,
    pdf_bytes,
    pdf_text,
    verified,
)


def test_issue_for_an_approved_case(approved_case, issuer, seal, licence_type):
    lic = licence_issue_for_case(case=approved_case, by=issuer,
                                 fields={"经营场所": "测试县人民路1号", "经营项目": "预包装食品销售"})

    assert lic.identifier == f"SPJY{DEPARTMENT_USCC}2026000001017"
    assert mod_37_36.is_valid(lic.identifier)
    assert (lic.licence_type, lic.title, lic.version, lic.status) == (licence_type, "食品经营许可证", 1,
                                                                      LicenceStatus.VALID)
    assert (lic.holder_name, lic.holder_id_type, lic.holder_id_number) == ("张小三", "resident_id", PERSON_ID)
    assert lic.fields == {"经营场所": "测试县人民路1号", "经营项目": "预包装食品销售"}
    assert (lic.issued_on, lic.valid_from, lic.valid_to) == (dt.date(2026, 3, 9), dt.date(2026, 3, 9),
                                                             dt.date(2031, 3, 8))
    assert (lic.issuer_name, lic.issuer_uscc, lic.seal, lic.seal_key) == (
        "测试县市场监督管理局", DEPARTMENT_USCC, seal, seal.test_key)
    assert lic.case == approved_case and lic.issue_due_date == approved_case.issue_due_date

    record = json.loads(lic.record)
    assert record["identifier"] == lic.identifier and record["case"] == approved_case.number
    assert record["holder"] == {"name": "张小三", "id_type": "resident_id", "id_number": PERSON_ID}
    assert record["key_id"] == seal.test_key.key_id and record["seal"] == seal.code
    pdf = pdf_bytes(lic)
    assert lic.record_sha256 == sha256_hex(lic.record.encode()) and lic.pdf_sha256 == sha256_hex(pdf)
    assert verify(public_key=seal.test_key.public_key, signature=lic.signature,
                  message=signed_message(record=lic.record, pdf=pdf))
    assert verified(lic).valid

    event = LicenceEvent.objects.get(licence=lic)
    assert (event.kind, event.actor, event.payload["case"], event.payload["on_time"]) == (
        "issued", issuer, approved_case.number, True)


def test_the_pdf(approved_case, issuer, monkeypatch):
    encoded = []
    real = notice_layout.qr_code
    monkeypatch.setattr(notice_layout, "qr_code", lambda url: encoded.append(url) or real(url))
    lic = licence_issue_for_case(case=approved_case, by=issuer, fields={"经营场所": "人民路1号"})

    text = pdf_text(pdf_bytes(lic))
    for expected in ("食品经营许可证", "张小三", PERSON_ID, "经营场所", "人民路1号", lic.identifier,
                     "2026年3月9日至2031年3月8日", "测试县市场监督管理局", "行政审批专用章"):
        assert expected in text, expected
    assert encoded == [f"https://zwfw.example.gov.cn/licences/verify/{lic.identifier}"]


def test_idempotent(approved_case, issuer, clerk):
    first = licence_issue_for_case(case=approved_case, by=issuer)
    again = licence_issue_for_case(case=approved_case, by=clerk, fields={"经营场所": "另一地址"})
    assert again.pk == first.pk and again.fields == first.fields
    assert Licence.objects.filter(case=approved_case).count() == 1
    assert LicenceEvent.objects.filter(licence=first, kind="issued").count() == 1


def test_serials_count_up(frozen, clerk, chief, issuer, version, seal):
    identifiers = []
    for _ in range(2):
        case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
        identifiers.append(licence_issue_for_case(case=case, by=issuer).identifier)
    assert [i[22:32] for i in identifiers] == ["2026000001", "2026000002"]


def test_not_approved(frozen, clerk, chief, issuer, version, seal):
    case = intake(clerk, version)
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=case, by=issuer)
    assert exc.value.code == "case_not_approved"
    denied = case_svc.case_decide(case=case, by=chief, outcome="deny", opinion="不符合条件")
    with pytest.raises(Conflict):
        licence_issue_for_case(case=denied, by=issuer)
    assert not Licence.objects.exists()


def test_who_may_issue(approved_case, reviewer, outsider):
    with pytest.raises(Forbidden) as exc:
        licence_issue_for_case(case=approved_case, by=reviewer)
    assert exc.value.code == "role_not_allowed"
    with pytest.raises(Forbidden) as exc:
        licence_issue_for_case(case=approved_case, by=outsider)
    assert exc.value.code == "out_of_scope"  # a clerk of another centre
    assert licence_issue_for_case(case=approved_case, by=None).case_id == approved_case.pk  # the system


def test_unknown_fields_are_refused(approved_case, issuer):
    with pytest.raises(Invalid) as exc:
        licence_issue_for_case(case=approved_case, by=issuer, fields={"注册资本": "100万"})
    assert exc.value.detail["fields"] == ["注册资本"]
    assert not Licence.objects.exists()


def test_generic_result_when_the_item_names_no_licence_type(frozen, clerk, chief, issuer, version, seal):
    version.result_licence_type = ""
    version.result_type = "食品经营备案凭证"
    version.save()
    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    lic = licence_issue_for_case(case=case, by=issuer)
    assert (lic.licence_type.code, lic.licence_type.identifier_code, lic.title) == (
        "generic_result", "GEN", "食品经营备案凭证")
    assert lic.fields == {"事项名称": "食品经营许可", "办件编号": case.number, "决定日期": "2026年3月9日"}
    assert lic.valid_to is None
    assert "食品经营备案凭证" in pdf_text(pdf_bytes(lic))


def test_a_type_the_library_does_not_know_is_registered(frozen, clerk, chief, issuer, version, seal):
    LicenceType.objects.all().delete()
    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    lic = licence_issue_for_case(case=case, by=issuer)
    assert (lic.licence_type.code, lic.licence_type.identifier_code, lic.licence_type.name) == (
        "food_business_licence", "FBL", "食品经营许可证")


def test_nothing_to_issue(frozen, clerk, chief, issuer, version, seal):
    version.result_licence_type = version.result_type = ""
    version.save()
    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=case, by=issuer)
    assert exc.value.code == "no_result_document"


def test_issuer_needs_a_uscc_and_a_seal(approved_case, issuer, department, seal):
    department.uscc = ""
    department.save()
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=approved_case, by=issuer)
    assert exc.value.code == "issuer_uscc_missing"  # the centre has none either
    department.uscc = DEPARTMENT_USCC
    department.save()
    Seal.objects.filter(pk=seal.pk).update(status="revoked", revoked_on=dt.date(2026, 3, 1))
    with pytest.raises(Conflict) as exc:
        licence_issue_for_case(case=approved_case, by=issuer)
    assert exc.value.code == "no_active_seal"
    assert not Licence.objects.exists()


def test_late_issue_is_recorded(approved_case, issuer, frozen):
    due = approved_case.issue_due_date
    assert due is not None and due > dt.date(2026, 3, 9)  # art. 44: 10 working days after the decision
    frozen.move_to(dt.datetime.combine(due + dt.timedelta(days=3), dt.time(10), tzinfo=SHANGHAI))
    lic = licence_issue_for_case(case=approved_case, by=issuer)
    event = LicenceEvent.objects.get(licence=lic, kind="issued")
    assert event.payload == {"case": approved_case.number, "issue_due_date": due.isoformat(),
                             "on_time": False}
