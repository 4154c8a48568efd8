from django.core.management.base import BaseCommand

from onewindow.core.errors import Conflict
from onewindow.reports.rollup import DEFAULT_BATCH, rollup_update


class Command(BaseCommand):
    help = "Add case events above the watermark to the daily rollups (idempotent; run every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="event ids per transaction")
        parser.add_argument("--lag", type=int, default=None, help="leave events younger than this (seconds)")

    def handle(self, *args, batch, lag, **options):
        try:
            result = rollup_update(batch=batch, lag=lag)
        except Conflict as exc:
            self.stderr.write(exc.message_en)
            return
        self.stdout.write(f"{result.events} events in {result.batches} batches; watermark {result.watermark}")
