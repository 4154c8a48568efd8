"""Department systems and other installations talk to onewindow through API clients with scoped
tokens, signed webhooks and a cursor feed of case events (issue #12, docs/exchange.md)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Read cases")
    CASES_DECIDE = "cases:decide", _("Record decisions")
    EVENTS_READ = "events:read", _("Read the case event feed")
    EXPORT_READ = "export:read", _("Read the national exchange export")


class ApiClient(models.Model):
    """A department system (or another installation). Sees only its centre's cases, and only its
    department's when one is set; does only what its scopes allow. Only the key's SHA-256 is kept."""

    name = models.CharField(_("name"), max_length=100)
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="api_clients",
                               verbose_name=_("centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="api_clients", verbose_name=_("department"))
    scopes = models.JSONField(_("scopes"), default=list)
    # Decisions recorded through the API are made in this staff member's name (the department's
    # chief representative, whose authorisation limits them as at the counter).
    acting_staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("acts as"))
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Webhook(models.Model):
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks",
                               verbose_name=_("client"))
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=100)
    # Case event actions to send (e.g. ["accept", "decide"]); empty: every action.
    actions = models.JSONField(_("actions"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    DEAD = "dead", _("Given up")


class WebhookDelivery(models.Model):
    """One event for one webhook. The delivery id travels in the header so that the receiver can
    drop a retry it already processed."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey("cases.CaseEvent", on_delete=models.CASCADE, related_name="+")
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [models.UniqueConstraint(fields=["webhook", "event"], name="webhook_delivery_unique")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return str(self.delivery_id)


class Cursor(models.Model):
    """A watermark over the case event trail (last CaseEvent id processed) for one consumer:
    webhook fan-out, applicant notifications, the national export."""

    name = models.CharField(max_length=60, unique=True)
    position = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event cursor")
        verbose_name_plural = _("event cursors")

    def __str__(self) -> str:
        return f"{self.name}@{self.position}"
