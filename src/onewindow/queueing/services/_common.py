"""Helpers shared by the queue services: the audit trail, row locks and input checks."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection

from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now
from onewindow.network.models import Staff, Window
from onewindow.queueing.models import Ticket, TicketEvent

MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def moment(at: dt.datetime | None) -> dt.datetime:
    """`at` (replays, the demo, benchmarks) or now; never naive."""
    if at is None:
        return now()
    if at.tzinfo is None:
        raise ValueError("aware datetimes only")
    return at


def log_event(
    *,
    ticket: Ticket,
    action: str,
    from_status: str,
    at: dt.datetime,
    actor: Staff | None = None,
    window: Window | None = None,
    detail: dict[str, Any] | None = None,
) -> TicketEvent:
    return TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        at=at,
        actor=actor,
        window=window,
        detail=detail or {},
    )


def lock_ticket(ticket: Ticket) -> Ticket:
    """The ticket re-read under a row lock (its state may have changed since the caller read it)."""
    return Ticket.objects.select_for_update(of=("self",)).select_related("line", "window").get(pk=ticket.pk)


def skip_locked(qs):
    """FOR UPDATE SKIP LOCKED where the database has it (PostgreSQL). SQLite has no row locks: its
    write transactions are IMMEDIATE (settings), so one call-next runs at a time."""
    if connection.features.has_select_for_update_skip_locked:
        return qs.select_for_update(skip_locked=True)
    return qs


def require_status(ticket: Ticket, *allowed: str) -> None:
    if ticket.status not in allowed:
        raise Conflict(
            "invalid_ticket_state",
            "号票当前状态不允许此操作",
            "The ticket's state does not allow this",
            detail={"number": ticket.number, "status": ticket.status, "allowed": list(allowed)},
        )


def clean_phone(phone: str, *, required: bool = False) -> str:
    phone = (phone or "").strip().replace(" ", "").replace("-", "")
    if not phone:
        if required:
            raise Invalid("phone_required", "请填写手机号码", "A mobile phone number is required")
        return ""
    if not MOBILE.match(phone):
        raise Invalid("invalid_phone", "手机号码无效", "Invalid mobile phone number")
    return phone
