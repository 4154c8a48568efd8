"""The national exchange export (全国一体化政务服务平台 办件/评价 数据): acceptance, process, special-
procedure and result records per case event, and evaluation records, as JSON lines or CSV,
incremental by cursor (the last case event id / evaluation id exported).

Field names follow the national tables' meaning (docs/exchange.md maps each to its national column);
applicant identifiers are masked unless the caller asks for them and is logged (issue #11).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from onewindow.cases.models import CaseEvent
from onewindow.core.identifiers import mask_id

RESULT_ACTIONS = {"decide", "refuse", "out_of_remit", "return", "withdraw", "conclude", "task_decide"}
SPECIAL_ACTIONS = {"suspend", "resume"}
ACCEPT_ACTIONS = {"accept", "deemed_accept", "supplement"}

COLUMNS: dict[str, list[str]] = {
    "acceptance": ["record", "case_number", "implementation_code", "item_name", "region_code",
                   "department_code", "applicant_kind", "applicant_name", "applicant_id_type",
                   "applicant_id_number", "channel", "case_class", "accepted_at", "promised_days",
                   "promised_due_date", "statutory_days", "event_id"],
    "process": ["record", "case_number", "seq", "action", "from_state", "to_state", "actor_role", "at",
                "opinion", "event_id"],
    "special_procedure": ["record", "case_number", "phase", "kind", "reason", "at", "event_id"],
    "result": ["record", "case_number", "action", "outcome", "at", "decided_on", "concluded_at",
               "decision_due_date", "on_time", "event_id"],
    "evaluation": ["record", "evaluation_id", "case_number", "level", "subject", "channel", "region_code",
                   "department_code", "created_at"],
}


def _iso(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def case_records(event: CaseEvent, *, unmasked: bool = False) -> Iterator[dict]:
    case = event.case
    base = {"case_number": case.number, "event_id": event.pk}
    yield {"record": "process", **base, "seq": event.seq, "action": event.action,
           "from_state": event.from_state, "to_state": event.to_state, "actor_role": event.actor_role,
           "at": _iso(event.at), "opinion": event.reason}
    if event.action in ACCEPT_ACTIONS and event.to_state == "accepted":
        applicant = case.applicant
        yield {"record": "acceptance", **base, "implementation_code": case.item.implementation_code,
               "item_name": case.item.name, "region_code": case.centre.region_id,
               "department_code": case.department.code if case.department else "",
               "applicant_kind": applicant.kind, "applicant_name": applicant.name,
               "applicant_id_type": applicant.id_type,
               "applicant_id_number": applicant.id_number if unmasked else mask_id(applicant.id_number),
               "channel": case.channel, "case_class": case.case_class, "accepted_at": _iso(event.at),
               "promised_days": case.promised_days, "promised_due_date": _iso(case.promised_due_date),
               "statutory_days": case.statutory_days}
    if event.action in SPECIAL_ACTIONS:
        phase = "start" if event.action == "suspend" else "end"
        yield {"record": "special_procedure", **base, "phase": phase,
               "kind": (event.payload or {}).get("kind", ""), "reason": event.reason, "at": _iso(event.at)}
    if event.action in RESULT_ACTIONS and event.to_state in {"decided", "refused", "returned", "withdrawn",
                                                             "concluded"}:
        on_time: bool | str = ""
        if case.decided_on and case.decision_due_date:
            on_time = case.decided_on <= case.decision_due_date
        yield {"record": "result", **base, "action": event.action, "outcome": case.outcome,
               "at": _iso(event.at), "decided_on": _iso(case.decided_on),
               "concluded_at": _iso(case.concluded_at), "decision_due_date": _iso(case.decision_due_date),
               "on_time": on_time}


def evaluation_records(*, after: int, limit: int) -> list[dict]:
    if not apps.is_installed("onewindow.feedback"):
        return []
    try:
        evaluation = apps.get_model("feedback", "Evaluation")
    except LookupError:
        return []
    rows = []
    for ev in (evaluation.objects.filter(pk__gt=after).order_by("pk")
               .select_related("case", "centre", "department")[:limit]):
        rows.append({"record": "evaluation", "evaluation_id": ev.pk,
                     "case_number": ev.case.number if getattr(ev, "case_id", None) else "",
                     "level": ev.level, "subject": getattr(ev, "subject", ""),
                     "channel": getattr(ev, "channel", ""),
                     "region_code": ev.centre.region_id if getattr(ev, "centre_id", None) else "",
                     "department_code": ev.department.code if getattr(ev, "department_id", None) else "",
                     "created_at": _iso(ev.created_at)})
    return rows


@dataclass
class ExportBatch:
    records: list[dict]
    next_event: int
    next_evaluation: int


def export_batch(*, after_event: int = 0, after_evaluation: int = 0, limit: int = 1000,
                 unmasked: bool = False) -> ExportBatch:
    events = list(CaseEvent.objects.filter(pk__gt=after_event).order_by("pk")
                  .select_related("case", "case__item", "case__centre", "case__department",
                                  "case__applicant")[:limit])
    records: list[dict] = []
    for event in events:
        records.extend(case_records(event, unmasked=unmasked))
    evaluations = evaluation_records(after=after_evaluation, limit=limit)
    records.extend(evaluations)
    return ExportBatch(records=records,
                       next_event=events[-1].pk if events else after_event,
                       next_evaluation=evaluations[-1]["evaluation_id"] if evaluations else after_evaluation)


def to_jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def to_csv(records: Iterable[dict], *, record: str) -> str:
    """One CSV per record kind (their columns differ)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[record], extrasaction="raise")
    writer.writeheader()
    for r in records:
        if r["record"] == record:
            writer.writerow(r)
    return out.getvalue()
