"""Reads of appointments."""

from __future__ import annotations

import datetime as dt

from onewindow.core.errors import NotFound
from onewindow.queueing.models import Appointment, QueueSettings
from onewindow.queueing.rules import normalise_code
from onewindow.queueing.selectors.slots import slot_start_at


def appointment_by_code(*, code: str, centre_id: int | None = None) -> Appointment:
    """The appointment with this booking code (at this centre when given), or NotFound."""
    code = normalise_code(code)
    qs = Appointment.objects.select_related("line", "centre").filter(code=code)
    if centre_id is not None:
        qs = qs.filter(centre_id=centre_id)
    appointment = qs.first() if code else None
    if appointment is None:
        raise NotFound("appointment_not_found", "预约不存在", "No such appointment")
    return appointment


def check_in_window(*, appointment: Appointment, settings: QueueSettings) -> tuple[dt.datetime, dt.datetime]:
    """When check-in opens and closes: checkin_early_minutes before the slot start to
    checkin_late_minutes after it."""
    start = slot_start_at(appointment.day, appointment.start)
    return (
        start - dt.timedelta(minutes=settings.checkin_early_minutes),
        start + dt.timedelta(minutes=settings.checkin_late_minutes),
    )
