from django.core.management.base import BaseCommand

from onewindow.exchange.crossregion.outbound import crossregion_sync


class Command(BaseCommand):
    help = "Forward due cross-region receipts and read the partners' progress back (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, **o):
        result = crossregion_sync(limit=o["limit"])
        self.stdout.write(" ".join(f"{k}={v}" for k, v in result.items()))
