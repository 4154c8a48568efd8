"""POST /api/v1/cases: intake over HTTP, Idempotency-Key, and bad input that writes nothing."""

from __future__ import annotations

import pytest

from onewindow.cases.models import (
    Applicant,
    Case,
    CaseEvent,
    CaseMaterial,
    CaseNumberSequence,
    IdempotencyKey,
)
from onewindow.catalogue.models import VersionStatus
from tests.cases.conftest import ORG_USCC, PERSON_ID
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory

URL = "/api/v1/cases"


def body(version, **kw):
    data = {"item": version.item.implementation_code,
            "applicant": {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": PERSON_ID,
                          "phone": "13800001234"},
            "materials": [{"material": version.m_form.pk, "provided": "original"},
                          {"material": version.m_id.pk, "provided": "copy"}],
            "channel": "window"}
    data.update(kw)
    return data


@pytest.fixture
def post(api_client, token_for, frozen):
    def do(staff, data, **headers):
        return api_client.post(URL, data, content_type="application/json", **token_for(staff), **headers)
    return do


def counts():
    return (Case.objects.count(), Applicant.objects.count(), CaseEvent.objects.count(),
            CaseMaterial.objects.count(), IdempotencyKey.objects.count(),
            sum(CaseNumberSequence.objects.values_list("last", flat=True)))


def test_complete_materials_accept_in_one_request(post, clerk, version):
    resp = post(clerk, body(version))
    assert resp.status_code == 201, resp.content
    data = resp.json()
    # Received and accepted on Monday 2026-03-09: promised 10 working days → Mon 2026-03-23;
    # statutory 20 → 2026-04-07 (Qingming: Sat 4 – Mon 6 April 2026 are holidays).
    assert data["state"] == "accepted"
    assert data["case_class"] == "promised"
    assert data["number"] == "99010120260309000001"
    assert data["promised_due_date"] == "2026-03-23"
    assert data["due_date"] == "2026-03-23"
    assert data["statutory_due_date"] == "2026-04-07"
    assert data["missing"] == []
    case = Case.objects.get(number=data["number"])
    assert [e.action for e in case.events.order_by("seq")] == ["receive", "accept"]
    assert case.receiving_clerk == clerk
    # The licence-library material need not be submitted.
    assert case.materials.get(material=version.m_licence).status == "licence_library"


def test_missing_materials_one_time_notice_lists_everything(post, clerk, version):
    data = body(version, materials=[{"material": version.m_form.pk, "provided": "original"}],
                situation_answers={str(version.situation.pk): version.opt_rented.pk})
    resp = post(clerk, data)
    assert resp.status_code == 201, resp.content
    out = resp.json()
    assert out["state"] == "supplement_required"
    assert out["case_class"] == "supplement"
    # Both the required ID and the lease the "rented" answer adds, at once.
    assert [m["material"] for m in out["missing"]] == [version.m_id.pk, version.m_lease.pk]
    case = Case.objects.get(number=out["number"])
    notice = case.events.get(action="notice")
    assert notice.payload["missing"] == out["missing"]
    assert case.accepted_on is None and case.one_time_notice_at is not None


def test_sequential_numbers(post, clerk, version):
    numbers = [post(clerk, body(version)).json()["number"] for _ in range(3)]
    assert numbers == [f"99010120260309{n:06d}" for n in (1, 2, 3)]


def test_organisation_applicant(post, clerk, version):
    data = body(version, applicant={"kind": "organisation", "name": "测试有限公司", "id_type": "uscc",
                                    "id_number": ORG_USCC})
    assert post(clerk, data).status_code == 201


def test_idempotency_key_retry_returns_same_case(post, clerk, version):
    first = post(clerk, body(version), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(clerk, body(version), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert Case.objects.count() == 1
    other = post(clerk, body(version, expedited=True), HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 409
    assert other.json()["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1
    assert post(clerk, body(version), HTTP_IDEMPOTENCY_KEY="k-2").status_code == 201
    assert Case.objects.count() == 2


def _unpublished(department):
    item = ServiceItemFactory(department=department, centre=department.centre,
                              implementation_code="11990101MB0000001X400011199999")
    ItemVersionFactory(item=item, status=VersionStatus.DRAFT)
    return item


BAD = {
    "invalid_resident_id": lambda v, d: {"applicant": {"kind": "person", "name": "张三",
                                                       "id_type": "resident_id",
                                                       "id_number": "110105194912310021"}},
    "invalid_uscc": lambda v, d: {"applicant": {"kind": "organisation", "name": "某公司", "id_type": "uscc",
                                                "id_number": "91350100M000100Y44"}},
    "id_type_mismatch": lambda v, d: {"applicant": {"kind": "organisation", "name": "某公司",
                                                    "id_type": "resident_id", "id_number": PERSON_ID}},
    "unknown_item": lambda v, d: {"item": "NO-SUCH-ITEM"},
    "item_not_published": lambda v, d: {"item": _unpublished(d).implementation_code},
    "material_not_in_list": lambda v, d: {"materials": [{"material": MaterialFactory().pk,
                                                         "provided": "original"}]},
    "duplicate_material": lambda v, d: {"materials": [{"material": v.m_form.pk, "provided": "original"},
                                                      {"material": v.m_form.pk, "provided": "copy"}]},
    "unknown_situation": lambda v, d: {"situation_answers": {"999999": 1}},
    "validation_error": lambda v, d: {"channel": "carrier_pigeon"},
}


@pytest.mark.parametrize("code", BAD)
def test_bad_input_writes_nothing(post, clerk, version, department, code):
    data = body(version, **BAD[code](version, department))
    before = counts()
    resp = post(clerk, data)
    assert resp.status_code == 422, resp.content
    assert resp.json()["code"] == code
    assert counts() == before


def test_nul_character_is_422(post, clerk, version):
    data = body(version)
    data["applicant"]["name"] = "张\x00三"
    before = counts()
    assert post(clerk, data).status_code == 422
    assert counts() == before


def test_wrong_role_and_anonymous(post, reviewer, supervisor, version, api_client):
    before = counts()
    for staff in (reviewer, supervisor):
        resp = post(staff, body(version))
        assert resp.status_code == 403
        assert resp.json()["code"] == "role_not_allowed"
    assert api_client.post(URL, body(version), content_type="application/json").status_code == 401
    assert counts() == before


def test_item_of_another_centre_is_unknown(post, outsider, version):
    before = counts()
    resp = post(outsider, body(version))
    assert resp.status_code == 422 and resp.json()["code"] == "unknown_item"
    assert counts() == before


def test_receipt_is_acceptance_centre(post, clerk, version, centre):
    centre.receipt_is_acceptance = True
    centre.save()
    out = post(clerk, body(version, materials=[{"material": version.m_form.pk,
                                                "provided": "original"}])).json()
    assert out["state"] == "accepted"
    assert [m["material"] for m in out["missing"]] == [version.m_id.pk]
    case = Case.objects.get(number=out["number"])
    assert case.accepted_on.isoformat() == "2026-03-09"
    assert case.events.get(action="accept").payload["mode"] == "receipt_is_acceptance"


def test_online_and_village_proxy_channels(post, clerk, agent, version):
    assert post(clerk, body(version, channel="online")).json()["state"] == "submitted"
    assert post(agent, body(version, channel="village_proxy")).json()["state"] == "received"
    assert post(clerk, body(version, accept=False)).json()["state"] == "received"
    assert post(clerk, body(version, draft=True)).json()["state"] == "draft"


def test_agent_needs_letter_of_authorisation(post, clerk, version):
    applicant = {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": PERSON_ID,
                 "agent_name": "李四", "agent_id_number": "11010519491231002X"}
    before = counts()
    resp = post(clerk, body(version, applicant=applicant))
    assert resp.status_code == 422 and resp.json()["code"] == "authorisation_letter_required"
    assert counts() == before
    applicant["authorisation_letter"] = True
    assert post(clerk, body(version, applicant=applicant)).status_code == 201
