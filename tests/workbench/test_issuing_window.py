"""The issuing window /workbench/issuing/: who may open it, the lists (ready / fees due / issued),
the licence checked against the decision, issue, delivery by pickup, mail and locker, the mail
receipt, and errors answered in the page."""

# Fixtures are imported from their support modules, so test arguments shadow them by design.
# ruff: noqa: F811
from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.cases import services as svc
from onewindow.cases.models import Case
from onewindow.licences.models import Licence, LicenceDelivery
from tests.cases.conftest import applicant, complete
from tests.factories import FeeFactory, ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.licences.conftest import PERSON_ID, key_file, licence_type, media, seal  # noqa: F401 - fixtures
from tests.workbench.counter_support import HTMX, frozen  # noqa: F401

URL = "/workbench/issuing/"


@pytest.fixture
def lic_version(department, licence_type):
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可",
                              implementation_code="11990101MB0000001X400011100061")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="食品经营许可证",
                           result_licence_type="food_business_licence", conclude_on_delivery=False)
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    v.m_id = MaterialFactory(version=v, name="身份证明", position=2)
    return v


@pytest.fixture
def decided(frozen, clerk, chief, lic_version, seal, django_capture_on_commit_callbacks):
    case = svc.case_intake(by=clerk, item_code=lic_version.item.implementation_code, applicant=applicant(),
                           materials=complete(lic_version)).case
    # The licence is signed when the approval commits (licences_prepare_on_commit).
    with django_capture_on_commit_callbacks(execute=True):
        return svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予许可")


@pytest.fixture
def issued(decided, issuer):
    return svc.case_issue(case=decided, by=issuer)


def panel(client, case):
    return client.get(f"{URL}cases/{case.number}/", **HTMX)


@pytest.mark.parametrize("persona", ["reviewer", "chief", "manager", "supervisor", "agent"])
def test_other_roles_are_refused(client, request, persona, db):
    client.force_login(request.getfixturevalue(persona).user)
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("persona", ["issuer", "clerk"])
def test_issuer_and_clerk_see_the_ready_list(client, request, persona, decided):
    client.force_login(request.getfixturevalue(persona).user)
    resp = client.get(URL)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert decided.number in page and f'data-issuing-case="{decided.number}"' in page


def test_lists_query_count(client, issuer, decided, django_assert_max_num_queries):
    client.force_login(issuer.user)
    client.get(URL)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


def test_panel_checks_the_licence_against_the_decision(client, issuer, decided):
    Licence.objects.get(case=decided)  # signed when the approval committed
    client.force_login(issuer.user)
    page = panel(client, decided).content.decode()
    assert 'data-licence-check="ok"' in page
    assert 'data-action="issue"' in page and "disabled" not in page.split('data-action="issue"')[1][:80]
    assert PERSON_ID not in page


def test_issue_then_pickup_with_identity_check(client, issuer, decided):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{decided.number}/issue/", **HTMX)
    page = resp.content.decode()
    assert resp.status_code == 200, page
    assert 'role="status"' in page and 'data-action="deliver"' in page
    assert 'id="issuing-lists" hx-swap-oob="true"' in page
    decided.refresh_from_db()
    assert decided.state == "issued"
    resp = client.post(f"{URL}cases/{decided.number}/deliver/", {
        "method": "pickup", "recipient_name": "张三", "id_type": "resident_id", "id_number": PERSON_ID},
        **HTMX)
    assert resp.status_code == 200, resp.content.decode()
    decided.refresh_from_db()
    assert decided.state == "delivered"
    delivery = LicenceDelivery.objects.get()
    assert delivery.checked_id_masked == "110***********002X" and delivery.status == "delivered"


def test_pickup_by_someone_else_without_a_letter_is_refused(client, issuer, issued):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{issued.number}/deliver/", {
        "method": "pickup", "recipient_name": "李四", "id_type": "resident_id",
        "id_number": "110105198001010024"}, **HTMX)
    assert resp.status_code == 422 and resp["HX-Retarget"] == "#action-errors"
    issued.refresh_from_db()
    assert issued.state == "issued"


def test_mail_then_receipt(client, issuer, issued):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{issued.number}/deliver/", {
        "method": "mail", "address": "测试县人民路1号", "carrier": "EMS", "tracking_number": "EMS123456789CN",
        "mail_recipient": "张三", "phone": "13800001234"}, **HTMX)
    page = resp.content.decode()
    assert resp.status_code == 200, page
    assert "data-receipt" in page
    issued.refresh_from_db()
    assert issued.state == "delivered" and "EMS123456789CN" in issued.delivery_detail
    resp = client.post(f"{URL}cases/{issued.number}/receipt/", {"receipt": "本人签收"}, **HTMX)
    assert resp.status_code == 200, resp.content.decode()
    assert LicenceDelivery.objects.get().status == "delivered"


def test_mail_without_tracking_number_is_refused(client, issuer, issued):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{issued.number}/deliver/", {
        "method": "mail", "address": "测试县人民路1号", "carrier": "EMS"}, **HTMX)
    assert resp.status_code == 422


def test_locker_shows_the_pickup_code_once(client, issuer, issued):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{issued.number}/deliver/", {"method": "locker", "locker": "A-07",
                                                                 "hours": "48"}, **HTMX)
    page = resp.content.decode()
    assert resp.status_code == 200, page
    assert "data-pickup-code" in page
    code = page.split("data-pickup-code>")[1][:6]
    assert code.isdigit()
    assert code not in panel(client, issued).content.decode()


@pytest.mark.parametrize("data", [{"method": "drone"}, {},
                                  {"method": "locker", "hours": "9999", "locker": "A"},
                                  {"method": "pickup", "id_number": "x" * 40}])
def test_bad_delivery_input(client, issuer, issued, data):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{issued.number}/deliver/", data, **HTMX)
    assert resp.status_code == 422 and 'role="alert"' in resp.content.decode()


def test_issue_refused_while_fees_are_due(client, issuer, clerk, chief, department, frozen):
    item = ServiceItemFactory(department=department, centre=department.centre, name="收费事项",
                              implementation_code="11990101MB0000001X400011100062")
    v = ItemVersionFactory(item=item, result_type="批复", conclude_on_delivery=False)
    FeeFactory(version=v, amount=Decimal("10.00"))
    MaterialFactory(version=v, name="申请书")
    case = svc.case_intake(by=clerk, item_code=item.implementation_code, applicant=applicant(), materials=[
        svc.MaterialIn(material=m.pk, provided="original") for m in v.materials.all()]).case
    svc.case_decide(case=case, by=chief, outcome="approve")
    client.force_login(issuer.user)
    page = client.get(URL).content.decode()
    assert case.number in page.split('id="unpaid-title"')[1]
    resp = client.post(f"{URL}cases/{case.number}/issue/", **HTMX)
    assert resp.status_code == 409 and "费用" in resp.content.decode()
    assert Case.objects.get(pk=case.pk).state == "decided"


def test_deliver_before_issue_is_a_conflict(client, issuer, decided):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{decided.number}/deliver/", {"method": "locker", "locker": "A"}, **HTMX)
    assert resp.status_code == 409


def test_outsider_cannot_see_or_issue(client, decided, other_centre):
    from onewindow.network.models import Role
    from tests.factories import StaffFactory, UserFactory

    other = StaffFactory(user=UserFactory(username="issuer2"), centre=other_centre, roles=[Role.ISSUER])
    client.force_login(other.user)
    assert decided.number not in client.get(URL).content.decode()
    assert panel(client, decided).status_code == 404
    assert client.post(f"{URL}cases/{decided.number}/issue/", **HTMX).status_code == 404


def test_plain_post_redirects_back_to_the_window(client, issuer, decided):
    client.force_login(issuer.user)
    resp = client.post(f"{URL}cases/{decided.number}/issue/")
    assert resp.status_code == 302 and resp["Location"] == f"{URL}?case={decided.number}"
    assert client.get(resp["Location"]).status_code == 200
