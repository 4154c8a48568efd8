from __future__ import annotations

from decimal import Decimal

from onewindow.fees.models import FeeAssessment, Payment, PaymentStatus
from onewindow.fees.selectors import fees_due
from tests.fees.factories import fees_for


def test_assessed_not_waived_minus_succeeded_payments(case):
    a, b, c = fees_for(case, "10.01", "3.30", "7.00")
    for fee in (a, b, c):
        FeeAssessment.objects.create(case=case, fee=fee, name=fee.name, amount=fee.amount, waived=fee is c,
                                     assessed_at=case.accepted_at)
    for status, amount in [(PaymentStatus.SUCCEEDED, "1.10"), (PaymentStatus.FAILED, "5.00"),
                           (PaymentStatus.REFUNDED, "2.00"), (PaymentStatus.PENDING, "1.00")]:
        Payment.objects.create(case=case, amount=Decimal(amount), method="cash", gateway="x", status=status,
                               created_at=case.accepted_at)

    due = fees_due(case=case)
    assert due == Decimal("12.21")  # 10.01 + 3.30 - 1.10; waived, failed, refunded and pending do not count
    assert due.as_tuple().exponent == -2


def test_never_negative(case):
    (fee,) = fees_for(case, "5.00")
    FeeAssessment.objects.create(case=case, fee=fee, name=fee.name, amount=fee.amount,
                                 assessed_at=case.accepted_at)
    Payment.objects.create(case=case, amount=Decimal("8.00"), method="cash", gateway="x",
                           status=PaymentStatus.SUCCEEDED, created_at=case.accepted_at)
    assert fees_due(case=case) == Decimal("0.00")
