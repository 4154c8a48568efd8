"""manage.py purge_personal_data [--older-than DAYS] [--apply]: mask the identifiers of applicants
whose cases all ended more than DAYS ago (default ONEWINDOW_PERSONAL_DATA_RETENTION_DAYS).
Dry run by default: it only counts."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from onewindow.security.retention import personal_data_purge


class Command(BaseCommand):
    help = ("Mask personal data of applicants of cases that ended beyond the retention period "
            "(dry run by default).")

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=None, metavar="DAYS",
                            help="days since the case ended (default: the retention setting)")
        parser.add_argument("--apply", action="store_true", help="mask them (without it: dry run)")

    def handle(self, *args, **opts):
        days = opts["older_than"] if opts["older_than"] is not None else \
            settings.ONEWINDOW_PERSONAL_DATA_RETENTION_DAYS
        result = personal_data_purge(older_than_days=days, apply=opts["apply"])
        verb = "masked" if result.applied else "would mask (dry run; add --apply)"
        self.stdout.write(f"{verb}: {result.applicants} applicants of {result.cases} cases ended more than "
                          f"{days} days ago")
