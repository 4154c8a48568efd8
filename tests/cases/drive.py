"""Drive a case into any state of the table through the services (used by the table-driven tests)."""

from __future__ import annotations

from onewindow.cases import services as svc
from onewindow.cases.states import State
from tests.cases.conftest import complete, intake


def drive_to(state: str, p, version):
    """p: personas namespace (clerk, reviewer, chief, issuer, agent, manager, city)."""
    S = State
    if state == S.DRAFT:
        return intake(p.clerk, version, draft=True).case
    if state == S.SUBMITTED:
        return intake(p.clerk, version, channel="online").case
    if state == S.RECEIVED:
        return intake(p.clerk, version, accept=False).case
    if state == S.SUPPLEMENT_REQUIRED:
        return intake(p.clerk, version, materials=complete(version, skip=(version.m_id,))).case
    if state == S.REFUSED:
        return svc.case_refuse(case=drive_to(S.RECEIVED, p, version), by=p.clerk, reason="主件缺失")
    if state == S.WITHDRAWN:
        return svc.case_withdraw(case=drive_to(S.RECEIVED, p, version), by=p.clerk, reason="申请人撤回")
    case = intake(p.clerk, version).case
    assert case.state == S.ACCEPTED
    if state == S.ACCEPTED:
        return case
    if state == S.IN_REVIEW:
        return svc.case_review(case=case, by=p.reviewer, opinion="材料审查通过")
    if state == S.SUSPENDED:
        return svc.case_suspend(case=case, by=p.reviewer, kind="field_survey", reason="现场踏勘")
    if state == S.RETURNED:
        return svc.case_return(case=case, by=p.chief, reason="踏勘不符合条件")
    if state == S.ESCALATED:
        svc.case_escalate(case=case, by=p.chief, reason="超出本级权限")
        case.refresh_from_db()
        return case
    case = svc.case_decide(case=case, by=p.chief, outcome="approve", opinion="同意")
    if state == S.DECIDED:
        return case
    case = svc.case_issue(case=case, by=p.issuer)
    if state == S.ISSUED:
        return case
    case = svc.case_deliver(case=case, by=p.issuer, method="pickup")
    if state == S.DELIVERED:
        return case
    case = svc.case_conclude(case=case, by=p.issuer)
    assert state == S.CONCLUDED
    return case


# The identity check of a handover in person (licence library "pickup" detail).
HANDOVER = {"recipient_name": "张三", "id_type": "resident_id", "id_number": "11010519491231002X"}


def return_to_lower(case, p) -> bool:
    """Take the higher case of an escalated/forwarded `case` to its decision and send the result back
    (deliver method "village"), so that the lower centre can hand it over. Returns True."""
    higher = case.children.order_by("-pk").first()
    clerk, chief, issuer = p.city.clerk, p.city.chief, p.city.issuer
    if higher.state == State.RECEIVED:
        higher = svc.case_accept(case=higher, by=clerk)
    higher = svc.case_decide(case=higher, by=chief, outcome="approve", opinion="同意")
    higher = svc.case_issue(case=higher, by=issuer)
    svc.case_deliver(case=higher, by=issuer, method="village")
    return True
