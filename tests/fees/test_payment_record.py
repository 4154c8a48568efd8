from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.fees.gateways import FakeOnlineGateway, OfflineGateway
from onewindow.fees.models import Payment, PaymentStatus, Receipt
from onewindow.fees.selectors import fees_due
from onewindow.fees.services import fees_assess, payment_record
from onewindow.network.models import Authorisation, Role
from tests.factories import StaffFactory, UserFactory
from tests.fees.factories import fees_for


@pytest.fixture
def due_case(case):
    fees_for(case, "10.00", "25.50")
    fees_assess(case=case)
    return case


def test_cash_settles_what_is_due(due_case, clerk):
    payment = payment_record(case=due_case, method="cash", by=clerk)

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.amount == Decimal("35.50")
    assert payment.recorded_by == clerk
    assert payment.gateway == "onewindow.fees.gateways.OfflineGateway"
    assert payment.settled_at is not None
    assert fees_due(case=due_case) == Decimal("0.00")
    receipt = payment.receipt
    assert receipt.amount == Decimal("35.50")
    assert receipt.payer_name == "张三"
    assert receipt.centre == due_case.centre
    assert [(i["name"], i["amount"]) for i in receipt.items] == [("收费1", "10.00"), ("收费2", "25.50")]


def test_part_payments_add_up(due_case, clerk):
    payment_record(case=due_case, method="cash", by=clerk, amount=Decimal("5.50"))
    assert fees_due(case=due_case) == Decimal("30.00")

    second = payment_record(case=due_case, method="offline_card", by=clerk.user)
    assert second.amount == Decimal("30.00")
    assert fees_due(case=due_case) == Decimal("0.00")
    assert Receipt.objects.filter(payment__case=due_case).count() == 2


def test_overpayment_is_refused(due_case, clerk):
    with pytest.raises(Invalid) as exc:
        payment_record(case=due_case, method="cash", by=clerk, amount=Decimal("35.51"))
    assert exc.value.code == "overpayment"
    assert exc.value.detail == {"amount": "35.51", "due": "35.50"}
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), "1.001", "abc", "NaN", "Infinity"])
def test_bad_amount_is_refused(due_case, clerk, amount):
    with pytest.raises(Invalid) as exc:
        payment_record(case=due_case, method="cash", by=clerk, amount=amount)
    assert exc.value.code == "invalid_amount"
    assert not Payment.objects.exists()


def test_nothing_to_pay(case, due_case, clerk):
    payment_record(case=due_case, method="cash", by=clerk)
    with pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="cash", by=clerk)
    assert exc.value.code == "nothing_to_pay"
    assert Payment.objects.count() == 1


def test_nothing_to_pay_without_fees(case, clerk):
    fees_assess(case=case)
    with pytest.raises(Conflict) as exc:
        payment_record(case=case, method="cash", by=clerk)
    assert exc.value.code == "nothing_to_pay"


def test_failing_gateway_leaves_one_failed_row_and_nothing_paid(due_case, clerk, online):
    with FakeOnlineGateway.failing("card declined"), pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="online", by=clerk, reference="ORDER-1")

    assert exc.value.code == "payment_failed"
    failed = Payment.objects.get()
    assert failed.status == PaymentStatus.FAILED
    assert failed.error == "card declined"
    assert exc.value.detail == {"payment_id": failed.pk, "error": "card declined"}
    assert not Payment.objects.filter(status=PaymentStatus.SUCCEEDED).exists()
    assert not Receipt.objects.exists()
    assert fees_due(case=due_case) == Decimal("35.50")

    # Paying again with a new order number works.
    ok = payment_record(case=due_case, method="online", by=clerk, reference="ORDER-2")
    assert ok.status == PaymentStatus.SUCCEEDED
    assert ok.gateway_reference.startswith("FAKE-")
    assert fees_due(case=due_case) == Decimal("0.00")


def test_gateway_that_raises_is_recorded_as_failed(due_case, clerk, monkeypatch):
    def boom(self, case, amount, reference):
        raise ConnectionError("gateway unreachable")

    monkeypatch.setattr(OfflineGateway, "charge", boom)
    with pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="cash", by=clerk)
    assert exc.value.code == "payment_failed"
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert "gateway unreachable" in Payment.objects.get().error
    assert fees_due(case=due_case) == Decimal("35.50")


def test_same_reference_is_one_payment(due_case, clerk, online):
    ten = Decimal("10.00")
    first = payment_record(case=due_case, method="online", by=clerk, amount=ten, reference="WX-1")
    again = payment_record(case=due_case, method="online", by=clerk, amount=ten, reference="WX-1")

    assert again.pk == first.pk
    assert len(FakeOnlineGateway.charges) == 1
    assert Payment.objects.count() == 1
    assert fees_due(case=due_case) == Decimal("25.50")

    with pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="online", by=clerk, amount=Decimal("9.00"), reference="WX-1")
    assert exc.value.code == "payment_reference_reused"


def test_replayed_failure_is_not_charged_again(due_case, clerk, online):
    with FakeOnlineGateway.failing(), pytest.raises(Conflict):
        payment_record(case=due_case, method="online", by=clerk, reference="WX-9")
    with pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="online", by=clerk, reference="WX-9")
    assert exc.value.code == "payment_failed"
    assert len(FakeOnlineGateway.charges) == 1
    assert Payment.objects.count() == 1


def test_pending_payment_blocks_another(due_case, clerk):
    Payment.objects.create(case=due_case, amount=Decimal("1.00"), method="online", gateway="x",
                           created_at=due_case.accepted_at)
    with pytest.raises(Conflict) as exc:
        payment_record(case=due_case, method="cash", by=clerk)
    assert exc.value.code == "payment_in_progress"


def test_online_needs_a_configured_gateway(due_case, clerk):
    with pytest.raises(Invalid) as exc:
        payment_record(case=due_case, method="online", by=clerk)
    assert exc.value.code == "payment_method_unavailable"
    with pytest.raises(Invalid) as exc:
        payment_record(case=due_case, method="bitcoin", by=clerk)
    assert exc.value.code == "invalid_payment_method"
    assert not Payment.objects.exists()


def test_who_may_take_fees(due_case, outsider, reviewer, chief, centre):
    with pytest.raises(Forbidden) as exc:
        payment_record(case=due_case, method="cash", by=outsider, amount=Decimal("1.00"))
    assert exc.value.code == "not_case_centre"
    with pytest.raises(Forbidden) as exc:
        payment_record(case=due_case, method="cash", by=reviewer, amount=Decimal("1.00"))
    assert exc.value.code == "fee_collection_not_allowed"
    assert not Payment.objects.exists()

    # Power (5) of the authorisation: the chief representative may collect for the department.
    by_chief = payment_record(case=due_case, method="cash", by=chief, amount=Decimal("1.00"))
    assert by_chief.status == "succeeded"
    Authorisation.objects.filter(staff=chief).update(fee_collection=False)
    with pytest.raises(Forbidden):
        payment_record(case=due_case, method="cash", by=chief, amount=Decimal("1.00"))
    cashier = StaffFactory(user=UserFactory(username="cashier"), centre=centre, roles=[Role.ISSUER])
    assert payment_record(case=due_case, method="cash", by=cashier).status == "succeeded"


def test_query_budget(due_case, clerk, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        payment_record(case=due_case, method="cash", by=clerk)
