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
    # Another installation hands in applications it received on our behalf (异地代收, crossregion).
    CASES_INTAKE_REMOTE = "cases:intake_remote", _("Hand in applications received on our behalf")


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


# -- cross-region intake (异地代收, docs/crossregion.md) -------------------------------------------


class Partner(models.Model):
    """Another onewindow installation (another province or city). Outbound: we call it with a key
    it gave us. Inbound: it calls us with `client`'s key. Both ways every body is signed with the shared
    secret. Key and secret are stored SM4-encrypted under the site key (exchange.crossregion.vault)."""

    name = models.CharField(_("name"), max_length=100)
    base_url = models.URLField(_("base URL"), max_length=300)
    # Administrative division codes whose items the partner handles (行政区划代码).
    region_codes = models.JSONField(_("region codes served"), default=list, blank=True)
    outbound_key_encrypted = models.TextField(blank=True, editable=False)
    secret_encrypted = models.TextField(editable=False)
    # Our API client for this partner's calls to us (scope cases:intake_remote); null: it never calls.
    client = models.OneToOneField(ApiClient, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="partner", verbose_name=_("inbound API client"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("partner installation")
        verbose_name_plural = _("partner installations")

    def __str__(self) -> str:
        return self.name


class ReceiptStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be forwarded")
    FORWARDED = "forwarded", _("Forwarded")
    REJECTED = "rejected", _("Rejected by the partner")
    DEAD = "dead", _("Given up")
    CLOSED = "closed", _("Finished at the partner")


class RemoteReceipt(models.Model):
    """异地代收 at the receiving installation: an application taken here for an item of a partner's
    region. `payload` is the body forwarded (file contents dropped once forwarded); `timeline` our own
    steps; `remote_timeline` the competent installation's events as last read."""

    client_ref = models.UUIDField(_("reference"), unique=True)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="receipts",
                                verbose_name=_("partner"))
    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("centre"))
    received_by = models.ForeignKey("network.Staff", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("received by"))
    item_code = models.CharField(_("item code"), max_length=60)
    applicant_name = models.CharField(_("applicant"), max_length=200)
    payload = models.JSONField(default=dict, editable=False)
    payload_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=ReceiptStatus.choices,
                              default=ReceiptStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    remote_case_number = models.CharField(_("case number at the partner"), max_length=40, blank=True)
    remote_state = models.CharField(_("state at the partner"), max_length=20, blank=True)
    remote_outcome = models.CharField(_("outcome at the partner"), max_length=15, blank=True)
    remote_missing = models.JSONField(_("missing materials (one-time notice)"), default=list, blank=True)
    remote_timeline = models.JSONField(_("timeline at the partner"), default=list, blank=True)
    remote_seq = models.PositiveIntegerField(default=0)
    synced_at = models.DateTimeField(_("synchronised at"), null=True, blank=True)
    timeline = models.JSONField(_("timeline"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("cross-region receipt")
        verbose_name_plural = _("cross-region receipts")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="remote_receipt_due")]

    def __str__(self) -> str:
        return str(self.client_ref)


class InboundCase(models.Model):
    """At the competent installation: the case opened for a partner's receipt. Unique per (partner,
    reference): a retried hand-in returns this case, never a second one."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="inbound_cases")
    client_ref = models.UUIDField()
    body_hash = models.CharField(max_length=64)
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="inbound_link")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("cross-region inbound case")
        verbose_name_plural = _("cross-region inbound cases")
        constraints = [models.UniqueConstraint(fields=["partner", "client_ref"], name="inbound_case_unique")]

    def __str__(self) -> str:
        return f"{self.partner_id}:{self.client_ref}"


class SeenNonce(models.Model):
    """Nonces of signed requests seen inside the replay window (older ones may be pruned)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "nonce"], name="seen_nonce_unique")]

    def __str__(self) -> str:
        return self.nonce
