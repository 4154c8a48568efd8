"""Fees and payments (一口式收费, seed 003 §二(一); fee collection is a chief representative's power,
seed 002 §一(二)3(5)).

FeeAssessment: the fees of the case's pinned item version, worked out at acceptance (waivers noted).
Payment: one attempt to settle what is due, through a pluggable gateway (gateways.py).
Receipt: one per succeeded payment, numbered per centre and year without gaps.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FeeAssessment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="fee_assessments",
                             verbose_name=_("case"))
    fee = models.ForeignKey("catalogue.Fee", on_delete=models.PROTECT, related_name="assessments",
                            verbose_name=_("fee"))
    # Copied from the fee so that the receipt and the history read the same even if the catalogue
    # is edited (published versions should never change, but drafts are re-used in tests and demos).
    name = models.CharField(_("name"), max_length=120)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    waived = models.BooleanField(_("waived"), default=False)
    waiver_reason = models.CharField(_("waiver reason"), max_length=300, blank=True)
    assessed_at = models.DateTimeField(_("assessed at"))
    assessed_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("assessed by"))

    class Meta:
        verbose_name = _("fee assessment")
        verbose_name_plural = _("fee assessments")
        constraints = [models.UniqueConstraint(fields=["case", "fee"], name="fee_assessment_unique_per_case")]
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.name} ¥{self.amount}{' (waived)' if self.waived else ''}"


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash at the counter")
    OFFLINE_CARD = "offline_card", _("Card at the counter (POS)")
    ONLINE = "online", _("Online payment")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="payments",
                             verbose_name=_("case"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    gateway = models.CharField(_("gateway"), max_length=200, help_text=_("dotted path of the backend used"))
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices,
                              default=PaymentStatus.PENDING, db_index=True)
    # The caller's idempotency key (e.g. the online order number); blank for plain counter cash.
    reference = models.CharField(_("reference"), max_length=64, blank=True)
    gateway_reference = models.CharField(_("gateway reference"), max_length=128, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    recorded_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"))
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    refund_reason = models.CharField(_("refund reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(fields=["case", "reference"], condition=~Q(reference=""),
                                    name="payment_reference_unique_per_case"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"¥{self.amount} {self.method} ({self.status})"


class Receipt(models.Model):
    """收费票据: one per succeeded payment. `number` is unique per centre and year and sequential."""

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="receipt",
                                   verbose_name=_("payment"))
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="receipts",
                               verbose_name=_("centre"))
    year = models.PositiveSmallIntegerField(_("year"))
    seq = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("receipt number"), max_length=40)
    issued_at = models.DateTimeField(_("issued at"))
    payer_name = models.CharField(_("payer"), max_length=200)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=12, decimal_places=2)
    # [{"fee_id", "name", "amount", "waived"}] as assessed when the payment was taken.
    items = models.JSONField(_("items"), default=list)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        constraints = [
            models.UniqueConstraint(fields=["centre", "year", "seq"],
                                    name="receipt_seq_unique_per_centre_year"),
            models.UniqueConstraint(fields=["centre", "number"], name="receipt_number_unique_per_centre"),
        ]
        ordering = ["centre_id", "year", "seq"]

    def __str__(self) -> str:
        return self.number


class ReceiptSequence(models.Model):
    """The last receipt number handed out per centre and year; locked while the next is taken, so
    numbers have no gaps and no duplicates under concurrency (PostgreSQL) as well as on SQLite."""

    centre = models.ForeignKey("network.Centre", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("centre"))
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("receipt sequence")
        verbose_name_plural = _("receipt sequences")
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="receipt_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.centre_id}/{self.year}: {self.last}"
