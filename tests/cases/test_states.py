"""The state table drives these tests: every (action, state) pair is either a transition of the table,
which must succeed with the table's target and write one event, or must be refused with
409 invalid_transition and write nothing. Every role outside an action's roles gets 403."""

from __future__ import annotations

import types

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from onewindow.cases import services as svc
from onewindow.cases.models import Case, CaseEvent
from onewindow.cases.states import (
    ACTIONS,
    ALL_STATES,
    CASE_ACTIONS,
    CITIZEN,
    SYSTEM,
    TRANSITIONS,
    roles_for_action,
    table_markdown,
    transition_for,
)
from onewindow.core.errors import Conflict, Forbidden
from tests.cases.drive import HANDOVER, drive_to, return_to_lower

JOINT_ONLY = {"task_assign", "task_decide", "meeting"}
PERSONA_OF_ROLE = {"clerk": "clerk", "reviewer": "reviewer", "chief_representative": "chief",
                   "issuer": "issuer", "proxy_agent": "agent", "centre_manager": "manager"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def call(action: str, case: Case, by, p):
    """Perform `action` with a valid body."""
    v = p.version
    m = svc.MaterialIn
    task = case.tasks.order_by("position").first()
    return {
        "submit": lambda: svc.case_submit(case=case, by=by),
        "receive": lambda: svc.case_receive(case=case, by=by),
        "notice": lambda: svc.case_notice(case=case, by=by, materials=[m(material=v.m_id.pk,
                                                                         provided="missing")]),
        "supplement": lambda: svc.case_supplement(case=case, by=by, materials=[m(material=v.m_id.pk,
                                                                                   provided="copy")]),
        "accept": lambda: svc.case_accept(case=case, by=by),
        "refuse": lambda: svc.case_refuse(case=case, by=by, reason="不符合条件"),
        "out_of_remit": lambda: svc.case_out_of_remit(case=case, by=by, competent_body="测试县自然资源局",
                                                      reason="不属本机关职权"),
        "withdraw": lambda: svc.case_withdraw(case=case, by=by, reason="申请人撤回"),
        "assign": lambda: svc.case_assign(case=case, by=by, reviewer_id=p.reviewer.pk),
        "review": lambda: svc.case_review(case=case, by=by, opinion="同意"),
        "suspend": lambda: svc.case_suspend(case=case, by=by, kind="hearing", reason="听证"),
        "resume": lambda: svc.case_resume(case=case, by=by, result="听证结束"),
        "extend": lambda: svc.case_extend(case=case, by=by, working_days=5, reason="情况复杂"),
        "decide": lambda: svc.case_decide(case=case, by=by, outcome="approve", opinion="同意"),
        "task_assign": lambda: svc.task_assign(case=case, by=by, task_id=task.pk if task else 1,
                                               reviewer_id=p.reviewer.pk),
        "task_decide": lambda: svc.task_decide(case=case, by=by, task_id=task.pk if task else 1,
                                               outcome="approve"),
        "meeting": lambda: svc.meeting_record(case=case, by=by, minutes="联审通过", attendees=["甲", "乙"]),
        "escalate": lambda: svc.case_escalate(case=case, by=by, reason="报上级审批"),
        "forward": lambda: svc.case_forward(case=case, by=by, reason="村级代办转报"),
        "return": lambda: svc.case_return(case=case, by=by, reason="踏勘不符"),
        "pay": lambda: svc.case_pay(case=case, by=by, method="cash"),
        "issue": lambda: svc.case_issue(case=case, by=by),
        "deliver": lambda: svc.case_deliver(case=case, by=by, method="pickup", detail=HANDOVER)
        if case.state == "escalated" and return_to_lower(case, p) else svc.case_deliver(case=case, by=by,
                                                                                          method="pickup"),
        "conclude": lambda: svc.case_conclude(case=case, by=by),
        "attach": lambda: svc.attachment_add(case=case, by=by, upload=SimpleUploadedFile("scan.pdf", PDF)),
    }[action]()


@pytest.fixture
def p(frozen, clerk, reviewer, chief, issuer, agent, manager, supervisor, version, joint_version, city,
      monkeypatch):
    # Pay needs something due; the fees app is exercised in its own tests and in test_issue.py.
    monkeypatch.setattr("onewindow.fees.services.payment_record",
                        lambda **kw: types.SimpleNamespace(amount="10.00", pk=1))
    return types.SimpleNamespace(clerk=clerk, reviewer=reviewer, chief=chief, issuer=issuer, agent=agent,
                                 manager=manager, supervisor=supervisor, version=version, joint=joint_version,
                                 city=city)


PAIRS = [(a, s) for a in ACTIONS if a not in {"draft", "deemed_accept"} for s in ALL_STATES]


def _allowed_persona(t, p):
    role = next(r for r in t.roles if r != SYSTEM)
    return getattr(p, PERSONA_OF_ROLE[role])


@pytest.mark.parametrize(("action", "state"), PAIRS, ids=[f"{a}-from-{s}" for a, s in PAIRS])
def test_table(action, state, p):
    t = transition_for(action, state)
    joint = action in JOINT_ONLY and t is not None
    case = drive_to(state, p, p.joint if joint else p.version)
    case.refresh_from_db()
    assert case.state == state
    events = CaseEvent.objects.filter(case=case).count()
    if t is None:
        # Any holder of a role of the action: the table refuses the move itself.
        role = sorted(r for r in roles_for_action(action) if r not in (SYSTEM, CITIZEN))[0]
        with pytest.raises(Conflict) as exc:
            call(action, case, getattr(p, PERSONA_OF_ROLE[role]), p)
        assert exc.value.code == "invalid_transition"
        assert exc.value.detail == {"from": state, "action": action}
        case.refresh_from_db()
        assert case.state == state
        assert CaseEvent.objects.filter(case=case).count() == events
        return
    if all(r == SYSTEM for r in t.roles):
        pytest.skip("system-only move, tested in test_sweep.py")
    call(action, case, _allowed_persona(t, p), p)
    case.refresh_from_db()
    assert case.state in {t.target or state, *t.alternatives}
    new = list(CaseEvent.objects.filter(case=case, seq__gt=events).order_by("seq"))
    assert new and new[0].action == action and new[0].from_state == state


ROLE_PAIRS = [(a, who) for a in CASE_ACTIONS for who in PERSONA_OF_ROLE.values()
              if not ({r for r, n in PERSONA_OF_ROLE.items() if n == who} & roles_for_action(a))]
ROLE_PAIRS += [(a, "supervisor") for a in CASE_ACTIONS]


@pytest.mark.parametrize(("action", "who"), ROLE_PAIRS, ids=[f"{a}-by-{w}" for a, w in ROLE_PAIRS])
def test_wrong_role_is_forbidden(action, who, p):
    case = drive_to("accepted", p, p.version)
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(Forbidden) as exc:
        call(action, case, getattr(p, who), p)
    assert exc.value.code == "role_not_allowed"
    assert CaseEvent.objects.filter(case=case).count() == events


def test_table_is_a_function_and_documented():
    keys = [(t.action, s) for t in TRANSITIONS for s in t.sources]
    assert len(keys) == len(set(keys))
    md = table_markdown()
    for t in TRANSITIONS:
        assert f"`{t.action}`" in md
