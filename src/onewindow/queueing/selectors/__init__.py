"""Reads of the queue (docs/queue.md). Other apps import from here.

lines.py    lines, settings, which window calls which line, who may call at a window
tickets.py  one ticket, people ahead, predicted wait, the display board
slots.py    appointment slots with what is left
appointments.py  one appointment by its booking code
kpis.py     queue_kpis for the reports
"""

from onewindow.queueing.selectors.appointments import appointment_by_code, check_in_window
from onewindow.queueing.selectors.kpis import GROUPS as KPI_GROUPS
from onewindow.queueing.selectors.kpis import KpiRow, queue_kpis
from onewindow.queueing.selectors.lines import (
    active_lines,
    centre_public,
    covered_windows,
    line_for,
    line_serves,
    lines_served,
    open_windows,
    queue_settings,
    staff_may_operate,
    window_for_staff,
    windows_open,
)
from onewindow.queueing.selectors.slots import SlotView, booking_days, rule_specs, slot_start_at, slots_for
from onewindow.queueing.selectors.tickets import (
    Board,
    BoardCall,
    BoardLine,
    TicketProgress,
    board_state,
    median_service_seconds,
    people_ahead,
    predicted_wait_minutes,
    ticket_by_token,
    ticket_for_staff,
    ticket_progress,
    waiting_counts,
)

__all__ = [
    "KPI_GROUPS",
    "Board",
    "BoardCall",
    "BoardLine",
    "KpiRow",
    "SlotView",
    "TicketProgress",
    "active_lines",
    "appointment_by_code",
    "board_state",
    "check_in_window",
    "booking_days",
    "centre_public",
    "covered_windows",
    "line_for",
    "line_serves",
    "lines_served",
    "median_service_seconds",
    "open_windows",
    "people_ahead",
    "predicted_wait_minutes",
    "queue_kpis",
    "queue_settings",
    "rule_specs",
    "slot_start_at",
    "slots_for",
    "staff_may_operate",
    "ticket_by_token",
    "ticket_for_staff",
    "ticket_progress",
    "waiting_counts",
    "window_for_staff",
    "windows_open",
]
