from django.core.management.base import BaseCommand

from onewindow.notifications.applicant import applicant_notifications_dispatch


class Command(BaseCommand):
    help = "Send applicants the SMS for new case events (acceptance, notice, suspension, …). Every minute."

    def handle(self, *args, **options):
        result = applicant_notifications_dispatch()
        self.stdout.write(f"events={result['events']} sent={result['sent']}")
