"""load_demo_queue: lines, rules, a simulated day and appointments on the demo network; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from onewindow.demo.loaders.network import load_network
from onewindow.demo.loaders.staff import load_staff
from onewindow.queueing.demo import load_demo_queue
from onewindow.queueing.models import Appointment, AppointmentRule, QueueLine, Ticket
from onewindow.queueing.selectors import board_state, queue_kpis
from tests.queueing.conftest import DAY, at


@pytest.mark.django_db
def test_demo_queue_is_realistic_and_idempotent():
    load_network()
    load_staff()
    with time_machine.travel(at(10, 40), tick=False):
        summary = load_demo_queue()
        from onewindow.demo import refs

        county = refs.centre("county")
        counts = (
            QueueLine.objects.count(),
            AppointmentRule.objects.count(),
            Ticket.objects.count(),
            Appointment.objects.count(),
        )
        assert load_demo_queue().endswith("0 today, 0 new appointments")
        assert (
            QueueLine.objects.count(),
            AppointmentRule.objects.count(),
            Ticket.objects.count(),
            Appointment.objects.count(),
        ) == counts
        board = board_state(centre=county)
    assert "queue lines" in summary
    past = DAY - dt.timedelta(days=1)
    (row,) = queue_kpis(centre=county, start=past, end=past)
    assert row.taken > 150 and row.served > 0.8 * row.taken and row.no_show > 0
    assert 0 < row.service_level <= 1 and row.service_avg_minutes > 3
    assert Ticket.objects.filter(day=past, source="appointment").exists()
    assert Ticket.objects.filter(day=past, priority=True).exists()
    assert board.calls and any(entry.waiting for entry in board.lines)
    assert Appointment.objects.filter(day__gt=DAY, day__week_day=7).exists()  # a Saturday booking
    assert QueueLine.objects.get(centre=county, code="property").windows.count() == 3
