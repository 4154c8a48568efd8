"""Housekeeping of the queue, meant for cron every few minutes (and once after closing time):
closes tickets left open on earlier days, marks appointments whose check-in has closed as no-shows,
and hands tomorrow's reminders to the notifier (each reminder once)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onewindow.core.timeutil import today
from onewindow.queueing.services import (
    appointments_mark_no_shows,
    appointments_send_reminders,
    tickets_close_day,
)


class Command(BaseCommand):
    help = "Close stale tickets, mark appointment no-shows, send tomorrow's reminders."

    def add_arguments(self, parser):
        parser.add_argument("--no-reminders", action="store_true", help="skip the reminders")

    def handle(self, *args, no_reminders: bool = False, **options):
        closed = tickets_close_day(before=today())
        no_shows = appointments_mark_no_shows()
        reminders = 0 if no_reminders else appointments_send_reminders()
        self.stdout.write(
            f"tickets closed: {closed}; appointment no-shows: {no_shows}; reminders: {reminders}"
        )
