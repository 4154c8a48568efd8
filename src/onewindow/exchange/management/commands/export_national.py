"""Write the national exchange export after the saved cursors, then move the cursors on.

    manage.py export_national --out var/exports [--format jsonl|csv] [--limit N] [--dry-run]
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from onewindow.core.timeutil import now
from onewindow.exchange.national import COLUMNS, export_batch, to_csv, to_jsonl
from onewindow.exchange.services.cursors import cursor_advance, cursor_lock


class Command(BaseCommand):
    help = "Export acceptance, process, special-procedure, result and evaluation records incrementally."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True)
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument("--limit", type=int, default=10000)
        parser.add_argument("--dry-run", action="store_true", help="write files, keep the cursors")

    def handle(self, *args, **options):
        out = Path(options["out"])
        out.mkdir(parents=True, exist_ok=True)
        stamp = now().strftime("%Y%m%dT%H%M%S")
        with transaction.atomic():
            events = cursor_lock(name="national_export_events")
            evaluations = cursor_lock(name="national_export_evaluations")
            batch = export_batch(after_event=events.position, after_evaluation=evaluations.position,
                                 limit=options["limit"])
            files = []
            if options["format"] == "jsonl":
                path = out / f"national-{stamp}.jsonl"
                path.write_text(to_jsonl(batch.records), encoding="utf-8")
                files.append(path)
            else:
                for record in COLUMNS:
                    path = out / f"national-{record}-{stamp}.csv"
                    path.write_text(to_csv(batch.records, record=record), encoding="utf-8")
                    files.append(path)
            if not options["dry_run"]:
                cursor_advance(cursor=events, position=batch.next_event)
                cursor_advance(cursor=evaluations, position=batch.next_evaluation)
        self.stdout.write(f"{len(batch.records)} records → " + ", ".join(str(f) for f in files))
