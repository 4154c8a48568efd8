"""Payment gateways: one backend per payment method, chosen by settings.

    ONEWINDOW_PAYMENT_GATEWAYS = {"cash": "onewindow.fees.gateways.OfflineGateway", ...}

A backend subclasses PaymentGateway and implements charge(); it must not touch the database (the
service records the outcome). A method with no backend is refused with payment_method_unavailable,
so a deployment only offers online payment once it has configured a real backend for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

from onewindow.core.errors import Invalid

DEFAULT_GATEWAYS: dict[str, str] = {
    "cash": "onewindow.fees.gateways.OfflineGateway",
    "offline_card": "onewindow.fees.gateways.OfflineGateway",
}


@dataclass(frozen=True)
class ChargeResult:
    ok: bool
    gateway_reference: str = ""
    error: str = ""


class PaymentGateway:
    """Base class. `charge` takes the money (or confirms it was taken) and says how it went."""

    def charge(self, case, amount: Decimal, reference: str) -> ChargeResult:
        raise NotImplementedError

    def refund(self, payment) -> ChargeResult:
        raise NotImplementedError


class OfflineGateway(PaymentGateway):
    """Cash or a card terminal at the counter: the clerk has the money in hand when recording it,
    so the charge succeeds at once; the counter's own slip number, if any, is the reference."""

    def charge(self, case, amount: Decimal, reference: str) -> ChargeResult:
        return ChargeResult(ok=True, gateway_reference=reference)

    def refund(self, payment) -> ChargeResult:
        return ChargeResult(ok=True, gateway_reference=payment.gateway_reference)


class FakeOnlineGateway(PaymentGateway):
    """Stands in for an online provider in tests and demos. `FakeOnlineGateway.failing("...")` makes
    every charge inside the block fail; `charges` records what was asked."""

    failure: ClassVar[str | None] = None
    charges: ClassVar[list[tuple[str, Decimal, str]]] = []

    def charge(self, case, amount: Decimal, reference: str) -> ChargeResult:
        type(self).charges.append((case.number, amount, reference))
        failure = type(self).failure
        if failure is not None:
            return ChargeResult(ok=False, error=failure)
        return ChargeResult(ok=True, gateway_reference=f"FAKE-{case.number}-{len(type(self).charges)}")

    def refund(self, payment) -> ChargeResult:
        failure = type(self).failure
        if failure is not None:
            return ChargeResult(ok=False, error=failure)
        return ChargeResult(ok=True, gateway_reference=f"{payment.gateway_reference}-R")

    @classmethod
    @contextlib.contextmanager
    def failing(cls, message: str = "declined") -> Iterator[None]:
        previous, cls.failure = cls.failure, message
        try:
            yield
        finally:
            cls.failure = previous

    @classmethod
    def reset(cls) -> None:
        cls.failure = None
        cls.charges = []


def gateway_path(method: str) -> str:
    mapping = getattr(settings, "ONEWINDOW_PAYMENT_GATEWAYS", DEFAULT_GATEWAYS)
    path = mapping.get(method)
    if not path:
        raise Invalid("payment_method_unavailable", "该缴费方式未开通",
                      "This payment method is not available",
                      detail={"method": method, "available": sorted(mapping)})
    return path


def gateway_for(method: str) -> tuple[str, PaymentGateway]:
    """(dotted path, backend instance) for a payment method."""
    path = gateway_path(method)
    backend = import_string(path)()
    if not isinstance(backend, PaymentGateway):
        raise TypeError(f"{path} is not a PaymentGateway")
    return path, backend
