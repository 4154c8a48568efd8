"""manage.py audit_anchor: store an anchor over every case head (run it daily from cron/systemd).

Prints the anchor hash: keep that line outside the database (mail, log server, print) — it is what
shows a wholesale rewrite of the database."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from onewindow.security.audit import audit_anchor_create


class Command(BaseCommand):
    help = "Store an audit anchor (hash over every case's chain head and the counts)."

    def handle(self, *args, **opts):
        a = audit_anchor_create()
        self.stdout.write(f"anchor {a.pk} {a.created_at.isoformat()} cases={a.case_count} "
                          f"events={a.event_count} hash={a.hash}")
