"""Reads of tickets: one ticket, its place in the queue and predicted wait, and the display board."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from onewindow.core.errors import NotFound
from onewindow.core.timeutil import now
from onewindow.network.models import Centre, Staff
from onewindow.queueing.models import QueueLine, Ticket, TicketStatus
from onewindow.queueing.models.tickets import AT_WINDOW_STATUSES
from onewindow.queueing.rules import announcement
from onewindow.queueing.selectors.lines import MAX_ID, queue_settings, windows_open

TOKEN_MAX = 32


def ticket_by_token(*, token: str) -> Ticket:
    ticket = (
        (
            Ticket.objects.select_related("line", "centre", "window", "appointment")
            .filter(token=token[:TOKEN_MAX])
            .first()
        )
        if token
        else None
    )
    if ticket is None:
        raise NotFound("ticket_not_found", "号票不存在", "No such ticket")
    return ticket


def ticket_for_staff(*, staff: Staff, ticket_id: int) -> Ticket:
    """A ticket of the staff member's centre; others do not exist for them."""
    ticket = (
        Ticket.objects.select_related("line", "centre", "window")
        .filter(pk=ticket_id, centre_id=staff.centre_id)
        .first()
        if 0 < ticket_id < MAX_ID
        else None
    )
    if ticket is None:
        raise NotFound("ticket_not_found", "号票不存在", "No such ticket", detail={"ticket": ticket_id})
    return ticket


def people_ahead(*, ticket: Ticket) -> int:
    """Waiting tickets of the same line and day before this one in queue order (sort_at, id).
    An estimate: priority tickets may still overtake (docs/queue.md "Predicted wait")."""
    if ticket.status != TicketStatus.WAITING:
        return 0
    return (
        Ticket.objects.filter(line_id=ticket.line_id, day=ticket.day, status=TicketStatus.WAITING)
        .filter(Q(sort_at__lt=ticket.sort_at) | Q(sort_at=ticket.sort_at, pk__lt=ticket.pk))
        .count()
    )


def median_service_seconds(*, line: QueueLine, sample: int) -> float | None:
    """Median service time (finished − service start) of the line's last `sample` finished tickets."""
    rows = (
        Ticket.objects.filter(line=line, status=TicketStatus.FINISHED, serve_started_at__isnull=False)
        .order_by("-closed_at")
        .values_list("serve_started_at", "closed_at")[:sample]
    )
    durations = [(closed - started).total_seconds() for started, closed in rows if started and closed]
    return statistics.median(durations) if durations else None


def predicted_wait_minutes(*, line: QueueLine, ahead: int, sample: int) -> int:
    """ceil(median service minutes × people ahead ÷ windows open); the line's default service time
    stands in for the median until it has finished tickets."""
    if ahead <= 0:
        return 0
    median = median_service_seconds(line=line, sample=sample)
    minutes = median / 60 if median is not None else float(line.default_service_minutes)
    return math.ceil(minutes * ahead / windows_open(line=line))


@dataclass(frozen=True)
class TicketProgress:
    ticket: Ticket
    people_ahead: int
    predicted_wait_minutes: int


def ticket_progress(*, ticket: Ticket) -> TicketProgress:
    ahead = people_ahead(ticket=ticket)
    sample = queue_settings(centre=ticket.centre_id).prediction_sample
    return TicketProgress(
        ticket=ticket,
        people_ahead=ahead,
        predicted_wait_minutes=predicted_wait_minutes(line=ticket.line, ahead=ahead, sample=sample),
    )


# --- display board ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardCall:
    key: str  # changes with every (re)call, so the board announces a recall again
    number: str
    window_number: str
    window_name: str
    line_name: str
    status: str
    text: str
    spoken: str
    called_at: dt.datetime


@dataclass
class BoardLine:
    line: QueueLine
    waiting: int = 0
    next_numbers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Board:
    centre: Centre
    calls: list[BoardCall]
    lines: list[BoardLine]
    generated_at: dt.datetime


BOARD_CALLS = 40  # a window holds at most one called or served ticket: this is one line per busy window
BOARD_NEXT = 5


def board_state(*, centre: Centre, calls: int = BOARD_CALLS, next_numbers: int = BOARD_NEXT) -> Board:
    """The current call of every busy window today (newest first) and each line's next numbers:
    three queries."""
    moment = now()
    day = timezone.localdate(moment)
    current = (
        Ticket.objects.filter(centre=centre, day=day, status__in=AT_WINDOW_STATUSES, window__isnull=False)
        .select_related("window", "line")
        .order_by("-called_at", "-id")[:calls]
    )
    out_calls = []
    for t in current:
        if t.window is None or t.called_at is None:  # excluded by the query; narrows the types
            continue
        text, spoken = announcement(number=t.number, window_number=t.window.number)
        out_calls.append(
            BoardCall(
                key=f"{t.pk}-{t.call_count}",
                number=t.number,
                window_number=t.window.number,
                window_name=t.window.name,
                line_name=t.line.name,
                status=t.status,
                text=text,
                spoken=spoken,
                called_at=t.called_at,
            )
        )
    lines = {
        line.pk: BoardLine(line=line)
        for line in QueueLine.objects.filter(centre=centre, active=True).order_by("position", "prefix")
    }
    waiting = (
        Ticket.objects.filter(centre=centre, day=day, status=TicketStatus.WAITING)
        .order_by("sort_at", "id")
        .values_list("line_id", "number")
    )
    for line_id, number in waiting.iterator():
        entry = lines.get(line_id)
        if entry is None:
            continue
        entry.waiting += 1
        if len(entry.next_numbers) < next_numbers:
            entry.next_numbers.append(number)
    return Board(centre=centre, calls=out_calls, lines=list(lines.values()), generated_at=moment)


def waiting_counts(*, centre: Centre) -> dict[int, int]:
    """Waiting tickets per line today (the kiosk and the lines endpoint show them)."""
    rows = (
        Ticket.objects.filter(centre=centre, day=timezone.localdate(now()), status=TicketStatus.WAITING)
        .order_by()
        .values("line_id")
        .annotate(n=Count("id"))
        .values_list("line_id", "n")
    )
    return dict(rows)


__all__ = [
    "Board",
    "BoardCall",
    "BoardLine",
    "TicketProgress",
    "board_state",
    "median_service_seconds",
    "people_ahead",
    "predicted_wait_minutes",
    "ticket_by_token",
    "ticket_for_staff",
    "ticket_progress",
    "waiting_counts",
]
