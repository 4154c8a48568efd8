"""`manage.py generate_province --cases N --seed S`: a province's year of cases on PostgreSQL (COPY).

Use a dedicated database (ow_province): migrate, `load_demo --step load_network --step load_staff
--step load_catalogue`, then this. docs/scale.md "Province data".
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from onewindow.core.province.generate import Generator
from onewindow.core.timeutil import today


class Command(BaseCommand):
    help = ("Generate N cases over the 12 months before today with their events, evaluations and tickets, "
            "deterministically from --seed, with COPY (PostgreSQL only; load_demo first).")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--today", help="last day of the generated year (YYYY-MM-DD); default today")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("generate_province needs PostgreSQL (DATABASE_URL=postgres://...)")
        if options["cases"] <= 0:
            raise CommandError("--cases must be positive")
        import datetime as dt

        end = dt.date.fromisoformat(options["today"]) if options["today"] else today()
        connection.ensure_connection()
        result = Generator(cases=options["cases"], seed=options["seed"], today=end, out=self.stderr).run()
        self.stdout.write(
            f"{result['cases']:,} cases, {result['rows']:,} rows ({result['rows_per_case']:.2f} per case), "
            f"{result['bytes'] / 2**20:,.0f} MiB on disk with indexes ({result['bytes_per_case']:,.0f} bytes "
            f"per case) in {result['seconds']:,.0f} s ({result['cases'] / max(result['seconds'], 1e-9):,.0f} "
            "cases/s)")
