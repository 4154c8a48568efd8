"""manage.py cases_sweep — the art. 32 deemed acceptance; run it daily (cron/systemd timer)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from onewindow.cases.services import cases_sweep


class Command(BaseCommand):
    help = ("Accept, as of their receipt date, cases left without a one-time notice past notice_days "
            "(art. 32).")

    def add_arguments(self, parser):
        parser.add_argument("--on", help="run as of this date (YYYY-MM-DD); default today")

    def handle(self, *args, on=None, **options):
        day = None
        if on:
            try:
                day = dt.date.fromisoformat(on)
            except ValueError as exc:
                raise CommandError(f"--on must be YYYY-MM-DD, not {on!r}") from exc
        count = cases_sweep(on=day)
        self.stdout.write(f"deemed accepted: {count}")
