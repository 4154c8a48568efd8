"""Village proxy (村级代办, seed 003 "小事不出村，大事不出乡"): a village agent receives an application
for a township or county item, forwards it to the competent centre, follows it, and hands the result
over in the village.

Hops, each an event on the case it happens to:
  village case   receive (agent) → forward → … → deliver (agent hands the result over) → conclude
  higher case    receive (system, from the village) → accept … decide → issue → deliver method "village"
"""

from __future__ import annotations

from django.db import transaction

from onewindow.cases.models import Case
from onewindow.cases.services._base import clean_text, move_begin, move_finish
from onewindow.cases.services.escalate import _agent, _forward
from onewindow.cases.states import AGENT
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import today
from onewindow.network.models import Centre, Staff
from onewindow.network.selectors import centre_ancestors


def forward_target(case: Case, to_centre_id: int | None = None) -> Centre:
    """The competent centre: the item's own centre when it is above this one, else the next level up
    (which forwards or escalates it further); an explicit target must be a higher centre."""
    higher = centre_ancestors(centre=case.centre, include_self=False)
    if not higher:
        raise Invalid("invalid_forward_target", "本中心没有上级中心", "This centre has no higher level")
    if to_centre_id is not None:
        for centre in higher:
            if centre.pk == to_centre_id:
                return centre
        raise Invalid("invalid_forward_target", "只能转报至上级中心", "Forward only to a higher centre",
                      detail={"to_centre": to_centre_id})
    return next((c for c in higher if c.pk == case.item.centre_id), higher[0])


@transaction.atomic
def case_forward(*, case: Case, by: Staff, reason: str = "", to_centre_id: int | None = None) -> Case:
    """Forward a received application to the competent centre; returns the case opened there (in
    `received`, for its clerk to accept or give the one-time notice). The village case follows it in
    `escalated`, with the forwarding agent as its proxy agent."""
    reason = clean_text(reason, field="reason") or "村级代办转报"
    move = move_begin(case=case, by=by, action="forward")
    lower = move.case
    target = forward_target(lower, to_centre_id)
    agent = by if move.role == AGENT else _agent(lower, None)
    higher = _forward(lower=lower, target=target, agent=agent, reason=reason)
    lower.proxy_agent = agent
    lower.handled_on = today()
    move_finish(move, reason=reason, payload={"to_centre": target.pk, "case": higher.number,
                                              "proxy_agent": agent.pk if agent else None})
    return higher
