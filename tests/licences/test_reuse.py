"""Reuse (免提交): licences_for_holder, reusable_materials and material_reuse_consent."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.licences.models import Licence, ReuseConsent
from onewindow.licences.selectors import licences_for_holder, reusable_materials
from onewindow.licences.services import licence_revoke, material_reuse_consent
from tests.licences.conftest import OTHER_PERSON_ID, PERSON_ID, direct_licence, intake

CONSENT = "本人同意通过电子证照库调取营业执照，免于提交纸质材料。"


@pytest.fixture
def business(frozen, business_type, department, seal):
    return direct_licence(licence_type=business_type, department=department, fields={"住所": "人民路1号"})


@pytest.fixture
def case(frozen, clerk, version, seal):
    return intake(clerk, version)


def test_licences_for_holder(business, business_type, department, chief, frozen):
    other_holder = direct_licence(licence_type=business_type, department=department,
                                  holder=("李四", "resident_id", OTHER_PERSON_ID))
    lapsed = direct_licence(licence_type=business_type, department=department, valid_from=dt.date(2020, 1, 1),
                            valid_to=dt.date(2025, 12, 31))
    revoked = direct_licence(licence_type=business_type, department=department)
    licence_revoke(licence=revoked, reason="注销", by=chief)

    found = list(licences_for_holder(id_type="resident_id", id_number=PERSON_ID.lower(),
                                     licence_type_code="business_licence"))
    assert found == [business]
    assert other_holder not in found and lapsed not in found
    assert list(licences_for_holder(id_type="resident_id", id_number=PERSON_ID,
                                    licence_type_code="business_licence", on=dt.date(2025, 6, 1))) == [lapsed]
    assert not licences_for_holder(id_type="resident_id", id_number=PERSON_ID,
                                   licence_type_code="food_business_licence").exists()


def test_reusable_materials(case, business, version, django_assert_max_num_queries):
    case = type(case).objects.select_related("applicant").get(pk=case.pk)
    with django_assert_max_num_queries(3):
        rows = reusable_materials(case=case)
    assert [(r.material, r.licence_type_code, r.licences, r.consent) for r in rows] == [
        (version.m_business, "business_licence", [business], None)]
    assert rows[0].available


def test_reusable_materials_without_a_licence(case, version):
    rows = reusable_materials(case=case)
    assert [(r.material, r.available) for r in rows] == [(version.m_business, False)]


def test_consent(case, business, version, clerk):
    consent = material_reuse_consent(case=case, material=version.m_business, licence=business, by=clerk,
                                     consent_text=CONSENT)
    assert (consent.case, consent.material, consent.licence, consent.consenting_name, consent.consenting_role,
            consent.text, consent.recorded_by) == (case, version.m_business, business, "张小三", "applicant",
                                                   CONSENT, clerk)
    assert business.events.get(kind="reused").payload["case"] == case.number
    # The same consent again is the same record; the selector now shows it.
    again = material_reuse_consent(case=case, material=version.m_business, licence=business, by=clerk,
                                   consent_text=CONSENT)
    assert again.pk == consent.pk and ReuseConsent.objects.count() == 1
    assert reusable_materials(case=case)[0].consent == consent


def test_consent_by_an_agent(frozen, clerk, version, seal, business):
    case = intake(clerk, version, agent_name="王五", agent_id_number=OTHER_PERSON_ID,
                  authorisation_letter=True)
    consent = material_reuse_consent(case=case, material=version.m_business, licence=business, by=clerk,
                                     consent_text=CONSENT)
    assert (consent.consenting_name, consent.consenting_role) == ("王五", "agent")


def test_consent_refusals(case, business, business_type, department, version, clerk, chief, reviewer):
    def consent(**kw):
        args = {"case": case, "material": version.m_business, "licence": business, "by": clerk,
                "consent_text": CONSENT} | kw
        return material_reuse_consent(**args)

    with pytest.raises(Invalid) as exc:
        consent(consent_text=" ")
    assert exc.value.code == "field_required"
    with pytest.raises(Invalid) as exc:
        consent(material=version.m_form)
    assert exc.value.code == "material_not_reusable"
    foreign = direct_licence(licence_type=business_type, department=department,
                             holder=("李四", "resident_id", OTHER_PERSON_ID))
    with pytest.raises(Invalid) as exc:
        consent(licence=foreign)
    assert exc.value.code == "licence_not_of_applicant"
    with pytest.raises(Forbidden):
        consent(by=reviewer)
    Licence.objects.filter(pk=business.pk).update(record=business.record.replace("人民路", "人民街"))
    with pytest.raises(Conflict) as exc:
        consent()
    assert (exc.value.code, exc.value.detail["reason"]) == ("licence_not_valid", "signature_mismatch")
    assert not ReuseConsent.objects.exists()


def test_consent_type_and_material_of_the_case(case, licence_type, department, version, clerk):
    food = direct_licence(licence_type=licence_type, department=department)
    with pytest.raises(Invalid) as exc:
        material_reuse_consent(case=case, material=version.m_business, licence=food, by=clerk,
                               consent_text=CONSENT)
    assert exc.value.code == "licence_type_mismatch"
    from tests.factories import MaterialFactory

    elsewhere = MaterialFactory(source="licence_library", licence_type="business_licence")
    with pytest.raises(Invalid) as exc:
        material_reuse_consent(case=case, material=elsewhere, licence=food, by=clerk, consent_text=CONSENT)
    assert exc.value.code == "material_not_of_case"


def test_another_licence_for_a_consented_material(case, business, business_type, department, version, clerk):
    material_reuse_consent(case=case, material=version.m_business, licence=business, by=clerk,
                           consent_text=CONSENT)
    second = direct_licence(licence_type=business_type, department=department)
    with pytest.raises(Conflict) as exc:
        material_reuse_consent(case=case, material=version.m_business, licence=second, by=clerk,
                               consent_text=CONSENT)
    assert exc.value.code == "material_already_consented"
