"""Issue at the unified window: fees must be paid first (409 fees_unpaid), then issue, deliver,
conclude; the art. 44 issue due date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from onewindow.cases import services as svc
from onewindow.core.errors import Conflict
from tests.cases.conftest import intake
from tests.factories import FeeFactory


def test_fees_block_issue_until_paid(frozen, clerk, chief, issuer, version, api_client, token_for):
    FeeFactory(version=version, name="工本费", amount=Decimal("12.50"))
    case = intake(clerk, version).case
    resp = api_client.get(f"/api/v1/cases/{case.number}", **token_for(clerk))
    assert resp.json()["fees_due"] == "12.50"
    case = svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予")
    with pytest.raises(Conflict) as exc:
        svc.case_issue(case=case, by=issuer)
    assert exc.value.code == "fees_unpaid" and exc.value.detail == {"fees_due": "12.50"}
    resp = api_client.post(f"/api/v1/cases/{case.number}/actions/pay", {"method": "cash"},
                           content_type="application/json", **token_for(issuer))
    assert resp.status_code == 200, resp.content
    assert resp.json()["fees_due"] == "0.00"
    pay = case.events.get(action="pay")
    assert pay.payload["method"] == "cash" and pay.payload["amount"] == "12.50"
    case = svc.case_issue(case=case, by=issuer)
    assert case.state == "issued"
    assert case.events.get(action="issue").payload == {"issue_due_date": "2026-03-23", "on_time": True}


def test_declined_payment_writes_no_pay_event(frozen, clerk, issuer, version):
    FeeFactory(version=version, amount=Decimal("5.00"))
    case = intake(clerk, version).case
    with pytest.raises(Exception):  # noqa: B017 - the fees app's own error for an unknown method
        svc.case_pay(case=case, by=issuer, method="barter")
    assert not case.events.filter(action="pay").exists()


def test_deliver_concludes_when_the_version_says_so(frozen, clerk, chief, issuer, version):
    version.conclude_on_delivery = True
    version.save()
    case = intake(clerk, version).case
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="准予")
    svc.case_issue(case=case, by=issuer)
    case = svc.case_deliver(case=case, by=issuer, method="locker", detail="A-03")
    assert case.state == "concluded"
    last = case.events.order_by("-seq")[:2]
    assert [(e.action, e.actor_role) for e in last] == [("conclude", "system"), ("deliver", "issuer")]
    assert case.concluded_at.date() == dt.date(2026, 3, 9)
