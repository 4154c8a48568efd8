"""API schemas of the queue and their serialisers. Field names are a public contract: extend, never rename."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.urls import reverse
from ninja import Schema
from pydantic import Field, field_validator

from onewindow.core.identifiers import mask_phone
from onewindow.queueing.models import Appointment, QueueLine, Ticket
from onewindow.queueing.selectors import KpiRow, SlotView, TicketProgress

ID = Field(ge=1, le=2**62)
PriorityFlag = Literal["elderly", "disabled", "pregnant", "service_member"]


class _NoNul(Schema):
    @field_validator("*", mode="before")
    @classmethod
    def no_nul(cls, value):
        # PostgreSQL refuses NUL in text: a 422 beats a 500.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class LineRef(Schema):
    code: str
    name: str
    prefix: str
    theme: str
    window_kind: str


class LineOut(LineRef):
    id: int
    description: str
    appointments_enabled: bool
    waiting: int


class WindowRef(Schema):
    id: int
    number: str
    name: str


class TicketIn(_NoNul):
    centre: int = ID
    line: str = Field("", max_length=30, description="line code; or give theme")
    theme: str = Field("", max_length=20, description="a theme (social …) or a window kind (issuing …)")
    priority: list[PriorityFlag] = Field(
        default_factory=list,
        max_length=4,
        description="green-channel flags; elderly only from staff (else from id_number)",
    )
    id_number: str = Field(
        "", max_length=18, description="resident ID: gives the elderly flag at 70+ (not stored)"
    )
    phone: str = Field("", max_length=20)
    channel: Literal["kiosk", "online"] = "kiosk"


class TicketOut(Schema):
    id: int
    number: str
    token: str
    url: str
    status: str
    centre: int
    line: LineRef
    priority: bool
    priority_reasons: list[str]
    source: str
    taken_at: dt.datetime
    people_ahead: int
    predicted_wait_minutes: int
    window: WindowRef | None
    call_count: int
    called_at: dt.datetime | None
    appointment: str | None = Field(None, description="booking code when the ticket came from a check-in")


def line_ref(line: QueueLine) -> dict:
    return {
        "code": line.code,
        "name": line.name,
        "prefix": line.prefix,
        "theme": line.theme,
        "window_kind": line.window_kind,
    }


def ticket_out(ticket: Ticket, progress: TicketProgress | None = None) -> dict:
    window = ticket.window
    return {
        "id": ticket.pk,
        "number": ticket.number,
        "token": ticket.token,
        "url": reverse("queueing:ticket", args=[ticket.token]),
        "status": ticket.status,
        "centre": ticket.centre_id,
        "line": line_ref(ticket.line),
        "priority": ticket.priority,
        "priority_reasons": ticket.priority_reasons,
        "source": ticket.source,
        "taken_at": ticket.taken_at,
        "people_ahead": progress.people_ahead if progress else 0,
        "predicted_wait_minutes": progress.predicted_wait_minutes if progress else 0,
        "window": {"id": window.pk, "number": window.number, "name": window.name} if window else None,
        "call_count": ticket.call_count,
        "called_at": ticket.called_at,
        "appointment": appointment.code
        if (appointment := ticket.appointment if ticket.appointment_id else None)
        else None,
    }


class ActionIn(_NoNul):
    """The body of an action: `transfer` reads window/line/note, `link_case` reads case."""

    window: int | None = Field(None, ge=1, le=2**62)
    line: str | None = Field(None, max_length=30)
    note: str = Field("", max_length=200)
    case: str | None = Field(None, max_length=40)


class SlotOut(Schema):
    start: str
    end: str
    capacity: int
    booked: int
    available: int
    lunch: bool
    bookable: bool


class SlotsOut(Schema):
    centre: int
    line: LineRef
    date: dt.date
    day_type: str
    slots: list[SlotOut]


def slot_out(slot: SlotView) -> dict:
    return {
        "start": slot.start.strftime("%H:%M"),
        "end": slot.end.strftime("%H:%M"),
        "capacity": slot.capacity,
        "booked": slot.booked,
        "available": slot.available,
        "lunch": slot.lunch,
        "bookable": slot.bookable,
    }


class AppointmentIn(_NoNul):
    centre: int = ID
    line: str = Field("", max_length=30)
    theme: str = Field("", max_length=20)
    date: dt.date
    start: dt.time = Field(description="slot start, HH:MM")
    name: str = Field(min_length=1, max_length=60)
    phone: str = Field(min_length=1, max_length=20)
    id_number: str = Field("", max_length=18)


class RescheduleIn(_NoNul):
    date: dt.date
    start: dt.time


class CheckInIn(_NoNul):
    centre: int | None = Field(
        None, ge=1, le=2**62, description="the kiosk's centre: refuse other centres' codes"
    )
    priority: list[PriorityFlag] = Field(default_factory=list, max_length=4)


class AppointmentOut(Schema):
    code: str
    status: str
    centre: int
    centre_name: str
    line: LineRef
    date: dt.date
    start: str
    end: str
    name: str
    phone: str
    ticket: str | None = Field(None, description="ticket page URL once checked in")


def _mask_name(name: str) -> str:
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def appointment_out(appointment: Appointment, *, ticket: Ticket | None = None) -> dict:
    return {
        "code": appointment.code,
        "status": appointment.status,
        "centre": appointment.centre_id,
        "centre_name": appointment.centre.name,
        "line": line_ref(appointment.line),
        "date": appointment.day,
        "start": appointment.start.strftime("%H:%M"),
        "end": appointment.end.strftime("%H:%M"),
        "name": _mask_name(appointment.name),
        "phone": mask_phone(appointment.phone),
        "ticket": reverse("queueing:ticket", args=[ticket.token]) if ticket else None,
    }


class KpiOut(Schema):
    group: dict
    taken: int
    called: int
    served: int
    no_show: int
    cancelled: int
    waiting_avg_minutes: float | None
    waiting_median_minutes: float | None
    waiting_max_minutes: float | None
    service_avg_minutes: float | None
    service_median_minutes: float | None
    service_level: float | None
    service_level_minutes: int


def kpi_out(row: KpiRow) -> dict:
    return {k: getattr(row, k) for k in KpiOut.model_fields}
