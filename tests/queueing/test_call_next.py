"""ticket_call_next: which ticket a window gets (longest wait, theme, green-channel ratio,
appointments, AB-post cover, transfers), what happens to the window's previous ticket, permissions."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, Forbidden, NotFound
from onewindow.network.models import DutyStatus
from onewindow.queueing.models import AppointmentMode, QueueSettings, Ticket, TicketEvent
from onewindow.queueing.services import (
    appointment_book,
    appointment_check_in,
    ticket_call_next,
    ticket_recall,
    ticket_serve_start,
    ticket_transfer,
)
from tests.queueing.conftest import DAY, at


def call(window, by, h=9, m=30, s=0):
    return ticket_call_next(window=window, by=by, at=at(h, m, s))


def drain(window, by, n, start_minute=30):
    """n calls in a row, each previous ticket served first so that call-next may proceed."""
    numbers = []
    for i in range(n):
        ticket = call(window, by, 10, start_minute + i)
        ticket_serve_start(ticket=ticket, by=by, at=at(10, start_minute + i, 10))
        numbers.append(ticket.number)
    return numbers


def test_longest_wait_first(social, take, window, clerk):
    take(social, at_=at(8, 55))
    take(social, at_=at(8, 50))  # A002, but taken earlier (clock of another kiosk)
    first = call(window, clerk)
    assert (first.number, first.status, first.window, first.staff, first.call_count) == (
        "A002",
        "called",
        window,
        clerk,
        1,
    )
    assert first.called_at == first.first_called_at == at(9, 30)


def test_a_window_calls_only_the_lines_it_serves(
    lines, take, window, clerk, reg_window, reg_clerk, issue_window, issue_clerk
):
    social, registration, _ = lines
    take(registration, at_=at(8, 40))
    take(social, at_=at(8, 45))
    assert call(window, clerk).number == "A001"
    assert call(reg_window, reg_clerk).number == "B001"
    with pytest.raises(NotFound) as exc:
        call(issue_window, issue_clerk)
    assert exc.value.code == "queue_empty"


def test_listed_windows_override_the_theme(centre, social, take, window, clerk, reg_window, reg_clerk):
    social.windows.set([reg_window])
    take(social, at_=at(8, 40))
    with pytest.raises(NotFound):
        call(window, clerk)
    assert call(reg_window, reg_clerk).number == "A001"


def _mixed_queue(social, take):
    for minute in range(4):
        take(social, at_=at(8, minute))  # A001..A004 normal, taken first
    for minute in range(3):
        take(social, at_=at(8, 10 + minute), priority_reasons=["disabled"])  # A005..A007 priority


def test_green_channel_ratio_one_priority_for_two_normal(social, take, window, clerk):
    _mixed_queue(social, take)
    assert drain(window, clerk, 7) == ["A005", "A001", "A002", "A006", "A003", "A004", "A007"]


def test_ratio_is_configurable(centre, social, take, window, clerk):
    QueueSettings.objects.create(centre=centre, priority_calls=2, normal_calls=1)
    _mixed_queue(social, take)
    assert drain(window, clerk, 7) == ["A005", "A006", "A001", "A007", "A002", "A003", "A004"]


def test_zero_normal_calls_means_priority_always_first(centre, social, take, window, clerk):
    QueueSettings.objects.create(centre=centre, normal_calls=0)
    _mixed_queue(social, take)
    assert drain(window, clerk, 7) == ["A005", "A006", "A007", "A001", "A002", "A003", "A004"]


def test_priority_arriving_after_normal_calls_goes_next(social, take, window, clerk):
    for minute in range(3):
        take(social, at_=at(8, minute))
    assert drain(window, clerk, 2) == ["A001", "A002"]  # only normal tickets waited
    take(social, at_=at(10, 40), priority_reasons=["pregnant"])
    assert drain(window, clerk, 2, start_minute=45) == ["A004", "A003"]


def _appointment_ticket(social, weekday_rule):
    appointment = appointment_book(
        line=social, day=DAY, start=dt.time(10), name="张三", phone="13800138000", at=at(8)
    )
    return appointment_check_in(appointment=appointment, at=at(9, 40))


@pytest.mark.parametrize(
    ("mode", "order"),
    [
        (AppointmentMode.SLOT_FIRST, ["A003", "A001", "A002"]),
        (AppointmentMode.MERGED, ["A001", "A002", "A003"]),
    ],
)
def test_appointment_precedence_once_the_slot_has_begun(
    centre, social, take, window, clerk, weekday_rule, mode, order
):
    QueueSettings.objects.create(centre=centre, appointment_mode=mode)
    take(social, at_=at(9, 30))
    take(social, at_=at(9, 50))
    ticket = _appointment_ticket(social, weekday_rule)
    assert (ticket.number, ticket.source, ticket.sort_at) == ("A003", "appointment", at(10))
    assert drain(window, clerk, 3, start_minute=1) == order  # calls from 10:01


def test_appointment_before_its_slot_waits_in_slot_time_order(social, take, window, clerk, weekday_rule):
    take(social, at_=at(9, 30))
    _appointment_ticket(social, weekday_rule)  # slot 10:00, checked in 9:40
    take(social, at_=at(9, 50))
    first = call(window, clerk, 9, 55)
    ticket_serve_start(ticket=first, by=clerk, at=at(9, 55, 30))
    second = call(window, clerk, 9, 56)
    assert [first.number, second.number] == ["A001", "A003"]  # 9:50 walk-in before the 10:00 slot


def test_backup_calls_the_absent_colleagues_lines(
    social, registration, take, window, clerk, reg_window, reg_clerk
):
    clerk.backup = reg_clerk
    clerk.save()
    take(social, at_=at(8, 30))
    take(registration, at_=at(8, 40))
    with pytest.raises(Conflict):  # clerk is on duty: reg_clerk serves registration only
        assert call(reg_window, reg_clerk).number == "B001"
        call(reg_window, reg_clerk, 9, 31)
    clerk.duty_status = DutyStatus.OUT
    clerk.save()
    ticket_serve_start(ticket=Ticket.objects.get(number="B001"), by=reg_clerk, at=at(9, 32))
    assert call(reg_window, reg_clerk, 9, 40).number == "A001"


def test_backup_may_call_at_the_colleagues_window_others_may_not(
    social, take, window, clerk, reg_clerk, issue_clerk
):
    clerk.backup = reg_clerk
    clerk.save()
    take(social, at_=at(8, 30))
    with pytest.raises(Forbidden) as exc:
        call(window, issue_clerk)
    assert exc.value.code == "not_at_window"
    assert call(window, reg_clerk).staff == reg_clerk


def test_transferred_ticket_is_called_only_by_its_target_window(
    social, take, window, clerk, reg_window, reg_clerk
):
    ticket = take(social, at_=at(8, 30))
    take(social, at_=at(8, 40))
    called = call(window, clerk)
    ticket_transfer(ticket=called, by=clerk, to_window=reg_window, at=at(9, 31))
    assert call(window, clerk, 9, 32).number == "A002"
    moved = call(reg_window, reg_clerk, 9, 33)
    assert (moved.pk, moved.window, moved.call_count) == (ticket.pk, reg_window, 1)


def test_a_called_ticket_blocks_the_next_call_until_served_or_out_of_calls(
    centre, social, take, window, clerk
):
    take(social, at_=at(8, 30))
    take(social, at_=at(8, 40))
    first = call(window, clerk)
    with pytest.raises(Conflict) as exc:
        call(window, clerk, 9, 31)
    assert exc.value.code == "ticket_still_called"
    ticket_recall(ticket=first, by=clerk, at=at(9, 32))
    ticket_recall(ticket=first, by=clerk, at=at(9, 33))  # third call
    second = call(window, clerk, 9, 34)
    first.refresh_from_db()
    assert (first.status, second.number) == ("no_show", "A002")
    assert TicketEvent.objects.filter(ticket=first, action="no_show", detail__auto="call_next").exists()


def test_the_ticket_in_service_is_finished_by_the_next_call_even_when_nobody_waits(
    social, take, window, clerk
):
    take(social, at_=at(8, 30))
    first = call(window, clerk)
    ticket_serve_start(ticket=first, by=clerk, at=at(9, 35))
    with pytest.raises(NotFound):
        call(window, clerk, 9, 50)
    first.refresh_from_db()
    assert (first.status, first.closed_at) == ("finished", at(9, 50))


def test_yesterdays_tickets_are_not_called(social, take, window, clerk):
    take(social, at_=at(16, 0, day=DAY - dt.timedelta(days=1)))
    with pytest.raises(NotFound):
        call(window, clerk)


def test_call_event_is_written(social, take, window, clerk):
    take(social, at_=at(8, 30), priority_reasons=["disabled"])
    ticket = call(window, clerk)
    event = TicketEvent.objects.get(ticket=ticket, action="call")
    assert (event.from_status, event.to_status, event.actor, event.window, event.at) == (
        "waiting",
        "called",
        clerk,
        window,
        at(9, 30),
    )
    assert event.detail == {"priority": True, "appointment": False}


def test_inactive_window_cannot_call(social, take, window, clerk):
    window.active = False
    window.save()
    take(social, at_=at(8, 30))
    with pytest.raises(Conflict) as exc:
        call(window, clerk)
    assert exc.value.code == "window_inactive"


def test_call_next_query_count(social, take, window, clerk, django_assert_max_num_queries):
    for minute in range(20):
        take(social, at_=at(8, minute), priority_reasons=["disabled"] if minute % 3 == 0 else [])
    # 12 statements and a savepoint pair; the day's first call also creates the window's state row.
    with django_assert_max_num_queries(16):
        call(window, clerk)
    ticket_serve_start(ticket=Ticket.objects.get(status="called"), by=clerk, at=at(9, 31))
    with django_assert_max_num_queries(16):
        call(window, clerk, 9, 32)
