"""Interface stub — replaced by the fees work."""

from __future__ import annotations

from decimal import Decimal


def fees_due(*, case) -> Decimal:
    """Assessed minus paid, never negative."""
    return Decimal("0.00")
