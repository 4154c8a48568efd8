"""The back office: clock pauses, joint-case department tasks, review opinions, joint meetings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.catalogue.models import SpecialProcedure


class Suspension(models.Model):
    """A pause of the clock for a special procedure (art. 45) or a field survey.

    The paused working days are those after `started_on` up to and including `ended_on` (the day of
    suspension was worked; the day of resumption, like the day of acceptance, is not counted)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="suspensions",
                             verbose_name=_("case"))
    kind = models.CharField(_("kind"), max_length=20, choices=SpecialProcedure.choices)
    reason = models.CharField(_("reason"), max_length=500)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=500, blank=True)
    started_by = models.ForeignKey("network.Staff", null=True, on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["case_id", "started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.started_on}–{self.ended_on or ''}"


class TaskState(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_REVIEW = "in_review", _("In review")
    DONE = "done", _("Done")


class TaskOutcome(models.TextChoices):
    APPROVE = "approve", _("Approved")
    DENY = "deny", _("Denied")


class DepartmentTask(models.Model):
    """One department's part of a joint case (并联审批): in parallel, each within its own limit."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="tasks",
                             verbose_name=_("joint case"))
    department = models.ForeignKey("network.Department", on_delete=models.PROTECT, related_name="case_tasks",
                                   verbose_name=_("department"))
    item = models.ForeignKey("catalogue.ServiceItem", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("component item"))
    item_version = models.ForeignKey("catalogue.ItemVersion", null=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("component version"))
    state = models.CharField(_("state"), max_length=10, choices=TaskState.choices, default=TaskState.PENDING)
    is_lead = models.BooleanField(_("lead department"), default=False)
    limit_days = models.PositiveIntegerField(_("limit (working days)"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assignee = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="case_tasks", verbose_name=_("assignee"))
    opinion = models.TextField(_("opinion"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=TaskOutcome.choices, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey("network.Staff", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("department task")
        verbose_name_plural = _("department tasks")
        ordering = ["case_id", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="task_item_unique")]
        indexes = [models.Index(fields=["department", "state"], name="task_department_state")]

    def __str__(self) -> str:
        return f"{self.case_id} · {self.department_id} ({self.state})"


class Opinion(models.Model):
    """A review step's opinion (审查意见): the step names come from the version's review_steps."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="opinions",
                             verbose_name=_("case"))
    task = models.ForeignKey(DepartmentTask, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="opinions", verbose_name=_("department task"))
    step = models.CharField(_("step"), max_length=60)
    staff = models.ForeignKey("network.Staff", null=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("staff"))
    opinion = models.TextField(_("opinion"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["case_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step}"


class JointMeeting(models.Model):
    """联审会议 record of a joint case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("case"))
    held_at = models.DateTimeField(_("held at"))
    attendees = models.JSONField(_("attendees"), default=list)
    minutes = models.TextField(_("minutes"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("joint review meeting")
        verbose_name_plural = _("joint review meetings")
        ordering = ["case_id", "held_at"]

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.held_at:%Y-%m-%d}"
