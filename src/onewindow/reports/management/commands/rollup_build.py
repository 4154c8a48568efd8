from django.core.management.base import BaseCommand

from onewindow.reports.rollup import DEFAULT_BATCH, rollup_rebuild


class Command(BaseCommand):
    help = "Rebuild the daily rollups from the whole case event log (after a calendar change or a restore)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="event ids per transaction")

    def handle(self, *args, batch, **options):
        result = rollup_rebuild(batch=batch, lag=0)
        self.stdout.write(f"rebuilt from {result.events} events; watermark {result.watermark}")
