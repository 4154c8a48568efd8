"""Events for notice tests; cases come from tests/fees/factories.py (built through the ORM)."""

from __future__ import annotations

from onewindow.cases.models import CaseEvent
from tests.fees.factories import ACCEPTED_AT, ApplicantFactory, CaseFactory, seal_for  # noqa: F401


def event_for(case, action: str, *, reason: str = "", payload: dict | None = None, at=None) -> CaseEvent:
    """Append an event the way the cases app does (next seq), without its rules."""
    case.last_event_seq += 1
    case.save(update_fields=["last_event_seq"])
    return CaseEvent.objects.create(case=case, seq=case.last_event_seq, actor_role="clerk", action=action,
                                    from_state=case.state, to_state=case.state, at=at or ACCEPTED_AT,
                                    reason=reason, payload=payload or {})
