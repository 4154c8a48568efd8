"""Queue and appointments (取号叫号 · 预约, DOMAIN §8; docs/queue.md).

config.py        QueueLine (a numbered queue), QueueSettings (per-centre rules), AppointmentRule
tickets.py       Ticket, TicketEvent (the audit trail), TicketCase, TicketSequence, WindowCallState
appointments.py  AppointmentSlot, Appointment, AppointmentNotice, AppointmentQuota
"""

from onewindow.queueing.models.appointments import (
    Appointment,
    AppointmentChannel,
    AppointmentNotice,
    AppointmentQuota,
    AppointmentSlot,
    AppointmentStatus,
)
from onewindow.queueing.models.config import (
    AppointmentMode,
    AppointmentRule,
    DayType,
    QueueLine,
    QueueSettings,
)
from onewindow.queueing.models.tickets import (
    PriorityReason,
    Ticket,
    TicketAction,
    TicketCase,
    TicketEvent,
    TicketSequence,
    TicketSource,
    TicketStatus,
    WindowCallState,
)

__all__ = [
    "Appointment",
    "AppointmentChannel",
    "AppointmentMode",
    "AppointmentNotice",
    "AppointmentQuota",
    "AppointmentRule",
    "AppointmentSlot",
    "AppointmentStatus",
    "DayType",
    "PriorityReason",
    "QueueLine",
    "QueueSettings",
    "Ticket",
    "TicketAction",
    "TicketCase",
    "TicketEvent",
    "TicketSequence",
    "TicketSource",
    "TicketStatus",
    "WindowCallState",
]
