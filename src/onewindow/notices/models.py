"""Written notices of a case (DOMAIN §4): one row per (case, kind, event), its PDF under
MEDIA_ROOT/notices/. The row is written in the case's transaction; the PDF after commit."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Acceptance notice")
    ONE_TIME = "one_time", _("One-time notice of missing materials")
    REFUSAL = "refusal", _("Decision not to accept")
    JOINT_ACCEPTANCE = "joint_acceptance", _("Joint acceptance notice")
    SUSPENSION = "suspension", _("Special procedure notice")
    EXTENSION = "extension", _("Extension notice")
    DECISION = "decision", _("Licensing decision")
    OUT_OF_REMIT = "out_of_remit", _("Out-of-remit notice")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class Notice(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notices",
                             verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    event = models.ForeignKey("cases.CaseEvent", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="notices", verbose_name=_("event"))
    file = models.FileField(_("file"), upload_to="notices/%Y/%m/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices,
                              default=NoticeStatus.PENDING)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("requested by"))
    created_at = models.DateTimeField(_("created at"))
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        # NULLs are distinct in SQL, so the event-less notice gets its own constraint.
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "event"], condition=Q(event__isnull=False),
                                    name="notice_unique_per_event"),
            models.UniqueConstraint(fields=["case", "kind"], condition=Q(event__isnull=True),
                                    name="notice_unique_without_event"),
        ]
        ordering = ["case_id", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="notice_status_created")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} ({self.status})"
