"""`manage.py print_logins`: the demo logins (username, role, centre, password) and where to go."""

from __future__ import annotations

import unicodedata

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from onewindow.demo.data.staff import DEMO_LOGINS, DEMO_PASSWORD
from onewindow.network.models import Role, Staff


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def login_rows() -> list[tuple[str, str, str, str]]:
    """(username, role, centre, password) for each demo login; "(not loaded)" when it is missing."""
    users = set(get_user_model().objects.filter(username__in=[d.username for d in DEMO_LOGINS])
                .values_list("username", flat=True))
    staff = {s.user.username: s for s in Staff.objects.select_related("user", "centre")
             .filter(user__username__in=users)}
    rows = []
    for d in DEMO_LOGINS:
        role = str(Role(d.role).label) if d.role else ("超级用户 superuser" if d.username == "admin"
                                                       else "办事群众 citizen")
        s = staff.get(d.username)
        centre = (s.centre.standard_name or s.centre.name) if s else "—"
        if d.username not in users:
            centre = "(not loaded: run `manage.py load_demo`)"
        rows.append((d.username, f"{role} · {d.note}", centre, DEMO_PASSWORD))
    return rows


class Command(BaseCommand):
    help = "Print the demo logins (username, role, centre, password) and the URLs to open."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000",
                            help="where the server runs (default http://127.0.0.1:8000)")

    def handle(self, *args, **options):
        base = options["base_url"].rstrip("/")
        header = ("username", "role", "centre", "password")
        rows = [header, *login_rows()]
        widths = [max(_width(r[i]) for r in rows) for i in range(4)]
        self.stdout.write("一窗通办 onewindow — demo logins (fictional data)")
        for n, row in enumerate(rows):
            self.stdout.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
        self.stdout.write(f"Online hall (citizens): {base}/   (citizen logs in at {base}/account/login/ "
                          "with phone 13800138000)")
        self.stdout.write(f"Workbench (staff):      {base}/workbench/")
        self.stdout.write(f"Admin:      {base}/admin/   (manager or admin)")
        self.stdout.write(f"API docs:   {base}/api/v1/docs")
