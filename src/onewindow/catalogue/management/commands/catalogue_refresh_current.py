"""Switch items to versions whose effective date has come. Run daily, e.g. at 00:05 from cron or a
systemd timer: `manage.py catalogue_refresh_current`. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from onewindow.catalogue.services import items_refresh_current
from onewindow.core.timeutil import today


class Command(BaseCommand):
    help = "Make each item's current version the one in force today (or on --date)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD, default today (Asia/Shanghai)")

    def handle(self, *args, date: str | None, **options):
        try:
            on = dt.date.fromisoformat(date) if date else today()
        except ValueError as exc:
            raise CommandError(f"bad --date: {date}") from exc
        changed = items_refresh_current(on=on)
        self.stdout.write(f"{len(changed)} items switched on {on.isoformat()}")
