from django.core.management.base import BaseCommand

from onewindow.notifications.services import notifications_retry


class Command(BaseCommand):
    help = "Deliver notifications still pending or failed (after a crash or a gateway outage). Every minute."

    def handle(self, *args, **options):
        self.stdout.write(f"retried={notifications_retry()}")
