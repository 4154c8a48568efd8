"""Interface stub — replaced by the fees work. Signatures are the contract the cases app calls."""

from __future__ import annotations

from decimal import Decimal


def fees_assess(*, case, by=None) -> Decimal:
    """Work out the case's fees from its pinned item version (waivers applied); idempotent.
    Called inside the acceptance transaction. Returns the total assessed."""
    return Decimal("0.00")


def payment_record(*, case, method: str, by=None, amount: Decimal | None = None, reference: str = ""):
    """Settle what fees_due shows through the gateway for `method`; returns the Payment."""
    raise NotImplementedError
