"""What happens to a licence after issue: delivery to the holder, and reuse for later cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Pickup at the window")
    MAIL = "mail", _("Express mail")
    LOCKER = "locker", _("24-hour self-service locker")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # in the post, or waiting in the locker
    DELIVERED = "delivered", _("Delivered")
    EXPIRED = "expired", _("Locker code expired")


class LicenceDelivery(models.Model):
    """送达: one handover of a licence (pickup, mail with tracking, or a locker with a pickup code)."""

    licence = models.ForeignKey("licences.Licence", on_delete=models.CASCADE, related_name="deliveries",
                                verbose_name=_("licence"))
    method = models.CharField(_("method"), max_length=10, choices=DeliveryMethod.choices)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("handled by"))
    recipient_name = models.CharField(_("recipient"), max_length=200, blank=True)
    # Pickup: the identity document the staff member checked (the number is kept masked).
    checked_id_type = models.CharField(_("checked identifier type"), max_length=12, blank=True)
    checked_id_masked = models.CharField(_("checked identifier (masked)"), max_length=18, blank=True)
    by_agent = models.BooleanField(_("collected by an agent with a letter of authorisation"), default=False)
    # Mail.
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    carrier = models.CharField(_("carrier"), max_length=40, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True, db_index=True)
    # Locker: the code is given to the holder once; only its hash is kept.
    locker = models.CharField(_("locker cell"), max_length=40, blank=True)
    pickup_code_hash = models.CharField(_("pickup code (SHA-256)"), max_length=64, blank=True)
    code_expires_at = models.DateTimeField(_("pickup code expires at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    receipt = models.CharField(_("receipt"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("licence delivery")
        verbose_name_plural = _("licence deliveries")
        ordering = ["licence_id", "id"]

    def __str__(self) -> str:
        return f"{self.licence_id} {self.method} ({self.status})"


class ReuseConsent(models.Model):
    """免提交: the applicant agreed that a material is taken from their licence in the library
    instead of being submitted. The cases app marks the case material from this record."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reuse_consents",
                             verbose_name=_("case"))
    material = models.ForeignKey("catalogue.Material", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("material"))
    licence = models.ForeignKey("licences.Licence", on_delete=models.PROTECT, related_name="reuse_consents",
                                verbose_name=_("licence"))
    consenting_name = models.CharField(_("consenting person"), max_length=200)
    consenting_role = models.CharField(_("consenting as"), max_length=12,
                                       choices=[("applicant", _("Applicant")), ("agent", _("Agent"))])
    text = models.TextField(_("consent text"))
    at = models.DateTimeField(_("at"))
    recorded_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))

    class Meta:
        verbose_name = _("reuse consent")
        verbose_name_plural = _("reuse consents")
        ordering = ["case_id", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "material"], name="reuse_consent_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.material_id} ← {self.licence_id}"
