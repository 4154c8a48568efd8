"""The hops of a case across the network: a village proxy case and the case(s) it was forwarded or
escalated to, each step with its centre, so staff and the applicant see where the file is."""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.cases.models import Case, CaseEvent

HOP_ACTIONS = ("receive", "forward", "escalate", "accept", "notice", "supplement", "decide", "issue",
               "deliver", "conclude")


@dataclass(frozen=True)
class Hop:
    case: str
    centre: str
    level: str
    action: str
    to_state: str
    at: object
    detail: str


def case_chain(case: Case) -> list[Case]:
    """The chain from the lowest case (where the applicant came in) to the highest."""
    root = case
    seen = {root.pk}
    while root.parent_id is not None and root.parent_id not in seen:
        root = Case.objects.select_related("centre").get(pk=root.parent_id)
        seen.add(root.pk)
    chain = [root]
    seen = {root.pk}
    current = root
    while True:
        child = (Case.objects.select_related("centre").filter(parent=current).exclude(pk__in=seen)
                 .order_by("pk").first())
        if child is None:
            return chain
        seen.add(child.pk)
        chain.append(child)
        current = child


def case_hops(*, case: Case) -> list[Hop]:
    chain = case_chain(case)
    by_id = {c.pk: c for c in chain}
    events = (CaseEvent.objects.filter(case_id__in=by_id, action__in=HOP_ACTIONS)
              .order_by("at", "pk"))
    hops = []
    for e in events:
        c = by_id[e.case_id]
        payload = e.payload or {}
        detail = str(payload.get("case") or payload.get("via") or payload.get("to_case")
                     or payload.get("detail") or payload.get("escalated_from") or "")
        hops.append(Hop(case=c.number, centre=c.centre.name, level=c.centre.level, action=e.action,
                        to_state=e.to_state, at=e.at, detail=detail))
    return hops
