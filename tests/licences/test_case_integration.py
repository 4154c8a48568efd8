"""The licence library inside the case lifecycle: reuse at intake (免提交, issue 7 §5) records the
consent and marks the material, or refuses with nothing written; a licence issued through case_issue
passes the issuing window's check."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases import services as case_svc
from onewindow.cases.models import Applicant, Case, CaseMaterial
from onewindow.core.errors import Invalid
from onewindow.licences.models import Licence, LicenceEvent, ReuseConsent
from onewindow.licences.selectors import check_against_decision
from onewindow.licences.services import licence_revoke
from tests.licences.conftest import OTHER_PERSON_ID, PERSON_ID, direct_licence

M = case_svc.MaterialIn
PERSON = {"kind": "person", "name": "张小三", "id_type": "resident_id", "id_number": PERSON_ID}


def _intake(clerk, version, *lines, id_number=PERSON_ID):
    base = [M(material=m.pk, provided="original") for m in (version.m_form, version.m_id)]
    person = case_svc.ApplicantIn(kind="person", name="张小三", id_type="resident_id", id_number=id_number)
    return case_svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=person,
                                materials=[*base, *lines]).case


@pytest.fixture
def business(frozen, department, business_type, seal):
    return direct_licence(licence_type=business_type, department=department)


def test_reuse_at_intake_takes_the_newest_valid_licence(business, clerk, version, department, business_type):
    newer = direct_licence(licence_type=business_type, department=department, valid_from=dt.date(2026, 3, 2))
    case = _intake(clerk, version, M(material=version.m_business.pk, provided="licence_library"))
    assert case.state == "accepted" and case.missing == []
    row = CaseMaterial.objects.get(case=case, material=version.m_business)
    assert row.status == "licence_library"
    consent = ReuseConsent.objects.get(case=case)
    assert (consent.material, consent.licence, consent.consenting_role) == (version.m_business, newer,
                                                                            "applicant")
    assert consent.recorded_by == clerk and newer.identifier in consent.text
    assert LicenceEvent.objects.filter(licence=newer, kind="reused").count() == 1
    assert not LicenceEvent.objects.filter(licence=business, kind="reused").exists()


def test_reuse_of_a_named_licence_over_http(business, clerk, version, business_type, department, api_client,
                                            token_for):
    direct_licence(licence_type=business_type, department=department, valid_from=dt.date(2026, 3, 2))
    body = {"item": version.item.implementation_code,
            "applicant": PERSON,
            "materials": [{"material": version.m_form.pk, "provided": "original"},
                          {"material": version.m_id.pk, "provided": "copy"},
                          {"material": version.m_business.pk, "provided": "licence_library",
                           "licence": business.identifier.lower()}]}
    resp = api_client.post("/api/v1/cases", body, content_type="application/json", **token_for(clerk))
    assert resp.status_code == 201, resp.content
    case = Case.objects.get(number=resp.json()["number"])
    assert ReuseConsent.objects.get(case=case).licence == business
    got = api_client.get(f"/api/v1/cases/{case.number}", **token_for(clerk)).json()
    line = next(m for m in got["materials"] if m["material"] == version.m_business.pk)
    assert line["status"] == "licence_library"


@pytest.mark.parametrize("situation", ["none", "other_holder", "revoked", "expired", "unknown_identifier"])
def test_no_valid_licence_to_reuse_writes_nothing(situation, frozen, clerk, manager, version, department,
                                                 business_type, seal):
    named = ""
    if situation == "other_holder":
        named = direct_licence(licence_type=business_type, department=department,
                               holder=("李四", "resident_id", OTHER_PERSON_ID)).identifier
    elif situation == "revoked":
        lic = direct_licence(licence_type=business_type, department=department)
        licence_revoke(licence=lic, reason="吊销", by=manager)
    elif situation == "expired":
        direct_licence(licence_type=business_type, department=department, valid_from=dt.date(2021, 1, 1),
                       valid_to=dt.date(2026, 3, 8))
    elif situation == "unknown_identifier":
        direct_licence(licence_type=business_type, department=department)
        named = "YYZZ12990101MB000000162026999999010"
    cases_before = Case.objects.count()
    with pytest.raises(Invalid) as exc:
        _intake(clerk, version, M(material=version.m_business.pk, provided="licence_library", licence=named))
    assert exc.value.code == "licence_not_found_for_reuse"
    assert exc.value.detail["material"] == version.m_business.pk
    assert exc.value.detail["licence_type"] == "business_licence"
    assert Case.objects.count() == cases_before and not Applicant.objects.filter(name="张小三").exists()
    assert not ReuseConsent.objects.exists()
    assert not LicenceEvent.objects.filter(kind="reused").exists()


def test_no_licence_over_http_is_422(frozen, clerk, version, api_client, token_for):
    body = {"item": version.item.implementation_code,
            "applicant": PERSON,
            "materials": [{"material": version.m_business.pk, "provided": "licence_library"}]}
    resp = api_client.post("/api/v1/cases", body, content_type="application/json", **token_for(clerk))
    assert resp.status_code == 422 and resp.json()["code"] == "licence_not_found_for_reuse"
    assert not Case.objects.exists()


def test_a_licence_named_for_a_material_that_cannot_take_one(business, clerk, version):
    with pytest.raises(Invalid) as exc:
        _intake(clerk, version, M(material=version.m_form.pk, provided="licence_library",
                                  licence=business.identifier))
    # m_form is listed twice: validation of the list comes first.
    assert exc.value.code == "duplicate_material"
    with pytest.raises(Invalid) as exc:
        _intake(clerk, version, M(material=version.m_business.pk, provided="original",
                                  licence=business.identifier))
    assert exc.value.code == "material_not_reusable"
    assert not Case.objects.exists()


def test_reuse_when_supplementing(business, clerk, version):
    person = case_svc.ApplicantIn(kind="person", name="张小三", id_type="resident_id", id_number=PERSON_ID)
    case = case_svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=person,
                                materials=[M(material=version.m_form.pk, provided="original")]).case
    assert case.state == "supplement_required"
    case = case_svc.case_supplement(case=case, by=clerk, materials=[
        M(material=version.m_id.pk, provided="copy"),
        M(material=version.m_business.pk, provided="licence_library")])
    assert case.state == "accepted"
    assert ReuseConsent.objects.get(case=case).licence == business


def test_a_case_issued_licence_passes_the_window_check(approved_case, issuer):
    case = case_svc.case_issue(case=approved_case, by=issuer)
    lic = Licence.objects.get(case=case)
    check = check_against_decision(licence=lic, case=case)
    assert check.ok, check.problems
    assert lic.issue_due_date == case.issue_due_date
    assert LicenceEvent.objects.get(licence=lic, kind="issued").payload["on_time"] is True
