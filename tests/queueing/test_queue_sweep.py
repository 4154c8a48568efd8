"""manage.py queue_sweep and tickets_close_day: yesterday's open tickets are cancelled (with an
event), past appointments become no-shows, tomorrow's reminders go out once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import time_machine
from django.core.management import call_command

from onewindow.queueing.models import AppointmentNotice, TicketEvent
from onewindow.queueing.services import appointment_book, ticket_call_next
from tests.queueing.conftest import DAY, at


def test_sweep(social, take, window, clerk, weekday_rule):
    waiting = take(social, at_=at(16, 0))
    take(social, at_=at(16, 1))
    called = ticket_call_next(window=window, by=clerk, at=at(16, 5))
    missed = appointment_book(
        line=social, day=DAY, start=dt.time(16), name="甲", phone="13800000001", at=at(8)
    )
    tomorrow = appointment_book(
        line=social,
        day=DAY + dt.timedelta(days=1),
        start=dt.time(10),
        name="乙",
        phone="13800000002",
        at=at(8),
    )
    out = StringIO()
    with time_machine.travel(at(7, day=DAY + dt.timedelta(days=1)), tick=False):
        call_command("queue_sweep", stdout=out)
        assert "tickets closed: 2; appointment no-shows: 1; reminders: 0" in out.getvalue()
    waiting.refresh_from_db(), called.refresh_from_db(), missed.refresh_from_db(), tomorrow.refresh_from_db()
    assert (waiting.status, called.status, missed.status, tomorrow.status) == (
        "cancelled",
        "cancelled",
        "no_show",
        "booked",
    )
    event = TicketEvent.objects.get(ticket=called, action="cancel")
    assert (event.from_status, event.detail) == ("called", {"reason": "day_closed"})
    with time_machine.travel(at(20), tick=False):
        call_command("queue_sweep", stdout=StringIO())
        call_command("queue_sweep", stdout=StringIO())
    assert AppointmentNotice.objects.filter(kind="reminder", appointment=tomorrow).count() == 1
