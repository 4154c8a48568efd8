"""manage.py verify_audit: check the hash chain of every case and the audit anchors.

Exit status 0 when intact, 1 with one line per finding otherwise (changed, inserted, deleted,
unchained, head, anchor). --rehash-legacy first chains events written before the chain existed."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from onewindow.cases.models import Case, CaseEvent
from onewindow.security.audit import audit_verify
from onewindow.security.chain import chain_legacy


class Command(BaseCommand):
    help = "Verify the tamper-evident case audit trail (exit 1 and list findings when it was altered)."

    def add_arguments(self, parser):
        parser.add_argument("--rehash-legacy", action="store_true",
                            help="first chain events that have no hash yet (data from before the chain)")
        parser.add_argument("--no-anchors", action="store_true", help="skip the anchor checks")
        parser.add_argument("--all-anchors", action="store_true",
                            help="recompute every anchor, not only the latest")

    def handle(self, *args, **opts):
        if opts["rehash_legacy"]:
            n = chain_legacy(case_model=Case, event_model=CaseEvent)
            self.stdout.write(f"chained {n} legacy events")
        findings = audit_verify(anchors=not opts["no_anchors"], all_anchors=opts["all_anchors"])
        for f in findings:
            self.stdout.write(str(f))
        if findings:
            raise CommandError(f"audit trail NOT intact: {len(findings)} finding(s)", returncode=1)
        self.stdout.write(self.style.SUCCESS(
            f"audit trail intact: {Case.objects.count()} cases, {CaseEvent.objects.count()} events"))
