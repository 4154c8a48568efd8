"""Writes of the queue (docs/queue.md). Every function is keyword-only and atomic.

tickets.py       ticket_take, tickets_close_day
calling.py       ticket_call_next, ticket_recall, ticket_no_show, ticket_serve_start, ticket_finish,
                 ticket_transfer, ticket_link_case
appointments.py  appointment_book, appointment_cancel, appointment_reschedule, appointment_check_in,
                 appointments_mark_no_shows, appointments_send_reminders, appointment_notify
"""

from onewindow.queueing.services.appointments import (
    appointment_book,
    appointment_cancel,
    appointment_check_in,
    appointment_notify,
    appointment_reschedule,
    appointments_mark_no_shows,
    appointments_send_reminders,
)
from onewindow.queueing.services.calling import (
    ticket_call_next,
    ticket_finish,
    ticket_link_case,
    ticket_no_show,
    ticket_recall,
    ticket_serve_start,
    ticket_transfer,
)
from onewindow.queueing.services.tickets import ticket_take, tickets_close_day

__all__ = [
    "appointment_book",
    "appointment_cancel",
    "appointment_check_in",
    "appointment_notify",
    "appointment_reschedule",
    "appointments_mark_no_shows",
    "appointments_send_reminders",
    "ticket_call_next",
    "ticket_finish",
    "ticket_link_case",
    "ticket_no_show",
    "ticket_recall",
    "ticket_serve_start",
    "ticket_take",
    "ticket_transfer",
    "tickets_close_day",
]
