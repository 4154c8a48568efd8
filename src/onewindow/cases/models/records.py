"""The audit trail and bookkeeping rows: events, attachments, number sequences, idempotency keys."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEvent(models.Model):
    """One recorded move of a case (every transition, every opinion, every pause). Append-only: it is
    the trail supervision reads and the source of the statistics."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events",
                             verbose_name=_("case"))
    seq = models.PositiveIntegerField(_("sequence"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"))
    actor_role = models.CharField(_("actor role"), max_length=30)
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20)
    at = models.DateTimeField(_("at"))
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    payload = models.JSONField(_("payload"), default=dict, blank=True)
    # Hash chain per case (onewindow.security.chain): hash = SHA-256 over this event's canonical form
    # and prev_hash, the hash of the event before it ("" for the first). Written by
    # cases.services._base.event_write only; `manage.py verify_audit` checks it.
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["case_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique")]
        indexes = [
            models.Index(fields=["action", "at"], name="case_event_action_at"),
            models.Index(fields=["to_state", "at"], name="case_event_state_at"),
            models.Index(fields=["at"], name="case_event_at"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.action}"


class Attachment(models.Model):
    """A scanned or uploaded file. Its type comes from its content (magic bytes), never its name."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("case"))
    case_material = models.ForeignKey("cases.CaseMaterial", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="attachments", verbose_name=_("material"))
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    original_name = models.CharField(_("original name"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=60)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return self.original_name or self.sha256[:12]


class CaseNumberSequence(models.Model):
    """The last number given out at a centre on a day; locked while a number is taken, inside the
    intake transaction, so that a rolled-back intake gives its number back (no gaps)."""

    centre = models.ForeignKey("network.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("case number sequence")
        verbose_name_plural = _("case number sequences")
        constraints = [models.UniqueConstraint(fields=["centre", "day"], name="case_number_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.day} {self.last}"


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key for POST /cases: a retry returns the same case, never a second one."""

    key = models.CharField(max_length=200)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    request_hash = models.CharField(max_length=64)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_unique")]

    def __str__(self) -> str:
        return self.key
