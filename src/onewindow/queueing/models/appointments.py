"""Appointments (预约): bookable slots, bookings, reminders sent, and the per-person lock rows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppointmentSlot(models.Model):
    """One bookable slot of a line on a day. Rows are made from the AppointmentRules when first
    booked (or by an administrator closing or resizing a slot); `booked` is kept by the services under
    the row lock, so capacity holds under concurrency."""

    centre = models.ForeignKey(
        "network.Centre", on_delete=models.CASCADE, related_name="appointment_slots", verbose_name=_("centre")
    )
    line = models.ForeignKey(
        "queueing.QueueLine", on_delete=models.CASCADE, related_name="slots", verbose_name=_("queue line")
    )
    day = models.DateField(_("day"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)
    closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["day", "start", "line_id"]
        constraints = [
            models.UniqueConstraint(fields=["line", "day", "start"], name="appointment_slot_unique")
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.day} {self.start:%H:%M}"


class AppointmentStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")
    NO_SHOW = "no_show", _("No-show")


class AppointmentChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    STAFF = "staff", _("Staff (phone or counter)")


class Appointment(models.Model):
    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, related_name="appointments", verbose_name=_("centre")
    )
    line = models.ForeignKey(
        "queueing.QueueLine",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("queue line"),
    )
    slot = models.ForeignKey(
        AppointmentSlot, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("slot")
    )
    day = models.DateField(_("day"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    # The booking reference: shown to the person, encoded in the check-in QR code, and the handle of
    # the public cancel / reschedule / check-in calls, so it is long and random.
    code = models.CharField(_("booking code"), max_length=12, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=AppointmentChannel.choices, default=AppointmentChannel.ONLINE
    )
    name = models.CharField(_("name"), max_length=60)
    phone = models.CharField(_("phone"), max_length=20)
    # The resident ID is not stored: a masked copy for staff and a keyed hash for the per-person limit.
    id_masked = models.CharField(_("resident ID (masked)"), max_length=18, blank=True)
    id_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("booked at"))
    created_by = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booked by"),
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    no_show_at = models.DateTimeField(_("marked no-show at"), null=True, blank=True)
    reschedule_count = models.PositiveSmallIntegerField(_("reschedules"), default=0)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["day", "start", "id"]
        indexes = [
            models.Index(fields=["centre", "day", "id_hash"], name="appointment_id_day_idx"),
            models.Index(fields=["centre", "day", "phone_hash"], name="appointment_phone_day_idx"),
            models.Index(fields=["status", "day"], name="appointment_status_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.day} {self.start:%H:%M}"


class AppointmentNotice(models.Model):
    """A notification handed to queueing.notify: one per appointment, kind and slot time, so that a
    retried service never sends it twice (a rescheduled appointment gets a new reminder)."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="notices", verbose_name=_("appointment")
    )
    kind = models.CharField(_("kind"), max_length=20)
    ref = models.CharField(_("reference"), max_length=40)
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("appointment notice")
        verbose_name_plural = _("appointment notices")
        constraints = [
            models.UniqueConstraint(fields=["appointment", "kind", "ref"], name="appointment_notice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.kind} {self.ref}"


class AppointmentQuota(models.Model):
    """A lock row per centre, day and person key (hash of an ID or a phone number): booking locks the
    person's rows before counting their appointments, so two parallel bookings cannot both pass
    the per-person limit."""

    centre = models.ForeignKey("network.Centre", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    person_key = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("appointment quota lock")
        verbose_name_plural = _("appointment quota locks")
        constraints = [
            models.UniqueConstraint(fields=["centre", "day", "person_key"], name="appointment_quota_unique")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.day}"
