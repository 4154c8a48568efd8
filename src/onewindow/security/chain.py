"""The hash chain of the case audit trail (docs/security.md "Tamper-evident audit").

Pure functions, no model imports: cases/services/_base.py calls `event_digest` when it writes an
event, the cases data migration when it chains existing rows, and verify_audit when it checks them.
Changing the serialisation breaks every stored hash: bump VERSION and keep the old one readable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

VERSION = 1
GENESIS = ""  # prev_hash of a case's first event


def normalise_payload(payload: Any) -> Any:
    """The payload as the database will give it back (JSONField stores json.dumps of it: int keys
    become strings, tuples lists), so that the hash computed at write time verifies on read."""
    return json.loads(json.dumps(payload or {}))


def _instant(at: dt.datetime) -> str:
    # UTC with microseconds: both SQLite and PostgreSQL keep microseconds, and the zone a process
    # happens to use must not change the hash.
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def event_digest(*, number: str, seq: int, actor_id: int | None, actor_role: str, action: str,
                 from_state: str, to_state: str, at: dt.datetime, reason: str, payload: Any,
                 prev_hash: str) -> str:
    """SHA-256 (hex) over the canonical JSON of one event and the hash of the one before it."""
    doc = {
        "v": VERSION, "case": number, "seq": int(seq), "actor": actor_id, "role": actor_role,
        "action": action, "from": from_state, "to": to_state, "at": _instant(at), "reason": reason,
        "payload": normalise_payload(payload), "prev": prev_hash,
    }
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def digest_of_row(row: Any, *, number: str, prev_hash: str) -> str:
    """event_digest of a CaseEvent row (model instance or historical model in a migration)."""
    return event_digest(number=number, seq=row.seq, actor_id=row.actor_id, actor_role=row.actor_role,
                        action=row.action, from_state=row.from_state, to_state=row.to_state, at=row.at,
                        reason=row.reason, payload=row.payload, prev_hash=prev_hash)


def heads_digest(lines: Any) -> str:
    """Hash over (case id, number, head seq, head hash) tuples in case-id order: the anchor value."""
    h = hashlib.sha256()
    for case_id, number, seq, head in lines:
        h.update(f"{case_id}\t{number}\t{seq}\t{head}\n".encode())
    return h.hexdigest()


def chain_legacy(*, case_model: Any, event_model: Any, batch: int = 500) -> int:
    """Chain events written before the chain existed (hash ""), case by case, from the last chained
    event on. Used by cases migration 0002 (historical models) and `verify_audit --rehash-legacy`.
    A case whose unchained events are followed by chained ones is left alone: that is an inserted
    event, not legacy data, and verify_audit reports it. Returns the number of events chained."""
    done = 0
    case_ids = (event_model.objects.filter(hash="").values_list("case_id", flat=True).distinct()
                .order_by("case_id"))
    for case_id in list(case_ids):
        case = case_model.objects.get(pk=case_id)
        rows = list(event_model.objects.filter(case_id=case_id).order_by("seq"))
        first = next(i for i, r in enumerate(rows) if not r.hash)
        if any(r.hash for r in rows[first:]):
            continue
        prev = rows[first - 1].hash if first else GENESIS
        for row in rows[first:]:
            row.prev_hash = prev
            row.hash = prev = digest_of_row(row, number=case.number, prev_hash=prev)
        event_model.objects.bulk_update(rows[first:], ["prev_hash", "hash"], batch_size=batch)
        case_model.objects.filter(pk=case_id).update(last_event_hash=prev)
        done += len(rows) - first
    return done
