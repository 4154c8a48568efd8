"""manage.py licences_sweep — mark licences past their validity expired and lapse locker pickup codes
(run daily; verification derives expiry itself, so a late sweep only delays the records)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onewindow.licences.services import licences_sweep


class Command(BaseCommand):
    help = "Expire licences past valid_to and locker pickup codes past their expiry."

    def handle(self, *args, **options):
        counts = licences_sweep()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
