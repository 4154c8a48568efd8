"""Supervision (DOMAIN §6): warnings on the case clock, anomalies found by the rules, attendance and
the monthly staff assessment. Data only; the writes are in services/, the reads in selectors.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.TextChoices):
    GREEN = "green", _("Green (normal)")
    YELLOW = "yellow", _("Yellow (approaching the limit)")
    RED = "red", _("Red (overdue)")


class Warning(models.Model):  # noqa: A001 - the domain's name (预警), not the builtin
    """A case turned yellow or red. One row per (case, colour, clock generation): the generation is
    the decision due date, which changes exactly when a resumption or an extension moves the clock,
    so a case warns once per colour change and again after its clock moved."""

    # No separate FK indexes: the unique constraint leads with case, the centre index with centre,
    # and every index slows the sweep's bulk insert.
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="warnings",
        verbose_name=_("case"),
        db_index=False,
    )
    colour = models.CharField(_("colour"), max_length=6, choices=Colour.choices)
    due_date = models.DateField(_("due date (clock generation)"))
    centre = models.ForeignKey(
        "network.Centre", on_delete=models.CASCADE, related_name="+", verbose_name=_("centre"), db_index=False
    )
    department = models.ForeignKey(
        "network.Department",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("department"),
        db_index=False,
    )
    reviewer = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
        db_index=False,
    )
    raised_at = models.DateTimeField(_("raised at"))
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "colour", "due_date"], name="warning_once_per_generation")
        ]
        indexes = [
            # Small and exact: only the warnings still to notify.
            models.Index(fields=["id"], condition=models.Q(notified_at__isnull=True), name="warning_pending"),
            models.Index(fields=["centre", "raised_at"], name="warning_centre_raised"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.colour} ({self.due_date})"


class Anomaly(models.Model):
    """Something a rule found (docs/supervision.md "Anomaly rules"). `subject` names what it is about
    (e.g. "case:12", "staff:3:2026-11"); one row per (rule, subject), so sweeps never duplicate."""

    rule = models.CharField(_("rule"), max_length=40)
    subject = models.CharField(_("subject"), max_length=120)
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="anomalies",
        verbose_name=_("case"),
    )
    staff = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("staff"),
    )
    item = models.ForeignKey(
        "catalogue.ServiceItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("service item"),
    )
    centre = models.ForeignKey(
        "network.Centre",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("centre"),
    )
    period = models.CharField(_("period"), max_length=20, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    first_seen = models.DateTimeField(_("first seen"))

    class Meta:
        verbose_name = _("anomaly")
        verbose_name_plural = _("anomalies")
        ordering = ["-first_seen", "-id"]
        constraints = [models.UniqueConstraint(fields=["rule", "subject"], name="anomaly_once_per_subject")]
        indexes = [models.Index(fields=["centre", "first_seen"], name="anomaly_centre_seen")]

    def __str__(self) -> str:
        return f"{self.rule} {self.subject}"


class Attendance(models.Model):
    """One staff member's working day: check-in and check-out (考勤)."""

    staff = models.ForeignKey(
        "network.Staff", on_delete=models.CASCADE, related_name="attendance", verbose_name=_("staff")
    )
    day = models.DateField(_("day"))
    check_in_at = models.DateTimeField(_("checked in at"))
    check_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    late = models.BooleanField(_("late"), default=False)
    early_leave = models.BooleanField(_("left early"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["-day", "staff_id"]
        constraints = [models.UniqueConstraint(fields=["staff", "day"], name="attendance_once_a_day")]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.day}"


def _weight(verbose: Any, default: str) -> models.DecimalField:
    return models.DecimalField(verbose, max_digits=5, decimal_places=2, default=Decimal(default))


class AssessmentWeights(models.Model):
    """Weights of the monthly staff assessment, per centre (docs/supervision.md "Assessment").
    A row with no centre is the default for centres without their own."""

    centre = models.OneToOneField(
        "network.Centre",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("centre"),
    )
    accepted = _weight(_("weight: cases accepted"), "15")
    concluded = _weight(_("weight: cases concluded"), "15")
    timeliness = _weight(_("weight: on-time rate"), "25")
    attendance = _weight(_("weight: attendance"), "15")
    evaluations = _weight(_("weight: good-review rate"), "20")
    complaints = _weight(_("weight: no complaints"), "10")
    # Cases per month that earn the full accepted/concluded points.
    accepted_target = models.PositiveIntegerField(_("accepted cases for full points"), default=100)
    concluded_target = models.PositiveIntegerField(_("concluded cases for full points"), default=100)
    # Points lost per complaint against the staff member (of the complaints weight).
    complaint_penalty = _weight(_("points lost per complaint"), "5")
    # Seed 004 §五(五): the centre's assessment is 40 % of a resident department's annual score.
    centre_share_percent = models.PositiveSmallIntegerField(
        _("centre's share of the department score (%)"), default=40
    )

    class Meta:
        verbose_name = _("assessment weights")
        verbose_name_plural = _("assessment weights")

    def __str__(self) -> str:
        return str(self.centre or _("default"))


class StaffAssessment(models.Model):
    """The monthly assessment of one staff member over a statistics month (25th to 24th)."""

    staff = models.ForeignKey(
        "network.Staff", on_delete=models.CASCADE, related_name="assessments", verbose_name=_("staff")
    )
    period = models.CharField(
        _("month"),
        max_length=7,
        help_text=_("YYYY-MM: the 25th of the previous month to the 24th of this one"),
    )
    accepted = models.PositiveIntegerField(_("cases accepted"), default=0)
    concluded = models.PositiveIntegerField(_("cases concluded"), default=0)
    on_time = models.PositiveIntegerField(_("concluded on time"), default=0)
    working_days = models.PositiveIntegerField(_("working days"), default=0)
    days_present = models.PositiveIntegerField(_("days present"), default=0)
    evaluations = models.PositiveIntegerField(_("evaluations"), default=0)
    good_evaluations = models.PositiveIntegerField(_("good evaluations"), default=0)
    complaints = models.PositiveIntegerField(_("complaints"), default=0)
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, default=Decimal("0"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("staff assessment")
        verbose_name_plural = _("staff assessments")
        ordering = ["-period", "staff_id"]
        constraints = [models.UniqueConstraint(fields=["staff", "period"], name="assessment_once_a_month")]

    def __str__(self) -> str:
        return f"{self.staff_id} {self.period}: {self.score}"


class DepartmentScore(models.Model):
    """A resident department's annual score: the centre's assessment (mean of its staff's monthly
    scores over the year) weighted by centre_share_percent, plus the department's own evaluation
    (entered by hand) for the rest."""

    department = models.ForeignKey(
        "network.Department", on_delete=models.CASCADE, related_name="+", verbose_name=_("department")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    centre_score = models.DecimalField(
        _("centre's assessment"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    own_score = models.DecimalField(
        _("department's own evaluation"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    centre_share_percent = models.PositiveSmallIntegerField(_("centre's share (%)"), default=40)
    total = models.DecimalField(_("total"), max_digits=6, decimal_places=2, default=Decimal("0"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("department score")
        verbose_name_plural = _("department scores")
        ordering = ["-year", "department_id"]
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="department_score_once")]

    def __str__(self) -> str:
        return f"{self.department_id} {self.year}: {self.total}"


class SweepLock(models.Model):
    """One row per job; a run takes it with a conditional UPDATE (works on SQLite and PostgreSQL), so
    two overlapping `manage.py supervise` runs never sweep at once. It also remembers the last runs:
    a run between full runs only looks at cases changed since the previous run (docs/supervision.md)."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=64, blank=True)
    locked_until = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    full_at = models.DateTimeField(null=True, blank=True)
    full_day = models.DateField(null=True, blank=True)
    # Thresholds and calendar revision of the last full run: a change forces a full run.
    full_key = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("sweep lock")
        verbose_name_plural = _("sweep locks")

    def __str__(self) -> str:
        return self.name
