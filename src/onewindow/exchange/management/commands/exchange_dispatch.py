from django.core.management.base import BaseCommand

from onewindow.exchange.services import webhooks_dispatch


class Command(BaseCommand):
    help = "Fan out new case events to webhooks and POST the due deliveries (run every minute)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200)

    def handle(self, *args, **options):
        result = webhooks_dispatch(limit=options["limit"])
        self.stdout.write(" ".join(f"{k}={v}" for k, v in result.items()))
