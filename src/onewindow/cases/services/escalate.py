"""Escalated cases (上报件/报批件/代理件): accepted here, reviewed within 20 working days (art. 43),
forwarded to a higher-level centre where a linked case continues; a proxy agent follows it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from onewindow.calendar.services import due_date
from onewindow.cases.models import Case, CaseClass, CaseMaterial
from onewindow.cases.services._base import clean_text, event_write, move_begin, move_finish
from onewindow.cases.services.numbering import case_number_allocate
from onewindow.cases.states import NEW, SYSTEM, TERMINAL, State
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now, today
from onewindow.network.models import Centre, Department, Role, Staff
from onewindow.network.selectors import centre_ancestors


def _target_centre(case: Case, to_centre_id: int | None) -> Centre:
    higher = centre_ancestors(centre=case.centre, include_self=False)
    if not higher:
        raise Invalid("invalid_escalation_target", "本中心没有上级中心", "This centre has no higher level")
    if to_centre_id is None:
        return higher[0]
    for centre in higher:
        if centre.pk == to_centre_id:
            return centre
    raise Invalid("invalid_escalation_target", "只能上报至上级中心",
                  "A case can only be escalated to a higher centre",
                  detail={"to_centre": to_centre_id})


def _agent(case: Case, proxy_agent_id: int | None) -> Staff | None:
    qs = Staff.objects.filter(centre_id=case.centre_id, roles__role=Role.PROXY_AGENT).order_by("pk")
    if proxy_agent_id is None:
        return case.proxy_agent or qs.first()
    agent = qs.filter(pk=proxy_agent_id).first()
    if agent is None:
        raise Invalid("invalid_proxy_agent", "代办员无效", "Not a proxy agent of this centre",
                      detail={"proxy_agent": proxy_agent_id})
    return agent


def _higher_department(case: Case, target: Centre) -> Department | None:
    if case.item.centre_id == target.pk:
        return case.item.department
    code = case.department.code if case.department else ""
    return Department.objects.filter(centre=target, code=code, active=True).first() if code else None


@transaction.atomic
def case_escalate(*, case: Case, by: Staff, reason: str, to_centre_id: int | None = None,
                  link_number: str = "", proxy_agent_id: int | None = None) -> Case:
    """Forward the case; returns the higher-level case (created in `received`, or linked)."""
    reason = clean_text(reason, field="reason", required=True)
    move = move_begin(case=case, by=by, action="escalate")
    lower = move.case
    target = _target_centre(lower, to_centre_id)
    agent = _agent(lower, proxy_agent_id)
    if link_number:
        higher = (Case.objects.select_for_update().filter(number=link_number.strip(), centre=target,
                                                          item=lower.item, parent__isnull=True)
                  .exclude(state__in=TERMINAL).first())
        if higher is None:
            raise Invalid("invalid_escalation_link", "上级中心没有可关联的办件",
                          "No open case of the same item at the higher centre",
                          detail={"link": link_number[:40]})
        higher.parent = lower
        higher.proxy_agent = higher.proxy_agent or agent
        higher.save(update_fields=["parent", "proxy_agent"])
    else:
        higher = _forward(lower=lower, target=target, agent=agent, reason=reason)
    lower.proxy_agent = agent
    lower.handled_on = today()
    move_finish(move, reason=reason, payload={"to_centre": target.pk, "case": higher.number,
                                              "proxy_agent": agent.pk if agent else None})
    return higher


def _forward(*, lower: Case, target: Centre, agent: Staff | None, reason: str) -> Case:
    moment = now()
    day = timezone.localdate(moment)
    version = lower.item_version
    case_class = version.case_class if version.case_class != CaseClass.ESCALATED else CaseClass.PROMISED
    higher = Case.objects.create(
        number=case_number_allocate(centre=target, day=day), centre=target,
        department=_higher_department(lower, target), item=lower.item, item_version=version,
        applicant=lower.applicant, channel=lower.channel, case_class=case_class, state=NEW,
        expedited=lower.expedited, parent=lower, proxy_agent=agent, situation_answers=lower.situation_answers,
        received_at=moment, received_on=day,
        notice_due_date=due_date(start=day, working_days=version.notice_days).due_date)
    CaseMaterial.objects.bulk_create([
        CaseMaterial(case=higher, material_id=m.material_id, required=m.required, status=m.status,
                     note=m.note)
        for m in lower.materials.all()])
    event_write(case=higher, action="receive", from_state=NEW, to_state=State.RECEIVED, by=None, role=SYSTEM,
                reason=reason, payload={"escalated_from": lower.number})
    higher.save()
    return higher
