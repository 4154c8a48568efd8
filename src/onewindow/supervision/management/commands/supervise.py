"""manage.py supervise [--warnings | --rules] [--rule NAME ...]: the supervision sweep.

Safe to run every minute from cron: a lock keeps two runs apart (a second run exits at once with
"busy" and status 0), and a run that finds nothing new writes and sends nothing."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from onewindow.supervision.rules import RULE_NAMES
from onewindow.supervision.services import SweepBusy, supervise
from onewindow.supervision.services.warnings import warnings_skip_pending


class Command(BaseCommand):
    help = "Raise clock warnings, notify them, and run the anomaly rules (idempotent)."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--warnings", action="store_true", help="only warnings and their notifications")
        group.add_argument("--rules", action="store_true", help="only the anomaly rules")
        parser.add_argument(
            "--full", action="store_true", help="look at every open case (not only changed ones)"
        )
        parser.add_argument(
            "--skip-pending",
            action="store_true",
            help="mark pending warnings notified without sending them (first run on old data)",
        )
        parser.add_argument(
            "--rule", action="append", choices=RULE_NAMES, help="run only this rule (repeatable)"
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            result = supervise(
                warnings=not options["rules"],
                rules=not options["warnings"],
                only_rules=options["rule"],
                full=options["full"],
            )
        except SweepBusy:
            self.stdout.write("busy: another supervise run holds the lock")
            return
        except ValueError as exc:  # e.g. a malformed ONEWINDOW_SUPERVISION_* setting
            raise CommandError(str(exc)) from exc
        if options["skip_pending"]:
            skipped = warnings_skip_pending()
            self.stdout.write(f"pending warnings marked notified without sending: {skipped}")
        anomalies = sum(result.anomalies.values())
        self.stdout.write(
            f"warnings raised: {result.warnings}; notified: {result.notified}; "
            f"anomalies: {anomalies} new; {'full' if result.full else 'changed cases only'}; "
            f"{time.perf_counter() - started:.2f} s"
        )
        for name, count in result.anomalies.items():
            if count:
                self.stdout.write(f"  {name}: {count}")
