"""The closed loop shared by bad reviews (Rectification, 整改) and complaints (Complaint, 投诉举报):
the same statuses, the same step table (feedback.loop), one event trail (LoopEvent)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LoopStatus(models.TextChoices):
    OPEN = "open", _("Awaiting assignment")
    VERIFYING = "verifying", _("Being verified")
    RECTIFYING = "rectifying", _("Being rectified")
    REPLYING = "replying", _("Awaiting reply")
    VISITING = "visiting", _("Awaiting return visit")
    VISITED = "visited", _("Visited back")
    CLOSED = "closed", _("Closed")
    APPEALED = "appealed", _("Appealed, awaiting re-review")


class LoopAction(models.TextChoices):
    OPEN = "open", _("Opened")
    ASSIGN = "assign", _("Assigned")
    VERIFY = "verify", _("Verified")
    RECTIFY = "rectify", _("Rectified")
    REPLY = "reply", _("Replied")
    VISIT = "visit", _("Return visit")
    CLOSE = "close", _("Closed")
    APPEAL = "appeal", _("Appealed")
    RATE = "rate", _("Rated by the citizen")


class LoopRecord(models.Model):
    """The fields of a loop, common to both subjects."""

    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("department"))
    status = models.CharField(_("status"), max_length=12, choices=LoopStatus.choices, default=LoopStatus.OPEN)
    assignee = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("assignee"))
    received_at = models.DateTimeField(_("received at"))
    # The overall time limit (complaints: answer within N working days); the current step's deadline.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    step_due = models.DateField(_("current step due"), null=True, blank=True)
    founded = models.BooleanField(_("founded"), null=True, blank=True)
    finding = models.TextField(_("verification finding"), blank=True)
    rectification = models.TextField(_("rectification"), blank=True)
    reply = models.TextField(_("reply to the citizen"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    # Return visit (回访): mandatory for real-name bad reviews and named complainants.
    visit_required = models.BooleanField(_("return visit required"), default=False)
    visited_at = models.DateTimeField(_("visited back at"), null=True, blank=True)
    visit_note = models.TextField(_("return visit note"), blank=True)
    # The citizen's rating of how the matter was handled (1–5), from the visit or the citizen.
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    appeals = models.PositiveSmallIntegerField(_("appeals"), default=0)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        abstract = True


class Rectification(LoopRecord):
    """整改: the loop a bad review (level ≤ 2) opens."""

    evaluation = models.OneToOneField("feedback.Evaluation", on_delete=models.PROTECT,
                                      related_name="rectification", verbose_name=_("evaluation"))
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("staff evaluated"))

    class Meta:
        verbose_name = _("rectification")
        verbose_name_plural = _("rectifications")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["centre", "status", "step_due"], name="fb_rect_open_idx")]

    def __str__(self) -> str:
        return f"R{self.pk}"


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPORT = "report", _("Report (whistle-blowing)")
    CANNOT_DO = "cannot_do", _("Couldn't get it done")
    SUGGESTION = "suggestion", _("Suggestion")


class ComplaintSource(models.TextChoices):
    PORTAL = "portal", _("Online")
    COUNTER = "counter", _("At the counter")
    HOTLINE = "hotline", _("Hotline")


class Complaint(LoopRecord):
    """投诉 / 举报 / 办不成事 / 建议, linked to a case, a staff member or a window."""

    kind = models.CharField(_("kind"), max_length=12, choices=ComplaintKind.choices)
    source = models.CharField(_("source"), max_length=10, choices=ComplaintSource.choices)
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="complaints", verbose_name=_("case"))
    staff = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="complaints", verbose_name=_("staff complained about"))
    window = models.ForeignKey("network.Window", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="complaints", verbose_name=_("window"))
    subject = models.CharField(_("subject"), max_length=120)
    text = models.TextField(_("details"), max_length=4000)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    name = models.CharField(_("name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("citizen account"))
    entered_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("entered by"))
    # The public handle the complainant follows the matter with (never the id).
    reference = models.CharField(_("reference"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["centre", "status", "step_due"], name="fb_complaint_open_idx")]

    def __str__(self) -> str:
        return self.reference


class LoopEvent(models.Model):
    """One step of a loop: who, what, from → to, when, the deadline it set. Append-only."""

    rectification = models.ForeignKey(Rectification, null=True, blank=True, on_delete=models.CASCADE,
                                      related_name="events")
    complaint = models.ForeignKey(Complaint, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=LoopAction.choices)
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    actor = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("actor"))
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    step_due = models.DateField(_("step due"), null=True, blank=True)
    # Whether the step was completed after its deadline (kept for the assessment).
    late = models.BooleanField(_("late"), default=False)

    class Meta:
        verbose_name = _("loop event")
        verbose_name_plural = _("loop events")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(rectification__isnull=False, complaint__isnull=True)
                           | Q(rectification__isnull=True, complaint__isnull=False)),
                name="fb_loop_event_one_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.from_status}→{self.to_status}"
