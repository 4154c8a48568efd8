"""Village proxy (代办): receive in the village → forward → the competent centre decides and issues →
result back to the village → handed over there; every hop visible. And escalation across four levels,
each level's limit counted."""

from __future__ import annotations

import pytest

from onewindow.cases import services as svc
from onewindow.cases.selectors_hops import case_hops
from onewindow.cases.states import State
from onewindow.core.errors import Conflict, Invalid
from onewindow.licences.models import Licence
from onewindow.network.models import CentreLevel, Role
from tests.cases.conftest import applicant, complete
from tests.cases.drive import HANDOVER
from tests.factories import CentreFactory, RegionFactory, StaffFactory, UserFactory


@pytest.fixture
def township(centre):
    return CentreFactory(name="测试镇便民服务中心", level=CentreLevel.TOWNSHIP, parent=centre,
                         region=RegionFactory(code="990101001", name="测试镇"))


@pytest.fixture
def village(township):
    return CentreFactory(name="测试村便民服务站", level=CentreLevel.VILLAGE, parent=township,
                         region=RegionFactory(code="990101001001", name="测试村"))


@pytest.fixture
def village_agent(village):
    return StaffFactory(user=UserFactory(username="villageagent"), name="村代办员", centre=village,
                        roles=[Role.PROXY_AGENT], civil_servant=False)


def _received_in_village(agent, version):
    return svc.case_intake(by=agent, item_code=version.item.implementation_code, applicant=applicant(),
                           materials=complete(version), channel="village_proxy").case


def test_village_proxy_end_to_end(frozen, village_agent, clerk, chief, issuer, version, centre):
    lower = _received_in_village(village_agent, version)
    assert lower.state == State.RECEIVED and lower.centre.level == CentreLevel.VILLAGE
    higher = svc.case_forward(case=lower, by=village_agent, reason="代办转报")
    lower.refresh_from_db()
    # Straight to the item's own centre (the county), not just one level up.
    assert higher.centre == centre and higher.state == State.RECEIVED and higher.parent == lower
    assert lower.state == State.ESCALATED and lower.proxy_agent == village_agent
    assert higher.proxy_agent == village_agent and higher.channel == "village_proxy"
    # The agent follows the case at the county without being its staff.
    with pytest.raises(Conflict) as err:
        svc.case_deliver(case=lower, by=village_agent, method="pickup", detail=HANDOVER)
    assert err.value.code == "result_not_returned"

    higher = svc.case_accept(case=higher, by=clerk)
    higher = svc.case_decide(case=higher, by=chief, outcome="approve", opinion="同意")
    higher = svc.case_issue(case=higher, by=issuer)
    higher = svc.case_deliver(case=higher, by=issuer, method="village")
    assert higher.state == State.DELIVERED and higher.delivery_detail == lower.centre.name
    svc.case_conclude(case=higher, by=issuer)
    lower.refresh_from_db()
    assert lower.state == State.ESCALATED  # waits for the handover in the village

    with pytest.raises(Invalid):
        svc.case_deliver(case=lower, by=village_agent, method="mail", detail="x")
    lower = svc.case_deliver(case=lower, by=village_agent, method="pickup", detail=HANDOVER)
    assert lower.state == State.DELIVERED

    hops = [(h.centre, h.action) for h in case_hops(case=lower)]
    village_name = lower.centre.name
    assert hops[0] == (village_name, "receive")
    # forward (village) and receive (county) are one move; then the county works, then the village.
    assert {hops[1], hops[2]} == {(village_name, "forward"), (centre.name, "receive")}
    assert hops[3:] == [(centre.name, "accept"), (centre.name, "decide"), (centre.name, "issue"),
                        (centre.name, "deliver"), (centre.name, "conclude"), (village_name, "deliver")]
    assert case_hops(case=higher) == case_hops(case=lower)


def test_handover_records_the_licence_delivery(frozen, village_agent, clerk, chief, issuer, version,
                                               monkeypatch):
    lower = _received_in_village(village_agent, version)
    higher = svc.case_forward(case=lower, by=village_agent)
    higher = svc.case_accept(case=higher, by=clerk)
    svc.case_decide(case=higher, by=chief, outcome="approve", opinion="同意")
    svc.case_issue(case=higher, by=issuer)
    svc.case_deliver(case=higher, by=issuer, method="village")
    # Without a licence type the result is paper; the handover is still an identity-checked pickup.
    lower = svc.case_deliver(case=lower, by=village_agent, method="pickup", detail=HANDOVER)
    last = lower.events.order_by("-seq").first()
    assert last.action == "deliver" and last.payload["via"] == higher.number
    assert not Licence.objects.exists()


def test_forward_needs_a_higher_centre(frozen, clerk, version, other_centre):
    case = svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=applicant(),
                           materials=complete(version), accept=False).case
    with pytest.raises(Invalid) as err:
        svc.case_forward(case=case, by=clerk)
    assert err.value.code == "invalid_forward_target"


def test_forward_to_a_centre_that_is_not_above_is_refused(frozen, village_agent, version,
                                                          other_centre):
    lower = _received_in_village(village_agent, version)
    with pytest.raises(Invalid):
        svc.case_forward(case=lower, by=village_agent, to_centre_id=other_centre.pk)
    lower.refresh_from_db()
    assert lower.state == State.RECEIVED and not lower.children.exists()


def test_village_delivery_only_for_forwarded_cases(frozen, clerk, chief, issuer, version):
    case = svc.case_intake(by=clerk, item_code=version.item.implementation_code, applicant=applicant(),
                           materials=complete(version)).case
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    svc.case_issue(case=case, by=issuer)
    with pytest.raises(Invalid) as err:
        svc.case_deliver(case=case, by=issuer, method="village")
    assert err.value.code == "not_forwarded"


def test_each_level_counts_its_own_limit(frozen, village_agent, township, centre, version):
    """village → township (forward to the next level up) → county (escalate): the township reviews
    within art. 43's 20 working days; the county counts its own limit from its own acceptance."""
    tclerk = StaffFactory(user=UserFactory(username="tclerk"), centre=township, roles=[Role.CLERK])
    tmanager = StaffFactory(user=UserFactory(username="tmanager"), centre=township,
                            roles=[Role.CENTRE_MANAGER])
    lower = _received_in_village(village_agent, version)
    at_township = svc.case_forward(case=lower, by=village_agent, to_centre_id=township.pk)
    assert at_township.centre == township
    at_township = svc.case_accept(case=at_township, by=tclerk)
    assert at_township.statutory_days == 20  # art. 43: the lower level's preliminary review
    assert at_township.decision_due_date is not None
    at_county = svc.case_escalate(case=at_township, by=tmanager, reason="超出本级权限",
                                  to_centre_id=centre.pk)
    assert at_county.centre == centre and at_county.state == State.RECEIVED
    assert at_county.decision_due_date is None  # the county's clock starts at its own acceptance
    hops = case_hops(case=at_county)
    assert [h.level for h in hops][0] == CentreLevel.VILLAGE
    assert {h.centre for h in hops} == {lower.centre.name, township.name, centre.name}


def test_forward_and_village_delivery_over_the_api(frozen, api_client, token_for, village_agent,
                                                   version, centre):
    lower = _received_in_village(village_agent, version)
    auth = token_for(village_agent)
    resp = api_client.post(f"/api/v1/cases/{lower.number}/actions/forward", {"reason": "代办转报"},
                           content_type="application/json", **auth)
    assert resp.status_code == 200, resp.content
    assert resp.json()["state"] == "escalated"
    bad = api_client.post(f"/api/v1/cases/{lower.number}/actions/forward", {"to_centre": "x"},
                          content_type="application/json", **auth)
    assert bad.status_code in (409, 422)
    early = api_client.post(f"/api/v1/cases/{lower.number}/actions/deliver",
                            {"method": "pickup", "detail": HANDOVER}, content_type="application/json", **auth)
    assert early.status_code == 409 and early.json()["code"] == "result_not_returned"
