"""Taking a ticket (取号) and closing the day."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from onewindow.core.errors import Conflict, Invalid
from onewindow.core.identifiers import validate_resident_id
from onewindow.network.models import Staff
from onewindow.queueing.models import (
    Appointment,
    PriorityReason,
    QueueLine,
    Ticket,
    TicketAction,
    TicketSequence,
    TicketSource,
    TicketStatus,
)
from onewindow.queueing.models.tickets import OPEN_STATUSES
from onewindow.queueing.rules import age_on
from onewindow.queueing.selectors import queue_settings
from onewindow.queueing.services._common import clean_phone, log_event, moment

# Flags a person may choose at the kiosk; `elderly` needs the resident ID there (or staff).
SELF_DECLARED = frozenset({PriorityReason.DISABLED, PriorityReason.PREGNANT, PriorityReason.SERVICE_MEMBER})


def _allocate_seq(*, line: QueueLine, day: dt.date) -> int:
    """The next number of the line on the day. The sequence row stays locked until the ticket's
    transaction commits, and a rollback gives the number back: unique and gap-free."""
    row = TicketSequence.objects.select_for_update().filter(line=line, day=day).first()
    if row is None:
        # First ticket of the day: insert-or-ignore, then lock whichever row won.
        TicketSequence.objects.bulk_create(
            [TicketSequence(line=line, day=day, last=0)], ignore_conflicts=True
        )
        row = TicketSequence.objects.select_for_update().get(line=line, day=day)
    if line.daily_limit and row.last >= line.daily_limit:
        raise Conflict(
            "line_full",
            "今日该业务号源已取完",
            "No more tickets for this line today",
            detail={"line": line.code, "daily_limit": line.daily_limit},
        )
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def priority_reasons_check(*, reasons: Iterable[str], by_staff: bool) -> list[str]:
    reasons = list(dict.fromkeys(reasons))
    unknown = [r for r in reasons if r not in PriorityReason.values]
    if unknown:
        raise Invalid(
            "invalid_priority_reason",
            "绿色通道类别无效",
            "Unknown priority reason",
            detail={"unknown": unknown, "allowed": list(PriorityReason.values)},
        )
    if not by_staff and PriorityReason.ELDERLY in reasons:
        raise Invalid(
            "elderly_needs_resident_id",
            "老年人绿色通道请刷或输入身份证号码",
            "The elderly priority comes from the resident ID number",
            detail={"allowed": sorted(SELF_DECLARED)},
        )
    return reasons


@transaction.atomic
def ticket_take(
    *,
    line: QueueLine,
    source: str,
    priority_reasons: Iterable[str] = (),
    id_number: str = "",
    phone: str = "",
    by: Staff | None = None,
    appointment: Appointment | None = None,
    sort_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Ticket:
    """A ticket of `line` numbered prefix + sequence of the day (A001 …).

    Green channel: the chosen flags, plus `elderly` when the resident ID shows the age threshold of
    the centre's settings (the number itself is not stored). Staff (`by`) may set `elderly` by sight.
    `sort_at` (default: now) places the ticket in the queue; appointment check-in gives the slot start.
    `at`: the moment of taking (default now)."""
    at = moment(at)
    if source not in TicketSource.values:
        raise Invalid("invalid_source", "取号渠道无效", "Unknown ticket source", detail={"source": source})
    if by is not None and by.centre_id != line.centre_id:
        raise Invalid("line_not_in_centre", "该业务不属于本中心", "The line belongs to another centre")
    if not line.active:
        raise Conflict("line_inactive", "该业务已停止取号", "This line is not taking tickets")
    reasons = priority_reasons_check(reasons=priority_reasons, by_staff=by is not None)
    day = timezone.localdate(at)
    id_number = (id_number or "").strip()
    if id_number:
        info = validate_resident_id(id_number)
        threshold = queue_settings(centre=line.centre_id).elderly_age
        if age_on(info.birth_date, day) >= threshold and PriorityReason.ELDERLY not in reasons:
            reasons.append(PriorityReason.ELDERLY)
    phone = clean_phone(phone)
    seq = _allocate_seq(line=line, day=day)
    ticket = Ticket.objects.create(
        centre_id=line.centre_id,
        line=line,
        day=day,
        seq=seq,
        number=f"{line.prefix}{seq:03d}",
        token=secrets.token_urlsafe(16),
        source=source,
        priority=bool(reasons),
        priority_reasons=reasons,
        phone=phone,
        appointment=appointment,
        taken_at=at,
        sort_at=sort_at or at,
    )
    log_event(
        ticket=ticket,
        action=TicketAction.TAKE,
        from_status="",
        at=at,
        actor=by,
        detail={"source": source, "priority": reasons} if reasons else {"source": source},
    )
    return ticket


@transaction.atomic
def tickets_close_day(*, before: dt.date, at: dt.datetime | None = None) -> int:
    """Cancel every ticket of a day before `before` that is still open (the hall has closed); each
    gets a cancel event. Returns how many."""
    at = moment(at)
    tickets = list(Ticket.objects.select_for_update().filter(day__lt=before, status__in=OPEN_STATUSES))
    for ticket in tickets:
        previous = ticket.status
        ticket.status = TicketStatus.CANCELLED
        ticket.closed_at = at
        ticket.save(update_fields=["status", "closed_at"])
        log_event(
            ticket=ticket,
            action=TicketAction.CANCEL,
            from_status=previous,
            at=at,
            detail={"reason": "day_closed"},
        )
    return len(tickets)
