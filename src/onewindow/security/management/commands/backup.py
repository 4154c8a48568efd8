"""manage.py backup [PATH]: a consistent copy of the database while the site runs (SQLite online
backup API, PostgreSQL pg_dump -Fc). Default path: $ONEWINDOW_VAR_DIR/backups/onewindow-<time>.*"""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onewindow.core.errors import DomainError
from onewindow.security.backup import backup_create


class Command(BaseCommand):
    help = "Back up the database (SQLite online backup or pg_dump)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (must not exist)")

    def handle(self, *args, **opts):
        try:
            path = backup_create(path=Path(opts["path"]) if opts["path"] else None)
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"pg_dump failed: {exc.stderr.decode(errors='replace')[-500:]}") from exc
        self.stdout.write(f"backup written: {path} ({path.stat().st_size} bytes)")
