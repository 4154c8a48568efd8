"""Reads of fees and payments."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet, Sum

from onewindow.fees.models import FeeAssessment, Payment, PaymentStatus, Receipt

CENT = Decimal("0.01")


def _sum(qs, field: str = "amount") -> Decimal:
    return qs.aggregate(total=Sum(field))["total"] or Decimal("0")


def fees_assessed(*, case) -> Decimal:
    """What the applicant owes in total: assessed fees that are not waived."""
    return _sum(FeeAssessment.objects.filter(case=case, waived=False)).quantize(CENT)


def fees_paid(*, case) -> Decimal:
    """Succeeded payments (refunded ones no longer count)."""
    return _sum(Payment.objects.filter(case=case, status=PaymentStatus.SUCCEEDED)).quantize(CENT)


def fees_due(*, case) -> Decimal:
    """Assessed minus paid, never negative."""
    return max(fees_assessed(case=case) - fees_paid(case=case), Decimal("0")).quantize(CENT)


def fee_assessments_for(*, case) -> QuerySet[FeeAssessment]:
    return FeeAssessment.objects.filter(case=case).select_related("fee").order_by("id")


def payments_for(*, case) -> QuerySet[Payment]:
    return Payment.objects.filter(case=case).select_related("receipt").order_by("id")


def receipts_for(*, case) -> QuerySet[Receipt]:
    return Receipt.objects.filter(payment__case=case).select_related("payment").order_by("id")
