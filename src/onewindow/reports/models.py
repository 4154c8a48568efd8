"""Rollup tables (maintained from CaseEvent rows, never by the cases services) and submitted
monthly reports. Rollup rows carry plain integer ids, not foreign keys: they are derived data,
rebuilt from the events at any time (`manage.py rollup_build`), and 0 stands for "none" so that the
natural key can be a plain unique constraint the upsert targets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The measures of a fact row, in the order the rollup SQL writes them.
MEASURES: tuple[str, ...] = (
    "received", "accepted", "notices", "refused", "returned", "withdrawn", "escalated", "decided",
    "on_time", "early", "wd_used", "concluded",
)


class RollupState(models.Model):
    """The one row that says how far the rollup has read the event log (CaseEvent.id) and which
    calendar revision the working-day ordinals were built from. Locked while a run writes."""

    watermark = models.BigIntegerField(_("last event id processed"), default=0)
    calendar_revision = models.IntegerField(_("calendar revision of the ordinals"), default=-1)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("rollup state")
        verbose_name_plural = _("rollup state")

    def __str__(self) -> str:
        return f"watermark {self.watermark}"


class WorkdayOrdinal(models.Model):
    """Working days from the calendar table's start up to and including `day` (a prefix count), so
    that "working days used" is a subtraction in SQL."""

    day = models.DateField(primary_key=True)
    ordinal = models.IntegerField()

    class Meta:
        verbose_name = _("working-day ordinal")
        verbose_name_plural = _("working-day ordinals")

    def __str__(self) -> str:
        return f"{self.day} {self.ordinal}"


class DailyCaseFact(models.Model):
    """Counts of one local day's case events for one (centre, department, item, acting user)."""

    day = models.DateField(_("day"))
    centre_id = models.IntegerField(_("centre"))
    department_id = models.IntegerField(_("department"), default=0)
    item_id = models.IntegerField(_("service item"))
    actor_id = models.IntegerField(_("acting user"), default=0)
    received = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    notices = models.IntegerField(default=0)
    refused = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    escalated = models.IntegerField(default=0)
    decided = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    wd_used = models.BigIntegerField(default=0)
    concluded = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("daily case fact")
        verbose_name_plural = _("daily case facts")
        constraints = [
            models.UniqueConstraint(fields=["day", "centre_id", "department_id", "item_id", "actor_id"],
                                    name="reports_fact_key"),
        ]
        indexes = [models.Index(fields=["centre_id", "day"], name="reports_fact_centre_day")]

    def __str__(self) -> str:
        return f"{self.day} c{self.centre_id} i{self.item_id}"


class MonthlyCaseFact(models.Model):
    """The same counts summed over a statistical month (`month` = the first day of the calendar month
    the period is named after, e.g. 2025-03-01 for 2025-02-25 … 2025-03-24). A month's report reads
    about 1/30 of the rows it would read from the daily table. Built with the start day setting of
    its time: change ONEWINDOW_REPORT_PERIOD_START_DAY, then run rollup_build."""

    month = models.DateField(_("month"))
    centre_id = models.IntegerField(_("centre"))
    department_id = models.IntegerField(_("department"), default=0)
    item_id = models.IntegerField(_("service item"))
    actor_id = models.IntegerField(_("acting user"), default=0)
    received = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    notices = models.IntegerField(default=0)
    refused = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    withdrawn = models.IntegerField(default=0)
    escalated = models.IntegerField(default=0)
    decided = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    wd_used = models.BigIntegerField(default=0)
    concluded = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("monthly case fact")
        verbose_name_plural = _("monthly case facts")
        constraints = [
            models.UniqueConstraint(fields=["month", "centre_id", "department_id", "item_id", "actor_id"],
                                    name="reports_mfact_key"),
        ]

    def __str__(self) -> str:
        return f"{self.month} c{self.centre_id} i{self.item_id}"


class MonthlyReport(models.Model):
    """One submitted version of a centre's (or a department's) monthly report. Never changed after
    it is written: a resubmission is a new row with the next version number."""

    centre = models.ForeignKey("network.Centre", on_delete=models.PROTECT, related_name="monthly_reports",
                               verbose_name=_("centre"))
    department = models.ForeignKey("network.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="monthly_reports", verbose_name=_("department"))
    month = models.CharField(_("month"), max_length=7)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    version = models.PositiveIntegerField(_("version"))
    figures = models.JSONField(_("figures"), default=dict)
    xlsx = models.BinaryField(_("spreadsheet"))
    pdf = models.BinaryField(_("PDF summary"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted at"))

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month", "centre_id", "department_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "department", "month", "version"],
                                    name="reports_monthly_version"),
            models.UniqueConstraint(fields=["centre", "month", "version"],
                                    condition=models.Q(department=None),
                                    name="reports_monthly_version_centre"),
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.month} v{self.version}"
