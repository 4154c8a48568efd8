"""The working-day calendar's corrections (DOMAIN §5). The official calendar itself comes from the
`chinesecalendar` package; these tables only hold what an administrator adds on top of it.

Written only through onewindow.calendar.services, which also bumps CalendarRevision so that every
process rebuilds its cached WorkCalendar (docs/calendar.md, "Cache").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (non-working day)")
    WORKDAY = "workday", _("Working day (e.g. make-up working day)")


class OverrideSource(models.TextChoices):
    ADMIN = "admin", _("Set by an administrator")
    FILE = "file", _("Loaded from a year file")


class CalendarOverride(models.Model):
    """One day whose kind differs from the package's calendar (or from the weekend rule): a
    holiday on a weekday, a make-up working day on a weekend, or a local correction. Overrides win."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 春节 or 春节调休"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=OverrideSource.choices,
                              default=OverrideSource.ADMIN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind} {self.name}"


class YearSource(models.TextChoices):
    CHINESECALENDAR = "chinesecalendar", _("The chinesecalendar package")
    FILE = "file", _("A year file")
    ADMIN = "admin", _("Entered by an administrator")


class CalendarYear(models.Model):
    """Marks a whole year as published, so dates computed over it are no longer provisional.
    For a file or admin year the package's data for that year is ignored: the year is the weekend
    rule plus its overrides."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=20, choices=YearSource.choices)
    loaded_at = models.DateTimeField(_("loaded at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("published calendar year")
        verbose_name_plural = _("published calendar years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class CalendarRevision(models.Model):
    """A single row whose number goes up on every calendar write: the cheap version that other
    processes poll to know their cached calendar is stale."""

    number = models.PositiveBigIntegerField(_("revision"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("changed by"))

    class Meta:
        verbose_name = _("calendar revision")
        verbose_name_plural = _("calendar revisions")

    def __str__(self) -> str:
        return str(self.number)
