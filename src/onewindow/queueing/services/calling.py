"""Calling (叫号) and what follows at the window: recall, no-show, serve, finish, transfer, link a case.

Every change writes a TicketEvent. Concurrency: call-next locks the window's call-state row (one
caller per window at a time) and takes the head ticket FOR UPDATE SKIP LOCKED on PostgreSQL, so two
windows never get the same ticket; on SQLite write transactions are IMMEDIATE (one at a time).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone

from onewindow.core.errors import Conflict, Forbidden, Invalid, NotFound
from onewindow.network.models import Staff, Window
from onewindow.queueing.models import (
    AppointmentMode,
    QueueLine,
    Ticket,
    TicketAction,
    TicketCase,
    TicketStatus,
    WindowCallState,
)
from onewindow.queueing.models.tickets import AT_WINDOW_STATUSES, OPEN_STATUSES
from onewindow.queueing.rules import NORMAL, PRIORITY, advance_runs, choose_class
from onewindow.queueing.selectors import (
    active_lines,
    covered_windows,
    lines_served,
    queue_settings,
    staff_may_operate,
)
from onewindow.queueing.services._common import lock_ticket, log_event, moment, require_status, skip_locked


def _require_operator(*, staff: Staff, window: Window | None) -> None:
    if window is None or not staff_may_operate(staff=staff, window=window):
        raise Forbidden(
            "not_at_window",
            "您不在该窗口，也不是该窗口的 AB 岗",
            "You neither work at nor back up this window",
            detail={"window": window.number if window else None},
        )


def _call_state(*, window: Window, day: dt.date, normal_calls: int) -> WindowCallState:
    """The window's cycle state, locked; a new day starts as if `normal_calls` normal tickets had just
    been called, so the first ticket of the day follows the green channel."""
    state = WindowCallState.objects.select_for_update().filter(window=window).first()
    if state is None:
        WindowCallState.objects.bulk_create(
            [WindowCallState(window=window, day=day, normal_run=normal_calls)], ignore_conflicts=True
        )
        state = WindowCallState.objects.select_for_update().get(window=window)
    if state.day != day:
        state.day, state.priority_run, state.normal_run = day, 0, normal_calls
    return state


def _close(ticket: Ticket, *, to: str, action: str, by: Staff | None, at: dt.datetime, detail=None) -> Ticket:
    previous = ticket.status
    ticket.status = to
    ticket.closed_at = at
    ticket.save(update_fields=["status", "closed_at"])
    log_event(
        ticket=ticket,
        action=action,
        from_status=previous,
        at=at,
        actor=by,
        window=ticket.window,
        detail=detail,
    )
    return ticket


def _clear_window(*, window: Window, day: dt.date, by: Staff, at: dt.datetime, no_show_after: int) -> None:
    """Before the next call: a ticket in service is finished; a called ticket becomes a no-show once
    it has had its calls, otherwise the clerk must recall it or wait (409 ticket_still_called)."""
    at_window = Ticket.objects.select_for_update().filter(
        window=window, day=day, status__in=AT_WINDOW_STATUSES
    )
    for current in at_window:
        current.window = window  # already known: no query for the event
        if current.status == TicketStatus.SERVING:
            _close(
                current,
                to=TicketStatus.FINISHED,
                action=TicketAction.FINISH,
                by=by,
                at=at,
                detail={"auto": "call_next"},
            )
        elif current.call_count >= no_show_after:
            _close(
                current,
                to=TicketStatus.NO_SHOW,
                action=TicketAction.NO_SHOW,
                by=by,
                at=at,
                detail={"auto": "call_next", "calls": current.call_count},
            )
        else:
            raise Conflict(
                "ticket_still_called",
                "当前号尚未到场：请重呼，或满规定次数后过号",
                "The called ticket has not come yet: recall it, or mark it a no-show after its calls",
                detail={
                    "number": current.number,
                    "calls": current.call_count,
                    "no_show_after": no_show_after,
                },
            )


def ticket_call_next(*, window: Window, by: Staff, at: dt.datetime | None = None) -> Ticket:
    """Call the next ticket to `window` (docs/queue.md "Calling rules"), in this order:
    1. checked-in appointments whose slot has begun (appointment_mode slot_first), by slot start;
    2. priority or normal tickets by the window's priority:normal cycle when both wait;
    3. within a class, the longest wait (sort_at: taken time, kept through transfers; slot start
       for appointments), then the ticket id.
    Candidates: today's waiting tickets of the lines the window serves (plus those of colleagues'
    windows `by` backs up while they are away), and tickets transferred to one of these windows.
    NotFound(queue_empty) when nobody waits; the window's previous ticket is closed all the same."""
    ticket = _call_next(window=window, by=by, at=moment(at))
    if ticket is None:
        raise NotFound(
            "queue_empty",
            "当前没有等候的号",
            "Nobody is waiting for this window",
            detail={"window": window.number},
        )
    return ticket


@transaction.atomic
def _call_next(*, window: Window, by: Staff, at: dt.datetime) -> Ticket | None:
    day = timezone.localdate(at)
    _require_operator(staff=by, window=window)
    if not window.active:
        raise Conflict("window_inactive", "窗口已停用", "The window is not active")
    rules = queue_settings(centre=window.centre_id)
    state = _call_state(window=window, day=day, normal_calls=rules.normal_calls)
    _clear_window(window=window, day=day, by=by, at=at, no_show_after=rules.no_show_after_calls)

    windows = covered_windows(staff=by, window=window)
    line_ids = [
        line.pk for line in lines_served(lines=active_lines(centre=window.centre_id), windows=windows)
    ]
    waiting = Ticket.objects.filter(centre_id=window.centre_id, day=day, status=TicketStatus.WAITING).filter(
        Q(target_window__isnull=True, line_id__in=line_ids) | Q(target_window_id__in=[w.pk for w in windows])
    )

    def head(qs) -> Ticket | None:
        return skip_locked(qs.order_by("sort_at", "id")).first()

    # One look at who waits: (priority, appointment due) pairs; nobody waiting ends the call here.
    due = Case(
        When(appointment__isnull=False, sort_at__lte=at, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    present = set(waiting.order_by().annotate(due=due).values_list("priority", "due").distinct())
    if not present:
        return None
    ticket = None
    if rules.appointment_mode == AppointmentMode.SLOT_FIRST and any(d for _, d in present):
        ticket = head(waiting.filter(appointment__isnull=False, sort_at__lte=at))
    if ticket is None:
        classes = {p for p, _ in present}
        first = choose_class(
            has_priority=True in classes,
            has_normal=False in classes,
            priority_calls=rules.priority_calls,
            normal_calls=rules.normal_calls,
            priority_run=state.priority_run,
            normal_run=state.normal_run,
        )
        for cls in (first, NORMAL if first == PRIORITY else PRIORITY):
            # A head locked by another window's call is skipped: that window is taking it.
            ticket = head(waiting.filter(priority=cls == PRIORITY))
            if ticket is not None:
                break
        if ticket is None:
            return None
        state.priority_run, state.normal_run = advance_runs(
            called=PRIORITY if ticket.priority else NORMAL,
            priority_run=state.priority_run,
            normal_run=state.normal_run,
        )
    state.save()

    previous = ticket.status
    ticket.status = TicketStatus.CALLED
    ticket.window = window
    ticket.staff = by
    ticket.call_count = 1
    ticket.called_at = at
    ticket.first_called_at = ticket.first_called_at or at
    ticket.save(update_fields=["status", "window", "staff", "call_count", "called_at", "first_called_at"])
    log_event(
        ticket=ticket,
        action=TicketAction.CALL,
        from_status=previous,
        at=at,
        actor=by,
        window=window,
        detail={"priority": ticket.priority, "appointment": ticket.appointment_id is not None},
    )
    return ticket


@transaction.atomic
def ticket_recall(*, ticket: Ticket, by: Staff, at: dt.datetime | None = None) -> Ticket:
    """Call the ticket again (the board announces it again). Once it has had its calls
    (no_show_after_calls), a further recall makes it a no-show instead."""
    at = moment(at)
    ticket = lock_ticket(ticket)
    require_status(ticket, TicketStatus.CALLED)
    _require_operator(staff=by, window=ticket.window)
    limit = queue_settings(centre=ticket.centre_id).no_show_after_calls
    if ticket.call_count >= limit:
        return _close(
            ticket,
            to=TicketStatus.NO_SHOW,
            action=TicketAction.NO_SHOW,
            by=by,
            at=at,
            detail={"calls": ticket.call_count, "auto": "recall"},
        )
    ticket.call_count += 1
    ticket.called_at = at
    ticket.save(update_fields=["call_count", "called_at"])
    log_event(
        ticket=ticket,
        action=TicketAction.RECALL,
        from_status=TicketStatus.CALLED,
        at=at,
        actor=by,
        window=ticket.window,
        detail={"calls": ticket.call_count},
    )
    return ticket


@transaction.atomic
def ticket_no_show(*, ticket: Ticket, by: Staff, at: dt.datetime | None = None) -> Ticket:
    """过号: only after the ticket has been called no_show_after_calls times (default 3)."""
    at = moment(at)
    ticket = lock_ticket(ticket)
    require_status(ticket, TicketStatus.CALLED)
    _require_operator(staff=by, window=ticket.window)
    limit = queue_settings(centre=ticket.centre_id).no_show_after_calls
    if ticket.call_count < limit:
        raise Conflict(
            "too_few_calls",
            f"须呼叫满 {limit} 次才能过号",
            f"A ticket is a no-show only after {limit} calls",
            detail={"calls": ticket.call_count, "no_show_after": limit},
        )
    return _close(
        ticket,
        to=TicketStatus.NO_SHOW,
        action=TicketAction.NO_SHOW,
        by=by,
        at=at,
        detail={"calls": ticket.call_count},
    )


@transaction.atomic
def ticket_serve_start(*, ticket: Ticket, by: Staff, at: dt.datetime | None = None) -> Ticket:
    at = moment(at)
    ticket = lock_ticket(ticket)
    require_status(ticket, TicketStatus.CALLED)
    _require_operator(staff=by, window=ticket.window)
    ticket.status = TicketStatus.SERVING
    ticket.serve_started_at = at
    ticket.staff = by
    ticket.save(update_fields=["status", "serve_started_at", "staff"])
    log_event(
        ticket=ticket,
        action=TicketAction.SERVE,
        from_status=TicketStatus.CALLED,
        at=at,
        actor=by,
        window=ticket.window,
    )
    return ticket


@transaction.atomic
def ticket_finish(*, ticket: Ticket, by: Staff, at: dt.datetime | None = None) -> Ticket:
    at = moment(at)
    ticket = lock_ticket(ticket)
    require_status(ticket, TicketStatus.SERVING)
    _require_operator(staff=by, window=ticket.window)
    return _close(ticket, to=TicketStatus.FINISHED, action=TicketAction.FINISH, by=by, at=at)


@transaction.atomic
def ticket_transfer(
    *,
    ticket: Ticket,
    by: Staff,
    to_window: Window | None = None,
    to_line: QueueLine | None = None,
    note: str = "",
    at: dt.datetime | None = None,
) -> Ticket:
    """Send the ticket to another window and/or line. It waits again with its original queue
    position (sort_at) and keeps its number; with a window, only that window calls it."""
    at = moment(at)
    ticket = lock_ticket(ticket)
    require_status(ticket, *OPEN_STATUSES)
    if ticket.status == TicketStatus.WAITING:
        if by.centre_id != ticket.centre_id:
            raise NotFound("ticket_not_found", "号票不存在", "No such ticket")
    else:
        _require_operator(staff=by, window=ticket.window)
    if to_window is None and to_line is None:
        raise Invalid(
            "transfer_target_required", "请指定转往的窗口或业务", "Give a window or a line to transfer to"
        )
    if to_window is not None and (to_window.centre_id != ticket.centre_id or not to_window.active):
        raise NotFound("window_not_found", "窗口不存在", "No such window")
    if to_line is not None and (to_line.centre_id != ticket.centre_id or not to_line.active):
        raise NotFound("line_not_found", "取号业务不存在或已停用", "No such queue line at this centre")
    if to_window is not None and to_window.pk == ticket.window_id and to_line is None:
        raise Invalid("transfer_to_same_window", "不能转给本窗口", "The ticket is already at this window")
    previous, from_window, from_line = ticket.status, ticket.window, ticket.line
    ticket.status = TicketStatus.WAITING
    ticket.line = to_line or ticket.line
    ticket.target_window = to_window
    ticket.window = None
    ticket.staff = None
    ticket.call_count = 0
    ticket.serve_started_at = None
    ticket.save(
        update_fields=["status", "line", "target_window", "window", "staff", "call_count", "serve_started_at"]
    )
    log_event(
        ticket=ticket,
        action=TicketAction.TRANSFER,
        from_status=previous,
        at=at,
        actor=by,
        window=from_window,
        detail={
            "from_window": from_window.number if from_window else None,
            "to_window": to_window.number if to_window else None,
            "from_line": from_line.code,
            "to_line": ticket.line.code,
            "note": note[:200],
        },
    )
    return ticket


@transaction.atomic
def ticket_link_case(*, ticket: Ticket, case, by: Staff, at: dt.datetime | None = None) -> TicketCase:
    """Record that `case` was received during this ticket's visit (idempotent)."""
    at = moment(at)
    ticket = lock_ticket(ticket)
    if by.centre_id != ticket.centre_id or case.centre_id != ticket.centre_id:
        raise NotFound("case_not_found", "办件不存在", "No such case at this centre")
    if ticket.status == TicketStatus.CANCELLED:
        require_status(ticket, *[s for s in TicketStatus.values if s != TicketStatus.CANCELLED])
    link, created = TicketCase.objects.get_or_create(
        ticket=ticket, case=case, defaults={"linked_at": at, "linked_by": by}
    )
    if created:
        log_event(
            ticket=ticket,
            action=TicketAction.LINK_CASE,
            from_status=ticket.status,
            at=at,
            actor=by,
            window=ticket.window,
            detail={"case": case.number},
        )
    return link
