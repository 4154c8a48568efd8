"""What a window does with its called ticket: recall, no-show after N calls, serve, finish,
transfer (keeps the original wait), link a case. Each writes a TicketEvent (actor, from → to, at)."""

from __future__ import annotations

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid, NotFound
from onewindow.queueing.models import QueueSettings, TicketCase, TicketEvent
from onewindow.queueing.services import (
    ticket_call_next,
    ticket_finish,
    ticket_link_case,
    ticket_no_show,
    ticket_recall,
    ticket_serve_start,
    ticket_transfer,
)
from tests.factories import DepartmentFactory
from tests.fees.factories import CaseFactory
from tests.queueing.conftest import at


@pytest.fixture
def called(social, take, window, clerk):
    take(social, at_=at(8, 30))
    return ticket_call_next(window=window, by=clerk, at=at(9, 0))


def events(ticket):
    return list(TicketEvent.objects.filter(ticket=ticket).values_list("action", "from_status", "to_status"))


def test_recall_counts_calls_and_is_announced_again(called, clerk):
    ticket = ticket_recall(ticket=called, by=clerk, at=at(9, 1))
    assert (ticket.status, ticket.call_count, ticket.called_at, ticket.first_called_at) == (
        "called",
        2,
        at(9, 1),
        at(9, 0),
    )
    assert events(ticket)[-1] == ("recall", "called", "called")


def test_no_show_only_after_three_calls(called, clerk):
    with pytest.raises(Conflict) as exc:
        ticket_no_show(ticket=called, by=clerk, at=at(9, 1))
    assert exc.value.code == "too_few_calls" and exc.value.detail == {"calls": 1, "no_show_after": 3}
    ticket_recall(ticket=called, by=clerk, at=at(9, 2))
    ticket_recall(ticket=called, by=clerk, at=at(9, 3))
    ticket = ticket_no_show(ticket=called, by=clerk, at=at(9, 4))
    assert (ticket.status, ticket.closed_at) == ("no_show", at(9, 4))
    assert events(ticket)[-1] == ("no_show", "called", "no_show")


def test_a_recall_past_the_limit_is_a_no_show(centre, called, clerk):
    QueueSettings.objects.create(centre=centre, no_show_after_calls=2)
    ticket_recall(ticket=called, by=clerk, at=at(9, 1))
    ticket = ticket_recall(ticket=called, by=clerk, at=at(9, 2))
    assert (ticket.status, ticket.call_count) == ("no_show", 2)


def test_serve_then_finish(called, clerk):
    ticket = ticket_serve_start(ticket=called, by=clerk, at=at(9, 2))
    assert (ticket.status, ticket.serve_started_at) == ("serving", at(9, 2))
    ticket = ticket_finish(ticket=ticket, by=clerk, at=at(9, 12))
    assert (ticket.status, ticket.closed_at) == ("finished", at(9, 12))
    assert events(ticket) == [
        ("take", "", "waiting"),
        ("call", "waiting", "called"),
        ("serve", "called", "serving"),
        ("finish", "serving", "finished"),
    ]
    event = TicketEvent.objects.filter(ticket=ticket).last()
    assert (event.actor, event.window, event.at) == (clerk, ticket.window, at(9, 12))


def test_state_rules(called, clerk):
    with pytest.raises(Conflict) as exc:
        ticket_finish(ticket=called, by=clerk, at=at(9, 1))  # not in service yet
    assert exc.value.code == "invalid_ticket_state"
    ticket_serve_start(ticket=called, by=clerk, at=at(9, 2))
    with pytest.raises(Conflict):
        ticket_recall(ticket=called, by=clerk, at=at(9, 3))


def test_only_the_windows_staff_act_on_its_ticket(called, reg_clerk):
    with pytest.raises(Forbidden) as exc:
        ticket_serve_start(ticket=called, by=reg_clerk, at=at(9, 1))
    assert exc.value.code == "not_at_window"


def test_transfer_keeps_the_original_wait(social, registration, take, called, clerk, reg_window, reg_clerk):
    take(registration, at_=at(8, 45))  # B001 waited since 8:45; A001 since 8:30
    ticket_serve_start(ticket=called, by=clerk, at=at(9, 1))
    moved = ticket_transfer(ticket=called, by=clerk, to_line=registration, note="需另办登记", at=at(9, 5))
    assert (moved.status, moved.line, moved.number, moved.taken_at, moved.sort_at) == (
        "waiting",
        registration,
        "A001",
        at(8, 30),
        at(8, 30),
    )
    assert (moved.window, moved.call_count, moved.serve_started_at, moved.first_called_at) == (
        None,
        0,
        None,
        at(9),
    )
    # Ahead of B001, which was taken later.
    assert ticket_call_next(window=reg_window, by=reg_clerk, at=at(9, 6)).pk == called.pk
    event = TicketEvent.objects.get(ticket=called, action="transfer")
    assert event.detail == {
        "from_window": "A01",
        "to_window": None,
        "from_line": "social",
        "to_line": "registration",
        "note": "需另办登记",
    }
    assert (event.from_status, event.to_status) == ("serving", "waiting")


def test_transfer_needs_a_target_in_the_same_centre(called, clerk, window, other_centre):
    from tests.factories import WindowFactory

    with pytest.raises(Invalid) as exc:
        ticket_transfer(ticket=called, by=clerk, at=at(9, 1))
    assert exc.value.code == "transfer_target_required"
    with pytest.raises(Invalid) as exc:
        ticket_transfer(ticket=called, by=clerk, to_window=window, at=at(9, 1))
    assert exc.value.code == "transfer_to_same_window"
    with pytest.raises(NotFound):
        ticket_transfer(ticket=called, by=clerk, to_window=WindowFactory(centre=other_centre), at=at(9, 1))


def test_link_case_is_idempotent_and_scoped_to_the_centre(centre, called, clerk, other_centre):
    case = CaseFactory(department=DepartmentFactory(centre=centre))
    link = ticket_link_case(ticket=called, case=case, by=clerk, at=at(9, 5))
    assert ticket_link_case(ticket=called, case=case, by=clerk, at=at(9, 6)).pk == link.pk
    assert list(called.cases.all()) == [case]
    assert TicketEvent.objects.filter(ticket=called, action="link_case").count() == 1
    assert TicketEvent.objects.get(ticket=called, action="link_case").detail == {"case": case.number}
    foreign = CaseFactory(department=DepartmentFactory(centre=other_centre))
    with pytest.raises(NotFound):
        ticket_link_case(ticket=called, case=foreign, by=clerk)
    assert TicketCase.objects.count() == 1
