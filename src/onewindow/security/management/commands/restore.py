"""manage.py restore PATH --yes: replace the database with a backup (stop the app first), then run
verify_audit to see the audit chain came back whole."""

from __future__ import annotations

import subprocess
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onewindow.core.errors import DomainError
from onewindow.security.backup import backup_restore


class Command(BaseCommand):
    help = "Restore the database from a backup written by `manage.py backup` (replaces every row)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="confirm: the current data is replaced")

    def handle(self, *args, **opts):
        if not opts["yes"]:
            raise CommandError("restore replaces the current database: add --yes to confirm")
        try:
            backup_restore(path=Path(opts["path"]))
        except DomainError as exc:
            raise CommandError(exc.message_en) from exc
        except subprocess.CalledProcessError as exc:
            raise CommandError(f"pg_restore failed: {exc.stderr.decode(errors='replace')[-500:]}") from exc
        self.stdout.write(f"restored from {opts['path']}; now run: manage.py verify_audit")
