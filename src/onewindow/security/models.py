"""Security records: audit anchors (tamper evidence beyond one case) and the log of unmasked views
of personal data (个人信息保护法: who saw what, when and why)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAnchor(models.Model):
    """A snapshot of every case's chain head: `manage.py audit_anchor` writes one periodically.

    Cases with id <= max_case_id and events with id <= max_event_id are the ones it covers; the
    anchors form their own chain (prev_hash → hash), and `hash` is the value to keep outside this
    database (print it, mail it) so that rewriting the database wholesale shows too."""

    created_at = models.DateTimeField(_("created at"))
    max_case_id = models.BigIntegerField(_("last case id covered"))
    max_event_id = models.BigIntegerField(_("last event id covered"))
    case_count = models.PositiveIntegerField(_("cases"))
    event_count = models.PositiveBigIntegerField(_("events"))
    heads_hash = models.CharField(_("hash of the case heads"), max_length=64)
    prev_hash = models.CharField(_("previous anchor hash"), max_length=64, blank=True)
    hash = models.CharField(_("anchor hash"), max_length=64)

    class Meta:
        verbose_name = _("audit anchor")
        verbose_name_plural = _("audit anchors")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.hash[:12]}"


class PersonalDataAccess(models.Model):
    """One unmasked view of an ID number or phone (an explicit "reveal"). Append-only."""

    at = models.DateTimeField(_("at"), db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("user"))
    username = models.CharField(_("username"), max_length=150)
    subject = models.CharField(_("subject"), max_length=30)  # "case", "applicant", "appointment"
    subject_ref = models.CharField(_("reference"), max_length=64, db_index=True)  # e.g. case number
    fields = models.JSONField(_("fields shown"), default=list)
    reason = models.CharField(_("reason"), max_length=500)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.username} {self.subject}:{self.subject_ref} {self.fields}"
