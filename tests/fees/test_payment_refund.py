from __future__ import annotations

from decimal import Decimal

import pytest

from onewindow.core.errors import Conflict, Invalid
from onewindow.fees.gateways import FakeOnlineGateway
from onewindow.fees.models import PaymentStatus
from onewindow.fees.selectors import fees_due
from onewindow.fees.services import fees_assess, payment_record, payment_refund
from tests.fees.factories import fees_for


@pytest.fixture
def paid(case, clerk, online):
    fees_for(case, "20.00")
    fees_assess(case=case)
    return payment_record(case=case, method="online", by=clerk, reference="R-1")


def test_refund_makes_the_fees_due_again(paid, clerk):
    refunded = payment_refund(payment=paid, by=clerk, reason="申请人撤回申请")
    assert refunded.status == PaymentStatus.REFUNDED
    assert refunded.refund_reason == "申请人撤回申请"
    assert fees_due(case=paid.case) == Decimal("20.00")
    with pytest.raises(Conflict) as exc:
        payment_refund(payment=paid, by=clerk, reason="again")
    assert exc.value.code == "payment_not_refundable"


def test_refund_needs_a_reason(paid, clerk):
    with pytest.raises(Invalid) as exc:
        payment_refund(payment=paid, by=clerk, reason=" ")
    assert exc.value.code == "refund_reason_required"


def test_failed_refund_changes_nothing(paid, clerk):
    with FakeOnlineGateway.failing("refund rejected"), pytest.raises(Conflict) as exc:
        payment_refund(payment=paid, by=clerk, reason="撤回")
    assert exc.value.code == "refund_failed"
    paid.refresh_from_db()
    assert paid.status == PaymentStatus.SUCCEEDED
    assert fees_due(case=paid.case) == Decimal("0.00")
