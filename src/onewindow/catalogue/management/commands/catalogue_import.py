"""Import a catalogue file: `manage.py catalogue_import catalogue.xlsx`. Nothing is written unless
every row is valid; each bad row is printed as sheet:row field code message."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from django.core.management.base import BaseCommand, CommandError

from onewindow.catalogue.services import catalogue_import
from onewindow.core.errors import DomainError


class Command(BaseCommand):
    help = "Import a catalogue from JSON or .xlsx (format: docs/catalogue.md); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["json", "xlsx"],
                            help="default: from the file name (.xlsx → xlsx, otherwise json)")

    def handle(self, *args, path: str, format: str | None, **options):  # noqa: A002
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"no such file: {path}")
        wanted = format or file.suffix.lower().lstrip(".")
        fmt: Literal["json", "xlsx"] = "xlsx" if wanted == "xlsx" else "json"
        try:
            summary = catalogue_import(content=file.read_bytes(), format=fmt)
        except DomainError as exc:
            rows = exc.detail if isinstance(exc.detail, list) else []
            for e in rows:
                self.stderr.write(f"{e['sheet']}:{e['row']} {e['field']} {e['code']} {e['message_en']}")
            raise CommandError(f"{exc.code}: {exc.message_en}") from exc
        for key, count in summary.items():
            self.stdout.write(f"{key}: {count}")
