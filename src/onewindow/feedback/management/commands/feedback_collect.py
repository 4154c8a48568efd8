"""Record the service events (tickets served, intakes, issues) of the last N minutes, so that the
active-review rate has its denominator, and remind people of overdue loop steps (once per deadline).
Idempotent: run it every few minutes (cron / timer)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from onewindow.core.timeutil import now
from onewindow.feedback.services import service_events_collect
from onewindow.feedback.services.notify import overdue_remind


class Command(BaseCommand):
    help = "Record service events (tickets served at a window, intakes, issues) for the evaluation rates."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=24 * 60,
                            help="look back this many minutes (default: one day)")

    def handle(self, *args, minutes: int, **options):
        new = service_events_collect(since=now() - dt.timedelta(minutes=max(1, minutes)))
        reminders = overdue_remind()
        self.stdout.write(f"feedback_collect: {new} new service events, {reminders} overdue reminders")
