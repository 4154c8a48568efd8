"""Service events: recorded once per natural key, from the queue (tickets served at a window) and the
case trail (intakes without a ticket, issues). `service_events_collect` reads what other apps wrote, so
the queue and the cases need no hook; it is idempotent and safe to run every few minutes."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction

from onewindow.cases.models import Case, CaseEvent
from onewindow.feedback.models import ServiceEvent, ServiceEventKind
from onewindow.network.models import Staff, Window
from onewindow.queueing.models import Ticket, TicketStatus
from onewindow.queueing.models.tickets import TicketCase


def service_event_record(*, key: str, kind: str, centre_id: int, at: dt.datetime,
                         window_id: int | None = None, staff_id: int | None = None,
                         department_id: int | None = None, case_id: int | None = None,
                         ticket_id: int | None = None, label: str = "", phone: str = "") -> ServiceEvent:
    """Record one service event; the existing row when the key is already there (also under a race)."""
    existing = ServiceEvent.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ServiceEvent.objects.create(
                key=key, kind=kind, centre_id=centre_id, at=at, window_id=window_id, staff_id=staff_id,
                department_id=department_id, case_id=case_id, ticket_id=ticket_id, label=label[:120],
                phone=phone[:30])
    except IntegrityError:
        return ServiceEvent.objects.get(key=key)


def _ticket_event(ticket: Ticket) -> ServiceEvent:
    window = ticket.window
    return service_event_record(
        key=f"ticket:{ticket.pk}", kind=ServiceEventKind.TICKET, centre_id=ticket.centre_id,
        at=ticket.serve_started_at or ticket.called_at or ticket.taken_at, window_id=ticket.window_id,
        staff_id=ticket.staff_id, department_id=window.department_id if window else None,
        ticket_id=ticket.pk, label=ticket.number, phone=ticket.phone)


def service_events_collect(*, since: dt.datetime, window: Window | None = None) -> int:
    """Record the service events since `since` (all centres, or one window); returns how many rows
    are new. Intakes of a case linked to a ticket belong to that ticket's visit (一次一评)."""
    before = ServiceEvent.objects.count()
    tickets = (Ticket.objects.filter(status__in=(TicketStatus.SERVING, TicketStatus.FINISHED),
                                     window__isnull=False, serve_started_at__gte=since)
               .select_related("window"))
    if window is not None:
        tickets = tickets.filter(window=window)
    for ticket in tickets.order_by("serve_started_at"):
        _ticket_event(ticket)
    if window is None:
        events = (CaseEvent.objects.filter(at__gte=since, action__in=("accept", "supplement", "issue"))
                  .exclude(action="supplement", to_state__in=("supplement_required",))
                  .select_related("case__applicant").order_by("at"))
        ticketed = set(TicketCase.objects.filter(case_id__in=events.values("case_id"))
                       .values_list("case_id", flat=True))
        staff_by_user = {s.user_id: s for s in Staff.objects.filter(
            user_id__in=events.values("actor_id")).only("id", "user_id", "window_id")}
        for event in events:
            kind = ServiceEventKind.ISSUE if event.action == "issue" else ServiceEventKind.INTAKE
            if kind == ServiceEventKind.INTAKE and event.case_id in ticketed:
                continue
            case: Case = event.case
            staff = staff_by_user.get(event.actor_id) if event.actor_id else None
            service_event_record(
                key=f"{kind}:{event.case_id}", kind=kind, centre_id=case.centre_id, at=event.at,
                window_id=staff.window_id if staff else None, staff_id=staff.pk if staff else None,
                department_id=case.department_id, case_id=case.pk, label=case.number,
                phone=case.applicant.phone)
    return ServiceEvent.objects.count() - before


def window_last_event(*, window: Window, since: dt.datetime) -> ServiceEvent | None:
    """The event the window evaluator offers: the ticket served last at this window (recorded now if
    the collector has not run yet), else the last recorded event at the window."""
    ticket = (Ticket.objects.filter(window=window, status__in=(TicketStatus.SERVING, TicketStatus.FINISHED),
                                    serve_started_at__gte=since)
              .select_related("window").order_by("-serve_started_at", "-id").first())
    if ticket is not None:
        return _ticket_event(ticket)
    return ServiceEvent.objects.filter(window=window, at__gte=since).order_by("-at", "-id").first()
