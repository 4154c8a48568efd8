"""Service events come from the queue and the case trail, once each; the window offers the last one."""

from __future__ import annotations

import datetime as dt

from onewindow.feedback.models import ServiceEvent
from onewindow.feedback.services import service_events_collect, window_last_event
from onewindow.queueing.models import QueueLine
from onewindow.queueing.services import ticket_call_next, ticket_finish, ticket_serve_start, ticket_take
from tests.feedback.conftest import MONDAY


def _served_ticket(centre, window, clerk):
    line = QueueLine.objects.create(
        centre=centre, code="social", name="社会民生", prefix="A", theme="social", position=1
    )
    ticket_take(line=line, source="kiosk", phone="13911112222")
    ticket = ticket_call_next(window=window, by=clerk)
    ticket = ticket_serve_start(ticket=ticket, by=clerk)
    return ticket_finish(ticket=ticket, by=clerk)


def test_collect_records_tickets_and_intakes_once(frozen, centre, window, clerk, case):
    ticket = _served_ticket(centre, window, clerk)
    since = MONDAY - dt.timedelta(hours=1)
    assert service_events_collect(since=since) == 2  # the ticket and the intake of `case`
    assert service_events_collect(since=since) == 0  # idempotent
    t = ServiceEvent.objects.get(kind="ticket")
    assert (t.ticket_id, t.window, t.staff, t.phone) == (ticket.pk, window, clerk, "13911112222")
    i = ServiceEvent.objects.get(kind="intake")
    assert (i.case, i.staff, i.window, i.phone) == (case, clerk, window, "13800001234")


def test_intake_during_a_ticket_visit_is_the_ticket_event(frozen, centre, window, clerk, case):
    from onewindow.queueing.models.tickets import TicketCase

    ticket = _served_ticket(centre, window, clerk)
    TicketCase.objects.create(ticket=ticket, case=case, linked_at=MONDAY, linked_by=clerk)
    service_events_collect(since=MONDAY - dt.timedelta(hours=1))
    assert list(ServiceEvent.objects.values_list("kind", flat=True)) == ["ticket"]


def test_window_offers_the_last_served_ticket(frozen, centre, window, clerk):
    ticket = _served_ticket(centre, window, clerk)
    event = window_last_event(window=window, since=MONDAY - dt.timedelta(minutes=30))
    assert event is not None and event.ticket_id == ticket.pk
    frozen.shift(dt.timedelta(hours=2))
    assert window_last_event(window=window, since=MONDAY + dt.timedelta(hours=1)) is None
