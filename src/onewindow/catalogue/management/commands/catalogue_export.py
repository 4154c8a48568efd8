"""Export the whole catalogue: `manage.py catalogue_export --format xlsx -o catalogue.xlsx`."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from onewindow.catalogue.services import catalogue_export_json, catalogue_export_xlsx


class Command(BaseCommand):
    help = "Export the whole catalogue as JSON or .xlsx (format: docs/catalogue.md)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="file to write; JSON goes to standard output without it")

    def handle(self, *args, format: str, output: str | None, **options):  # noqa: A002
        if format == "xlsx":
            if not output:
                raise CommandError("--output is required for xlsx")
            Path(output).write_bytes(catalogue_export_xlsx())
        else:
            text = json.dumps(catalogue_export_json(), ensure_ascii=False, indent=1)
            if output:
                Path(output).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
        if output:
            self.stderr.write(f"exported to {output}")
