"""Every message the system sends to a person: one row per (dedupe key), so nothing is sent twice."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    WECHAT = "wechat", _("WeChat template message")
    # Staff warnings and reminders shown in the workbench (no outside gateway).
    INBOX = "inbox", _("Workbench inbox")


class Status(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    dedupe_key = models.CharField(_("dedupe key"), max_length=200, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    template = models.CharField(_("template"), max_length=60)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="notifications", verbose_name=_("recipient"))
    address = models.CharField(_("address"), max_length=200, blank=True,
                               help_text=_("Phone, e-mail or WeChat openid; empty for the inbox."))
    text = models.TextField(_("text"))
    context = models.JSONField(_("context"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "channel", "read_at"], name="notification_inbox"),
            models.Index(fields=["status", "created_at"], name="notification_status"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.template} → {self.address or self.recipient_id}"
