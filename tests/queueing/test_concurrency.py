"""Concurrency on PostgreSQL (skipped on SQLite, whose IMMEDIATE transactions run one at a time):
parallel ticket taking gives unique gap-free numbers, parallel call-next never gives one ticket to
two windows, and parallel bookings respect slot capacity and the per-person limit."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from onewindow.core.errors import Conflict, DomainError
from onewindow.queueing.models import Appointment, Ticket, TicketEvent
from onewindow.queueing.services import appointment_book, ticket_call_next, ticket_serve_start, ticket_take
from tests.factories import WindowFactory
from tests.queueing.conftest import DAY, _staff, at

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and SKIP LOCKED need PostgreSQL")


def run_parallel(fn, n: int, workers: int = 20) -> list:
    barrier = threading.Barrier(min(n, workers))

    def task(i):
        try:
            if i < workers:
                barrier.wait()
            return fn(i)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(task, range(n)))


def test_100_parallel_tickets_get_unique_gap_free_numbers(social):
    numbers = run_parallel(
        lambda i: ticket_take(line=social, source="kiosk", at=at(9, 0, i % 60)).number, 100
    )
    assert len(set(numbers)) == 100
    assert sorted(numbers) == [f"A{n:03d}" for n in range(1, 101)]
    assert Ticket.objects.filter(day=DAY).count() == 100


def test_100_parallel_calls_over_5_windows_never_share_a_ticket(centre, social):
    windows = [WindowFactory(centre=centre, number=f"P{i}", themes=["social"]) for i in range(5)]
    clerks = [_staff(f"p{i}", centre, w) for i, w in enumerate(windows)]
    for i in range(100):
        ticket_take(
            line=social,
            source="kiosk",
            at=at(8, i // 60, i % 60),
            priority_reasons=["disabled"] if i % 4 == 0 else [],
        )

    def call(i):
        window, clerk = windows[i % 5], clerks[i % 5]
        for _ in range(500):
            try:
                ticket = ticket_call_next(window=window, by=clerk, at=at(10))
            except Conflict as exc:  # this window's previous call is not served yet: try again
                assert exc.code == "ticket_still_called"
                time.sleep(0.002)
                continue
            ticket_serve_start(ticket=ticket, by=clerk, at=at(10))
            return ticket.pk
        raise AssertionError("call-next kept conflicting")

    called = run_parallel(call, 100)
    assert len(set(called)) == 100
    assert TicketEvent.objects.filter(action="call").count() == 100
    assert not Ticket.objects.filter(status="waiting").exists()


def test_parallel_bookings_respect_capacity_and_the_person_limit(social, weekday_rule):
    def book(i, phone=None, start=dt.time(10)):
        try:
            appointment_book(
                line=social, day=DAY, start=start, name=f"人{i}", phone=phone or f"1380000{i:04d}", at=at(8)
            )
            return "ok"
        except DomainError as exc:
            return exc.code

    outcomes = run_parallel(book, 30)
    assert outcomes.count("ok") == 2 and outcomes.count("slot_full") == 28
    starts = [dt.time(11), dt.time(11, 30), dt.time(14), dt.time(14, 30), dt.time(15), dt.time(15, 30)]
    same_person = run_parallel(lambda i: book(i, phone="13912345678", start=starts[i]), len(starts))
    assert same_person.count("ok") == 1
    assert same_person.count("appointment_limit_reached") == len(starts) - 1
    assert Appointment.objects.filter(phone="13912345678").count() == 1
