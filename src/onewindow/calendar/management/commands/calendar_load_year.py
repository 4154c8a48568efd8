"""manage.py calendar_load_year [FILE ...] — publish calendar years from year files (docs/calendar.md).

Without FILE it loads settings.ONEWINDOW_CALENDAR_FILE. Each file holds one year and is loaded all
or nothing; --check only validates.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from onewindow.calendar.services import calendar_year_load
from onewindow.calendar.yearfile import parse_year_file
from onewindow.core.errors import Invalid


class Command(BaseCommand):
    help = "Publish working-calendar years from JSON year files (default: ONEWINDOW_CALENDAR_FILE)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", metavar="FILE")
        parser.add_argument("--check", action="store_true", help="Validate only; write nothing.")

    def handle(self, *args, files, check, **options):
        files = files or ([settings.ONEWINDOW_CALENDAR_FILE] if settings.ONEWINDOW_CALENDAR_FILE else [])
        if not files:
            raise CommandError("Give a year file, or set ONEWINDOW_CALENDAR_FILE.")
        failed = False
        for name in files:
            try:
                data = json.loads(Path(name).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self.stderr.write(f"{name}: cannot read JSON: {exc}")
                failed = True
                continue
            try:
                if check:
                    parsed = parse_year_file(data)
                    self.stdout.write(f"{name}: year {parsed.year} is valid ({len(parsed.days)} days)")
                else:
                    year = calendar_year_load(data=data)
                    self.stdout.write(self.style.SUCCESS(f"{name}: year {year.year} published"))
            except Invalid as exc:
                failed = True
                self.stderr.write(f"{name}: {exc.message_en}")
                for problem in exc.detail if isinstance(exc.detail, list) else []:
                    value = f" ({problem['value']})" if "value" in problem else ""
                    self.stderr.write(f"  {problem['where']}{value}: {problem['code']} — "
                                      f"{problem['message_en']}")
        if failed:
            raise CommandError("Some files were not loaded.")
