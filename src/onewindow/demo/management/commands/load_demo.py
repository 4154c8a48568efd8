"""`manage.py load_demo`: load the fictional demo network, staff and catalogue. Idempotent."""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from onewindow.demo.steps import STEPS


class Command(BaseCommand):
    help = ("Load the fictional demo county network, staff and catalogue (idempotent: running it again "
            "leaves the same rows). Steps: " + ", ".join(s.__name__ for s in STEPS))

    def add_arguments(self, parser):
        parser.add_argument("--step", action="append", dest="steps", metavar="NAME",
                            help="run only this step (repeatable); later steps need the earlier ones")

    def handle(self, *args, **options):
        names = options.get("steps") or []
        unknown = sorted(set(names) - {s.__name__ for s in STEPS})
        if unknown:
            raise CommandError(f"unknown step(s): {', '.join(unknown)}")
        started = time.perf_counter()
        # The demo's appointments belong to fictional people: that no SMS gateway reaches them is
        # expected here, so their "not sent" warnings would only bury the step summaries.
        logging.getLogger("onewindow.queueing.notify").setLevel(logging.ERROR)
        for step in STEPS:
            if names and step.__name__ not in names:
                continue
            t0 = time.perf_counter()
            with transaction.atomic():
                summary = step()
            self.stdout.write(f"{step.__name__:<15} {summary} ({time.perf_counter() - t0:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"demo data loaded in {time.perf_counter() - started:.1f} s; "
                                             "`manage.py print_logins` lists the logins"))
