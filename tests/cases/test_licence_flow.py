"""Issue and delivery at the unified window sign and hand over the e-licence (issue 7 §3, art. 44):
issue signs one licence (idempotent), the case shows it with its verification URL, delivery by
pickup, mail or locker is recorded in the licence library, bad details answer its 422 codes."""

from __future__ import annotations

import pytest

from onewindow.cases import services as svc
from onewindow.cases.models import Case, CaseEvent
from onewindow.core.errors import Conflict, Invalid
from onewindow.licences.models import Licence, LicenceDelivery, LicenceEvent
from onewindow.licences.services import licence_issue_for_case
from onewindow.licences.verification import licence_verify, licences_with_relations
from onewindow.network.models import Seal
from tests.cases.conftest import applicant, complete
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.licences.conftest import PERSON_ID, key_file, licence_type, media, seal  # noqa: F401 - fixtures

BASE = "https://zwfw.example.gov.cn"


@pytest.fixture
def lic_version(department, licence_type):  # noqa: F811 - the imported fixture
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100051")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="食品经营许可证",
                           result_licence_type="food_business_licence", conclude_on_delivery=False)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    return v


def _decided(clerk, chief, version):
    case = svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=applicant(),
                           materials=complete(version)).case
    return svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予许可")


@pytest.fixture
def decided(frozen, clerk, chief, lic_version, seal):  # noqa: F811
    return _decided(clerk, chief, lic_version)


@pytest.fixture
def issued(decided, issuer):
    return svc.case_issue(case=decided, by=issuer)


def act(api_client, token_for, staff, number, action, data=None):
    return api_client.post(f"/api/v1/cases/{number}/actions/{action}", data or {},
                           content_type="application/json", **token_for(staff))


def test_issue_signs_one_verifiable_licence_shown_on_the_case(decided, issuer, clerk, api_client, token_for):
    resp = act(api_client, token_for, issuer, decided.number, "issue")
    assert resp.status_code == 200, resp.content
    data = resp.json()
    lic = Licence.objects.get(case=decided)
    assert data["state"] == "issued"
    assert data["licences"] == [{
        "identifier": lic.identifier, "title": "食品经营许可证", "version": 1, "status": "valid",
        "issued_on": "2026-03-09", "valid_from": "2026-03-09", "valid_to": "2031-03-08",
        "verify_url": f"{BASE}/licences/verify/{lic.identifier}"}]
    assert lic.identifier.startswith("SPJY12990101MB00000016")
    assert (lic.holder_name, lic.holder_id_number) == ("张三", PERSON_ID)
    # The issue event names the licence; art. 44 is still recorded.
    event = decided.events.get(action="issue")
    assert event.payload == {"issue_due_date": "2026-03-23", "on_time": True, "licence": lic.identifier}
    check = licence_verify(licence=licences_with_relations().get(pk=lic.pk))
    assert check.valid and check.status == "valid"
    # The GET shows the same; the public verification answers for the URL's identifier.
    got = api_client.get(f"/api/v1/cases/{decided.number}", **token_for(clerk)).json()
    assert got["licences"] == data["licences"] and got["pickup_code"] is None
    verify = api_client.get(f"/api/v1/licences/verify/{lic.identifier}")
    assert verify.status_code == 200 and verify.json()["status"] == "valid"


def test_issuing_is_idempotent(issued, issuer):
    lic = Licence.objects.get(case=issued)
    with pytest.raises(Conflict) as exc:
        svc.case_issue(case=issued, by=issuer)
    assert exc.value.code == "invalid_transition"
    assert licence_issue_for_case(case=issued, by=issuer).pk == lic.pk
    assert Licence.objects.filter(case=issued).count() == 1
    assert LicenceEvent.objects.filter(licence=lic, kind="issued").count() == 1


def test_no_seal_key_is_a_clear_409_and_nothing_is_issued(frozen, clerk, chief, issuer, lic_version, seal,  # noqa: F811
                                                         api_client, token_for):
    case = _decided(clerk, chief, lic_version)
    Seal.objects.filter(pk=seal.pk).update(key_ref="env:ONEWINDOW_SEAL_KEY_NOT_SET")
    resp = act(api_client, token_for, issuer, case.number, "issue")
    assert resp.status_code == 409 and resp.json()["code"] == "seal_key_unavailable"
    case.refresh_from_db()
    assert case.state == "decided" and case.issued_at is None
    assert not Licence.objects.filter(case=case).exists()
    assert not case.events.filter(action="issue").exists()


def test_an_item_without_licence_type_issues_on_paper(frozen, clerk, chief, issuer, immediate_version,
                                                      department, api_client, token_for):
    # 证明 without a licence type, no seal configured: issued as before, no licence.
    from tests.factories import AuthorisationFactory

    AuthorisationFactory(staff=clerk, department=department, first_review=False)
    case = svc.case_intake(by=clerk, item_code=immediate_version.item.implementation_code,
                           applicant=applicant(), materials=complete(immediate_version)).case
    svc.case_decide(case=case, by=clerk, outcome="approve", opinion="当场办结")
    resp = act(api_client, token_for, issuer, case.number, "issue")
    assert resp.status_code == 200 and resp.json()["licences"] == []
    assert "licence" not in case.events.get(action="issue").payload
    resp = act(api_client, token_for, issuer, case.number, "deliver", {"method": "mail", "detail": "EMS1"})
    assert resp.json()["state"] == "concluded"
    assert not Licence.objects.exists() and not LicenceDelivery.objects.exists()


def test_deliver_by_pickup_checks_the_holder(issued, issuer, api_client, token_for):
    lic = Licence.objects.get(case=issued)
    bad = act(api_client, token_for, issuer, issued.number, "deliver",
              {"method": "pickup", "detail": {"id_type": "resident_id", "id_number": "110105198001010024"}})
    assert bad.status_code == 422 and bad.json()["code"] == "pickup_identity_mismatch"
    empty = act(api_client, token_for, issuer, issued.number, "deliver", {"method": "pickup"})
    assert empty.status_code == 422 and empty.json()["code"] == "field_required"
    assert not LicenceDelivery.objects.exists()
    assert Case.objects.get(pk=issued.pk).state == "issued"
    resp = act(api_client, token_for, issuer, issued.number, "deliver",
               {"method": "pickup", "detail": {"id_type": "resident_id", "id_number": PERSON_ID}})
    assert resp.status_code == 200, resp.content
    assert resp.json()["state"] == "delivered" and resp.json()["pickup_code"] is None
    d = LicenceDelivery.objects.get(licence=lic)
    assert (d.method, d.status, d.recipient_name, d.by_agent) == ("pickup", "delivered", "张三", False)
    assert d.checked_id_masked != PERSON_ID and d.checked_id_masked.endswith("002X")
    event = CaseEvent.objects.get(case=issued, action="deliver")
    assert event.payload == {"method": "pickup", "detail": f"张三 {d.checked_id_masked}",
                             "licence": lic.identifier, "delivery": d.pk}
    # One handover at a time: the case cannot be delivered twice either.
    again = act(api_client, token_for, issuer, issued.number, "deliver",
                {"method": "locker", "detail": "A-1"})
    assert again.status_code == 409


def test_deliver_by_agent_needs_the_letter(issued, issuer):
    other = {"id_type": "resident_id", "id_number": "110105198001010024", "recipient_name": "李四"}
    with pytest.raises(Invalid) as exc:
        svc.case_deliver(case=issued, by=issuer, method="pickup", detail=other)
    assert exc.value.code == "pickup_identity_mismatch"
    case = svc.case_deliver(case=issued, by=issuer, method="pickup", detail={**other, "agent_letter": True})
    d = LicenceDelivery.objects.get()
    assert case.state == "delivered" and d.by_agent and d.recipient_name == "李四"


def test_deliver_by_mail(issued, issuer, api_client, token_for):
    detail = {"address": "测试县人民路1号", "carrier": "EMS", "tracking_number": "EMS1234567890",
              "phone": "13800001234"}
    bad = act(api_client, token_for, issuer, issued.number, "deliver",
              {"method": "mail", "detail": {"tracking_number": "EMS1"}})
    assert bad.status_code == 422 and bad.json()["code"] == "field_required"
    assert bad.json()["detail"] == {"field": "address"}
    wrong = act(api_client, token_for, issuer, issued.number, "deliver",
                {"method": "mail", "detail": {**detail, "locker": "A-1"}})
    assert wrong.status_code == 422 and wrong.json()["code"] == "invalid_delivery_detail"
    resp = act(api_client, token_for, issuer, issued.number, "deliver", {"method": "mail", "detail": detail})
    assert resp.status_code == 200 and resp.json()["state"] == "delivered"
    d = LicenceDelivery.objects.get()
    assert (d.method, d.status, d.carrier, d.tracking_number, d.address) == (
        "mail", "pending", "EMS", "EMS1234567890", "测试县人民路1号")
    issued.refresh_from_db()
    assert (issued.delivery_method, issued.delivery_detail) == ("mail", "EMS EMS1234567890")


def test_deliver_by_locker_shows_the_code_once_and_concludes(issued, issuer, api_client, token_for):
    issued.item_version.conclude_on_delivery = True
    issued.item_version.save()
    bad = act(api_client, token_for, issuer, issued.number, "deliver",
              {"method": "locker", "detail": {"locker": "A-12", "hours": 500}})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_locker_hours"
    resp = act(api_client, token_for, issuer, issued.number, "deliver",
               {"method": "locker", "detail": {"locker": "A-12", "hours": 24}})
    assert resp.status_code == 200, resp.content
    data = resp.json()
    assert data["state"] == "concluded"  # the version concludes on delivery
    code = data["pickup_code"]
    assert code is not None and len(code) == 6 and code.isdigit()
    d = LicenceDelivery.objects.get()
    assert (d.method, d.status, d.locker) == ("locker", "pending", "A-12")
    assert code not in d.pickup_code_hash
    assert code not in str(list(CaseEvent.objects.filter(case=issued).values_list("payload", flat=True)))
    # Shown once: the GET does not have it.
    assert api_client.get(f"/api/v1/cases/{issued.number}", **token_for(issuer)).json()["pickup_code"] is None


def test_locker_as_text_detail_names_the_cell(issued, issuer):
    result = svc.case_deliver_result(case=issued, by=issuer, method="locker", detail="B-07")
    assert result.case.state == "delivered" and result.licence_delivery is not None
    assert result.licence_delivery.locker == "B-07" and result.pickup_code is not None


def test_licence_is_generated_when_the_approval_commits(frozen, clerk, chief, issuer, lic_version, seal,  # noqa: F811
                                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = _decided(clerk, chief, lic_version)
    # Ready before the issuing window acts (issue 7 §3: generated on decision)...
    lic = Licence.objects.get(case=case)
    assert lic.status == "valid"
    # ...and issuing uses that same licence rather than signing a second one.
    svc.case_issue(case=case, by=issuer)
    assert Licence.objects.filter(case=case).count() == 1
    assert case.events.get(action="issue").payload["licence"] == lic.identifier


def test_a_decision_without_a_seal_key_still_commits(frozen, clerk, chief, lic_version,
                                                     django_capture_on_commit_callbacks, caplog):
    # No `seal` fixture: nothing to sign with. The decision stands; the window will say why later.
    with django_capture_on_commit_callbacks(execute=True):
        case = _decided(clerk, chief, lic_version)
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert not Licence.objects.filter(case=case).exists()
    assert "not generated at decision" in caplog.text


def test_issuing_window_refuses_a_licence_that_no_longer_matches_the_decision(
        frozen, clerk, chief, issuer, lic_version, seal, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        case = _decided(clerk, chief, lic_version)
    # Someone changed the holder in the library after the decision: the record no longer verifies
    # and no longer names the applicant.
    Licence.objects.filter(case=case).update(holder_name="李四")
    with pytest.raises(Conflict) as exc:
        svc.case_issue(case=case, by=issuer)
    assert exc.value.code == "licence_check_failed"
    assert "holder_name_mismatch" in exc.value.detail["problems"]
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert not CaseEvent.objects.filter(case=case, action="issue").exists()
