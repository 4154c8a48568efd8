"""Checking the case audit trail and anchoring it (docs/security.md "Tamper-evident audit").

verify: every case's events must run seq 1..n, each linking to the one before (prev_hash) and
hashing to its stored hash, ending at the head the Case row keeps; every anchor must still match
the cases and events it covered (so deleting whole cases, or rewriting old history and every later
hash, shows against an anchor kept outside the database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from onewindow.cases.models import Case, CaseEvent
from onewindow.core.timeutil import now
from onewindow.security.chain import GENESIS, digest_of_row, heads_digest
from onewindow.security.models import AuditAnchor


@dataclass(frozen=True)
class Finding:
    kind: str  # changed | inserted | deleted | unchained | head | anchor
    case: str  # case number ("" for anchor findings)
    seq: int | None
    detail: str

    def __str__(self) -> str:
        where = f"{self.case}#{self.seq}" if self.seq is not None else (self.case or "-")
        return f"{self.kind:9} {where}: {self.detail}"


def _case_findings(case: Case, rows: list[CaseEvent]) -> Iterator[Finding]:
    prev = GENESIS
    expected_seq = 1
    for row in rows:
        if row.seq > expected_seq:
            yield Finding("deleted", case.number, expected_seq,
                          f"events {expected_seq}..{row.seq - 1} are missing")
        elif row.seq < expected_seq:
            yield Finding("inserted", case.number, row.seq, "sequence number repeats or goes back")
        if not row.hash:
            yield Finding("unchained", case.number, row.seq, "event has no hash (inserted, or legacy: "
                                                             "verify_audit --rehash-legacy)")
        else:
            if row.prev_hash != prev:
                yield Finding("inserted", case.number, row.seq, "does not link to the event before it")
            if digest_of_row(row, number=case.number, prev_hash=row.prev_hash) != row.hash:
                yield Finding("changed", case.number, row.seq, "content does not match its hash")
        prev = row.hash
        expected_seq = max(expected_seq, row.seq + 1)
    head_seq = rows[-1].seq if rows else 0
    if case.last_event_seq > head_seq:
        yield Finding("deleted", case.number, head_seq + 1,
                      f"the case counts {case.last_event_seq} events, the trail ends at {head_seq}")
    elif case.last_event_seq < head_seq:
        yield Finding("inserted", case.number, case.last_event_seq + 1,
                      f"the case counts {case.last_event_seq} events, the trail runs to {head_seq}")
    elif rows and case.last_event_hash != prev:
        yield Finding("head", case.number, head_seq, "the case's head hash differs from its last event")


def _cases_with_events(batch: int = 500) -> Iterator[tuple[Case, list[CaseEvent]]]:
    last = 0
    while True:
        cases = list(Case.objects.filter(pk__gt=last).order_by("pk")
                     .only("pk", "number", "last_event_seq", "last_event_hash")[:batch])
        if not cases:
            return
        grouped: dict[int, list[CaseEvent]] = {c.pk: [] for c in cases}
        for row in CaseEvent.objects.filter(case_id__in=grouped).order_by("case_id", "seq", "pk"):
            grouped[row.case_id].append(row)
        for c in cases:
            yield c, grouped[c.pk]
        last = cases[-1].pk


def _heads(max_case_id: int, max_event_id: int) -> tuple[str, int, int]:
    """Hash over the heads as of an anchor's cut: (heads_hash, case count, event count)."""
    numbers = dict(Case.objects.filter(pk__lte=max_case_id).values_list("pk", "number"))
    heads: dict[int, tuple[int, str]] = {pk: (0, GENESIS) for pk in numbers}
    events = 0
    rows = (CaseEvent.objects.filter(pk__lte=max_event_id, case_id__lte=max_case_id)
            .order_by("case_id", "seq").values_list("case_id", "seq", "hash"))
    for case_id, seq, head in rows.iterator(chunk_size=5000):
        events += 1
        heads[case_id] = (seq, head)
    lines = ((pk, numbers.get(pk, "?"), *heads[pk]) for pk in sorted(heads))
    return heads_digest(lines), len(numbers), events


def _anchor_hash(a: AuditAnchor) -> str:
    at = a.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")
    raw = (f"{a.prev_hash}|{at}|{a.max_case_id}|{a.max_event_id}|{a.case_count}|"
           f"{a.event_count}|{a.heads_hash}")
    return hashlib.sha256(raw.encode()).hexdigest()


def _anchor_findings(*, all_anchors: bool) -> Iterator[Finding]:
    """The anchors' own chain, and the cut of the latest (or of every) anchor recomputed: the latest
    covers every older case, so checking it alone finds a deleted case or rewritten history."""
    prev = GENESIS
    anchors = list(AuditAnchor.objects.order_by("pk"))
    for a in anchors:
        if a.prev_hash != prev or _anchor_hash(a) != a.hash:
            yield Finding("anchor", "", None, f"anchor {a.pk} was changed or an anchor before it removed")
        prev = a.hash
    for a in (anchors if all_anchors else anchors[-1:]):
        heads_hash, cases, events = _heads(a.max_case_id, a.max_event_id)
        if cases != a.case_count:
            yield Finding("anchor", "", None, f"anchor {a.pk} covered {a.case_count} cases, {cases} remain")
        if events != a.event_count:
            yield Finding("anchor", "", None,
                          f"anchor {a.pk} covered {a.event_count} events, {events} remain")
        if heads_hash != a.heads_hash:
            yield Finding("anchor", "", None, f"anchor {a.pk}: the heads of the cases it covered changed")


def audit_verify(*, anchors: bool = True, all_anchors: bool = False) -> list[Finding]:
    """Every finding about the trail; an empty list means the trail is intact."""
    findings: list[Finding] = []
    for case, rows in _cases_with_events():
        findings.extend(_case_findings(case, rows))
    if anchors:
        findings.extend(_anchor_findings(all_anchors=all_anchors))
    return findings


def audit_anchor_create() -> AuditAnchor:
    """Write an anchor over every case and event committed so far.

    The cut (highest case and event id) must not miss a transaction that already took an id but has
    not committed yet: on PostgreSQL a SHARE lock, held only while the two maxima are read, waits for
    those writers; SQLite's IMMEDIATE transactions already serialise writers. Rows above the cut are
    the next anchor's."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute(f"LOCK TABLE {Case._meta.db_table}, {CaseEvent._meta.db_table} IN SHARE MODE")
        max_case_id = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        max_event_id = CaseEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    heads_hash, cases, events = _heads(max_case_id, max_event_id)
    with transaction.atomic():
        previous = AuditAnchor.objects.select_for_update().order_by("-pk").first()
        anchor = AuditAnchor(created_at=now(), max_case_id=max_case_id, max_event_id=max_event_id,
                             case_count=cases, event_count=events, heads_hash=heads_hash,
                             prev_hash=previous.hash if previous else GENESIS)
        anchor.hash = _anchor_hash(anchor)
        anchor.save()
    return anchor
