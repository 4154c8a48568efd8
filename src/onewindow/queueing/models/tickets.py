"""Tickets (取号), their audit trail, their numbering and the per-window calling state."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    CALLED = "called", _("Called")
    SERVING = "serving", _("Being served")
    FINISHED = "finished", _("Finished")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING)
AT_WINDOW_STATUSES = (TicketStatus.CALLED, TicketStatus.SERVING)


class TicketSource(models.TextChoices):
    KIOSK = "kiosk", _("Kiosk")
    STAFF = "staff", _("Staff")
    APPOINTMENT = "appointment", _("Appointment check-in")
    ONLINE = "online", _("Online")


class PriorityReason(models.TextChoices):
    """绿色通道. `elderly` comes from the resident ID (age threshold in QueueSettings) or from staff."""

    ELDERLY = "elderly", _("Elderly")
    DISABLED = "disabled", _("Disabled")
    PREGNANT = "pregnant", _("Pregnant")
    SERVICE_MEMBER = "service_member", _("Service member")


class Ticket(models.Model):
    centre = models.ForeignKey(
        "network.Centre", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("centre")
    )
    line = models.ForeignKey(
        "queueing.QueueLine", on_delete=models.PROTECT, related_name="tickets", verbose_name=_("queue line")
    )
    day = models.DateField(_("day"))
    seq = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=12)
    # The public handle of the ticket page (QR code): unguessable, never the id.
    token = models.CharField(_("token"), max_length=32, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TicketStatus.choices, default=TicketStatus.WAITING
    )
    source = models.CharField(_("source"), max_length=12, choices=TicketSource.choices)
    priority = models.BooleanField(_("priority (green channel)"), default=False)
    priority_reasons = models.JSONField(_("priority reasons"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    appointment = models.OneToOneField(
        "queueing.Appointment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ticket",
        verbose_name=_("appointment"),
    )
    taken_at = models.DateTimeField(_("taken at"))
    # The calling order: taken_at for walk-ins (kept through transfers), the slot start for appointments.
    sort_at = models.DateTimeField(_("queue position time"))
    # Set by a transfer to one window: only that window calls the ticket.
    target_window = models.ForeignKey(
        "network.Window",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("transferred to window"),
    )
    window = models.ForeignKey(
        "network.Window",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("window"),
    )
    staff = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tickets",
        verbose_name=_("staff"),
    )
    call_count = models.PositiveSmallIntegerField(_("calls"), default=0)
    first_called_at = models.DateTimeField(_("first called at"), null=True, blank=True)
    called_at = models.DateTimeField(_("last called at"), null=True, blank=True)
    serve_started_at = models.DateTimeField(_("service started at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    cases = models.ManyToManyField(
        "cases.Case",
        through="queueing.TicketCase",
        related_name="tickets",
        blank=True,
        verbose_name=_("cases"),
    )

    class Meta:
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")
        ordering = ["-day", "sort_at", "id"]
        # The number a person holds is unique in the hall that day (a transfer keeps it across lines).
        constraints = [
            models.UniqueConstraint(fields=["centre", "day", "number"], name="ticket_number_unique")
        ]
        indexes = [
            models.Index(fields=["centre", "day", "status", "sort_at"], name="ticket_queue_idx"),
            models.Index(fields=["window", "status"], name="ticket_window_idx"),
            models.Index(fields=["line", "status", "closed_at"], name="ticket_line_closed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.number}"


class TicketAction(models.TextChoices):
    TAKE = "take", _("Taken")
    CALL = "call", _("Called")
    RECALL = "recall", _("Called again")
    SERVE = "serve", _("Service started")
    FINISH = "finish", _("Finished")
    NO_SHOW = "no_show", _("No-show")
    TRANSFER = "transfer", _("Transferred")
    LINK_CASE = "link_case", _("Case linked")
    CANCEL = "cancel", _("Cancelled")


class TicketEvent(models.Model):
    """One state change or action on a ticket: who, where, from → to, when."""

    ticket = models.ForeignKey(
        Ticket, on_delete=models.CASCADE, related_name="events", verbose_name=_("ticket")
    )
    action = models.CharField(_("action"), max_length=12, choices=TicketAction.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=TicketStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=10, choices=TicketStatus.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    window = models.ForeignKey(
        "network.Window",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("window"),
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("ticket event")
        verbose_name_plural = _("ticket events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.action} {self.from_status}→{self.to_status}"


class TicketCase(models.Model):
    """A case received during the visit of a ticket (one visit may open several cases)."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="case_links")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="ticket_links")
    linked_at = models.DateTimeField(_("linked at"))
    linked_by = models.ForeignKey(
        "network.Staff",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked by"),
    )

    class Meta:
        verbose_name = _("ticket case")
        verbose_name_plural = _("ticket cases")
        constraints = [models.UniqueConstraint(fields=["ticket", "case"], name="ticket_case_unique")]

    def __str__(self) -> str:
        return f"{self.ticket_id} → {self.case_id}"


class TicketSequence(models.Model):
    """The last number a line gave out on a day; locked while a ticket is taken (unique, gap-free)."""

    line = models.ForeignKey("queueing.QueueLine", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ticket sequence")
        verbose_name_plural = _("ticket sequences")
        constraints = [models.UniqueConstraint(fields=["line", "day"], name="ticket_sequence_unique")]

    def __str__(self) -> str:
        return f"{self.line_id} {self.day} {self.last}"


class WindowCallState(models.Model):
    """Where a window stands in the priority:normal cycle today. Locked by call-next, which also
    serialises two clicks at the same window."""

    window = models.OneToOneField(
        "network.Window", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    day = models.DateField()
    priority_run = models.PositiveIntegerField(default=0)
    normal_run = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("window call state")
        verbose_name_plural = _("window call states")

    def __str__(self) -> str:
        return f"{self.window_id} {self.day} P{self.priority_run} N{self.normal_run}"
