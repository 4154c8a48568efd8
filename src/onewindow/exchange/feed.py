"""Reads of the case event trail for API clients: what a client may see, and the wire shape."""

from __future__ import annotations

from django.db.models import QuerySet

from onewindow.cases.models import Case, CaseEvent
from onewindow.exchange.models import ApiClient


def cases_visible_to(client: ApiClient) -> QuerySet[Case]:
    qs = Case.objects.filter(centre_id=client.centre_id)
    if client.department_id:
        qs = qs.filter(department_id=client.department_id)
    return qs


def events_visible_to(client: ApiClient) -> QuerySet[CaseEvent]:
    qs = CaseEvent.objects.filter(case__centre_id=client.centre_id)
    if client.department_id:
        qs = qs.filter(case__department_id=client.department_id)
    return qs


def event_feed(*, client: ApiClient, after: int, limit: int) -> list[CaseEvent]:
    """Events after the cursor (an event id), oldest first: keyset, so the feed can grow forever."""
    return list(events_visible_to(client).filter(pk__gt=after).order_by("pk")
                .select_related("case", "case__item", "case__department")[:limit])


def event_payload(event: CaseEvent) -> dict:
    """The wire shape of one event. No personal data: the applicant is not in the event."""
    case = event.case
    return {
        "id": event.pk,
        "case": case.number,
        "item": case.item.implementation_code,
        "department": case.department.code if case.department else None,
        "seq": event.seq,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor_role": event.actor_role,
        "at": event.at.isoformat(),
        "reason": event.reason,
        "payload": event.payload,
    }
