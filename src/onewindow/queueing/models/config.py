"""What a centre configures: its queue lines, its calling rules and its appointment slot rules."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from onewindow.network.models import Theme, WindowKind


class QueueLine(models.Model):
    """A numbered queue of a centre (取号业务): one theme (社会民生 …) or one window kind (综合发证 …),
    with its own number prefix. Which windows call it: the listed `windows` when any are listed,
    otherwise every active window whose themes include `theme`, otherwise every active window of
    `window_kind` (docs/queue.md "Which window calls which line")."""

    centre = models.ForeignKey(
        "network.Centre", on_delete=models.CASCADE, related_name="queue_lines", verbose_name=_("centre")
    )
    code = models.SlugField(_("code"), max_length=30, help_text=_("unique within the centre, e.g. social"))
    name = models.CharField(_("name"), max_length=60)
    prefix = models.CharField(
        _("number prefix"),
        max_length=2,
        validators=[RegexValidator(r"^[A-Z]{1,2}$", _("One or two capital letters."))],
        help_text=_("e.g. A gives A001, A002, …"),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, blank=True)
    window_kind = models.CharField(_("window kind"), max_length=20, choices=WindowKind.choices, blank=True)
    windows = models.ManyToManyField(
        "network.Window",
        blank=True,
        related_name="queue_lines",
        verbose_name=_("windows"),
        help_text=_("Leave empty to derive the windows from the theme or kind."),
    )
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("shown under the button at the kiosk")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    daily_limit = models.PositiveIntegerField(
        _("daily ticket limit"), default=0, help_text=_("0 means no limit")
    )
    default_service_minutes = models.PositiveSmallIntegerField(
        _("default service minutes"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("used for the predicted wait until the line has finished tickets"),
    )
    appointments_enabled = models.BooleanField(_("appointments enabled"), default=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("queue line")
        verbose_name_plural = _("queue lines")
        ordering = ["centre_id", "position", "prefix"]
        constraints = [
            models.UniqueConstraint(fields=["centre", "code"], name="queue_line_code_unique"),
            models.UniqueConstraint(fields=["centre", "prefix"], name="queue_line_prefix_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}"


class AppointmentMode(models.TextChoices):
    SLOT_FIRST = "slot_first", _("Checked-in appointments first once their slot has begun")
    MERGED = "merged", _("Merged with walk-ins by slot start time")


def _minutes(upper: int):
    return [MinValueValidator(0), MaxValueValidator(upper)]


class QueueSettings(models.Model):
    """A centre's calling and appointment rules. A centre without a row uses the field defaults."""

    centre = models.OneToOneField(
        "network.Centre", on_delete=models.CASCADE, related_name="queue_settings", verbose_name=_("centre")
    )
    # Green channel (绿色通道): when priority and normal tickets both wait, a window calls
    # `priority_calls` priority tickets, then `normal_calls` normal ones (0: priority always first).
    priority_calls = models.PositiveSmallIntegerField(
        _("priority calls per cycle"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    normal_calls = models.PositiveSmallIntegerField(
        _("normal calls per cycle"),
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=_("0: priority tickets always go first"),
    )
    elderly_age = models.PositiveSmallIntegerField(
        _("elderly priority age"), default=70, validators=[MinValueValidator(50), MaxValueValidator(100)]
    )
    no_show_after_calls = models.PositiveSmallIntegerField(
        _("calls before no-show"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    appointment_mode = models.CharField(
        _("appointment precedence"),
        max_length=12,
        choices=AppointmentMode.choices,
        default=AppointmentMode.SLOT_FIRST,
    )
    service_level_minutes = models.PositiveSmallIntegerField(
        _("service level target (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
    )
    prediction_sample = models.PositiveSmallIntegerField(
        _("tickets in the wait prediction"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("the median service time of this many last finished tickets of the line"),
    )
    appointment_daily_limit = models.PositiveSmallIntegerField(
        _("appointments per person per day"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("counted by resident ID and by phone number"),
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        _("booking horizon (days)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    checkin_early_minutes = models.PositiveSmallIntegerField(
        _("check-in opens (minutes before the slot)"), default=60, validators=_minutes(480)
    )
    checkin_late_minutes = models.PositiveSmallIntegerField(
        _("check-in closes (minutes after the slot start)"), default=15, validators=_minutes(240)
    )

    class Meta:
        verbose_name = _("queue settings")
        verbose_name_plural = _("queue settings")

    def __str__(self) -> str:
        return str(self.centre)


class DayType(models.TextChoices):
    """From the working-day calendar: 调休 weekends are working days; a weekend inside a statutory
    holiday is a holiday."""

    WORKING = "working", _("Working day")
    WEEKEND = "weekend", _("Weekend (rest day)")
    HOLIDAY = "holiday", _("Statutory holiday")


class AppointmentRule(models.Model):
    """When a line takes appointments: slots of `slot_minutes` from `start` to `end` on days of
    `day_type` (and, when listed, only on `weekdays`), `capacity` bookings per slot. Slots inside the
    lunch break take `lunch_capacity` (0 closes them; >0 is uninterrupted lunchtime service,
    seed 001 #13). Weekend rules are how a centre offers Saturday/Sunday appointments (seed 001 #13)."""

    centre = models.ForeignKey(
        "network.Centre", on_delete=models.CASCADE, related_name="appointment_rules", verbose_name=_("centre")
    )
    line = models.ForeignKey(
        QueueLine, on_delete=models.CASCADE, related_name="appointment_rules", verbose_name=_("queue line")
    )
    day_type = models.CharField(
        _("day type"), max_length=10, choices=DayType.choices, default=DayType.WORKING
    )
    weekdays = models.JSONField(
        _("weekdays"),
        default=list,
        blank=True,
        help_text=_("ISO weekdays 1 (Monday) … 7 (Sunday); empty means every day of the type"),
    )
    start = models.TimeField(_("first slot starts"))
    end = models.TimeField(_("last slot ends"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"), default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("bookings per slot"), default=4, validators=[MaxValueValidator(500)]
    )
    lunch_start = models.TimeField(_("lunch break starts"), null=True, blank=True)
    lunch_end = models.TimeField(_("lunch break ends"), null=True, blank=True)
    lunch_capacity = models.PositiveSmallIntegerField(
        _("bookings per lunch slot"),
        default=0,
        validators=[MaxValueValidator(500)],
        help_text=_("0 closes lunch slots"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("appointment rule")
        verbose_name_plural = _("appointment rules")
        ordering = ["centre_id", "line_id", "day_type", "start"]

    def __str__(self) -> str:
        return f"{self.line} · {self.get_day_type_display()} {self.start:%H:%M}–{self.end:%H:%M}"
