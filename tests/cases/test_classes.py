"""Each case class end to end (seed 000 §4, seed 004 §4(三)): immediate, promised, supplement, joint,
escalated, expedited, returned, refused, withdrawn, out of remit."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.cases import services as svc
from onewindow.cases.models import Case, DepartmentTask, JointMeeting
from onewindow.cases.selectors import cases_visible
from onewindow.catalogue.models import CaseClass
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.network.models import Authorisation
from tests.cases.conftest import TZ_MONDAY, intake
from tests.factories import AuthorisationFactory

M = svc.MaterialIn


def test_immediate_same_day_by_authorised_clerk(frozen, clerk, issuer, chief, department, immediate_version):
    case = intake(clerk, immediate_version).case
    assert (case.case_class, case.state) == ("immediate", "accepted")
    assert case.promised_due_date == case.accepted_on  # 0 working days: the same day
    with pytest.raises(Forbidden) as exc:
        svc.case_decide(case=case, by=clerk, outcome="approve")
    assert exc.value.code == "power_not_granted"
    AuthorisationFactory(staff=clerk, department=department, first_review=False)
    case = svc.case_decide(case=case, by=clerk, outcome="approve", opinion="当场办结")
    case = svc.case_issue(case=case, by=issuer)
    case = svc.case_deliver(case=case, by=issuer, method="pickup")
    assert case.state == "concluded"  # concluded on delivery (the version says so)
    assert case.concluded_at.date() == case.accepted_on == case.decided_on
    assert [e.action for e in case.events.order_by("seq")] == [
        "receive", "accept", "decide", "issue", "deliver", "conclude"]


def test_chief_needs_the_power_for_the_class(frozen, clerk, chief, immediate_version, version):
    Authorisation.objects.filter(staff=chief).update(direct_approval=False)
    case = intake(clerk, immediate_version).case
    with pytest.raises(Forbidden):
        svc.case_decide(case=case, by=chief, outcome="approve")
    promised = intake(clerk, version).case
    assert svc.case_decide(case=promised, by=chief, outcome="approve").state == "decided"


def test_promised_concluded_early(frozen, clerk, reviewer, chief, issuer, version):
    case = intake(clerk, version).case
    svc.case_assign(case=case, by=chief, reviewer_id=reviewer.pk)
    svc.case_review(case=case, by=reviewer, opinion="符合条件")
    case = svc.case_decide(case=case, by=chief, outcome="deny", opinion="不符合第三条")
    with pytest.raises(Conflict) as exc:
        svc.case_issue(case=case, by=issuer)
    assert exc.value.code == "nothing_to_issue"
    case = svc.case_conclude(case=case, by=issuer)
    assert case.state == "concluded" and case.outcome == "deny"
    steps = list(case.opinions.order_by("at", "id").values_list("step", flat=True))
    assert steps == ["accept", "review", "decide"]


def test_supplement_clock_starts_when_complete(frozen, clerk, version):
    case = intake(clerk, version, materials=[]).case
    assert case.state == "supplement_required" and case.case_class == "supplement"
    assert [m["material"] for m in case.missing] == [version.m_form.pk, version.m_id.pk]
    frozen.move_to(dt.datetime(2026, 3, 12, 9, 0, tzinfo=TZ_MONDAY))
    case = svc.case_supplement(case=case, by=clerk, materials=[M(material=version.m_form.pk,
                                                                 provided="original")])
    assert case.state == "supplement_required"
    with pytest.raises(Invalid) as exc:  # nothing beyond the one-time notice may be demanded
        svc.case_supplement(case=case, by=clerk, materials=[M(material=version.m_licence.pk,
                                                              provided="missing")])
    assert exc.value.code == "new_demand_forbidden"
    with pytest.raises(Conflict):
        svc.case_notice(case=case, by=clerk)
    case = svc.case_supplement(case=case, by=clerk, materials=[M(material=version.m_id.pk, provided="copy")])
    # Accepted Thu 12 March: promised 10 → 13, 16–20, 23–26 → 2026-03-26.
    assert case.state == "accepted" and case.accepted_on == dt.date(2026, 3, 12)
    assert case.promised_due_date == dt.date(2026, 3, 26)


def test_joint_parallel_tasks_conclude_the_parent(frozen, clerk, chief, other_chief, reviewer, issuer,
                                                  manager,
                                                  joint_version, other_department):
    case = intake(clerk, joint_version).case
    assert (case.case_class, case.state) == ("joint", "accepted")
    # Art. 42: 45 working days for joint handling; the parent's promised 10 → 2026-03-23.
    assert case.statutory_days == 45 and case.promised_due_date == dt.date(2026, 3, 23)
    a, b = case.tasks.order_by("position")
    assert (a.is_lead, a.limit_days, a.due_date) == (True, 3, dt.date(2026, 3, 12))
    assert (b.is_lead, b.limit_days, b.due_date, b.department) == (False, 5, dt.date(2026, 3, 16),
                                                                   other_department)
    assert case.events.filter(action="accept").exists()
    # The other department's chief sees the case through its task, and decides only its own task.
    assert cases_visible(staff=other_chief).filter(pk=case.pk).exists()
    with pytest.raises(Forbidden):
        svc.task_decide(case=case, by=other_chief, task_id=a.pk, outcome="approve")
    with pytest.raises(Conflict) as exc:
        svc.case_decide(case=case, by=chief, outcome="approve")
    assert exc.value.code == "joint_decided_by_tasks"
    svc.task_assign(case=case, by=chief, task_id=a.pk, reviewer_id=reviewer.pk)
    svc.meeting_record(case=case, by=manager, minutes="两部门联审，意见一致", attendees=["chief", "chief2"])
    svc.task_decide(case=case, by=chief, task_id=a.pk, outcome="approve", opinion="同意设立")
    case.refresh_from_db()
    assert case.state == "in_review"
    with pytest.raises(Conflict):
        svc.task_decide(case=case, by=chief, task_id=a.pk, outcome="approve")
    svc.task_decide(case=case, by=other_chief, task_id=b.pk, outcome="approve", opinion="同意备案")
    case.refresh_from_db()
    assert case.state == "decided" and case.outcome == "approve"
    assert set(DepartmentTask.objects.filter(case=case).values_list("state", flat=True)) == {"done"}
    assert JointMeeting.objects.filter(case=case).count() == 1
    case = svc.case_issue(case=case, by=issuer)
    case = svc.case_deliver(case=case, by=issuer, method="locker", detail="柜号 A-12")
    assert case.state == "concluded"


def test_joint_extension_up_to_15(frozen, clerk, manager, joint_version):
    case = intake(clerk, joint_version).case
    with pytest.raises(Invalid):
        svc.case_extend(case=case, by=manager, working_days=16, reason="联办延期")
    case = svc.case_extend(case=case, by=manager, working_days=15, reason="联办延期")
    assert case.extension_days == 15


def test_escalated_to_the_city_and_followed_by_the_proxy_agent(frozen, clerk, chief, agent, city, version):
    version.case_class = CaseClass.ESCALATED
    version.save()
    lower = intake(clerk, version).case
    # Art. 43: the lower review takes at most 20 working days: 9 March + 20 → 2026-04-07.
    assert lower.case_class == "escalated" and lower.statutory_due_date == dt.date(2026, 4, 7)
    svc.case_review(case=lower, by=chief, opinion="初审同意，报市级审批")
    with pytest.raises(Invalid):
        svc.case_escalate(case=lower, by=chief, reason="x", to_centre_id=lower.centre_id)
    higher = svc.case_escalate(case=lower, by=chief, reason="超出县级权限")
    lower.refresh_from_db()
    assert lower.state == "escalated" and lower.proxy_agent == agent
    assert (higher.centre, higher.state, higher.parent, higher.department) == (city, "received", lower,
                                                                               city.dept)
    assert higher.number.startswith("990100")
    assert cases_visible(staff=agent).filter(pk=higher.pk).exists()
    higher = svc.case_accept(case=higher, by=city.clerk)
    assert higher.statutory_days == 20 and higher.case_class == "promised"
    higher = svc.case_decide(case=higher, by=city.chief, outcome="approve", opinion="准予")
    higher = svc.case_issue(case=higher, by=city.issuer)
    svc.case_deliver(case=higher, by=city.issuer, method="mail", detail="EMS998877")
    svc.case_conclude(case=higher, by=city.issuer)
    lower.refresh_from_db()
    assert lower.state == "concluded" and lower.outcome == "approve"
    assert lower.events.order_by("-seq").first().payload["via"] == higher.number


def test_item_of_a_higher_centre_is_escalated(frozen, clerk, city):
    from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory

    item = ServiceItemFactory(department=city.dept, centre=city,
                              implementation_code="11990100MB0000001X400011100077")
    v = ItemVersionFactory(item=item)
    MaterialFactory(version=v)
    case = svc.case_intake(by=clerk, item_code=item.implementation_code, applicant=__import__(
        "tests.cases.conftest", fromlist=["applicant"]).applicant(), materials=[
        M(material=m.pk, provided="original") for m in v.materials.all()])
    assert case.case.case_class == "escalated"


def test_expedited_green_channel(frozen, clerk, version):
    case = intake(clerk, version, expedited=True).case
    assert case.expedited and case.case_class == "expedited"
    normal = intake(clerk, version).case
    assert list(Case.objects.order_by("-expedited", "-pk").values_list("pk", flat=True)) == [case.pk,
                                                                                             normal.pk]


def test_returned_after_acceptance(frozen, clerk, reviewer, chief, version):
    case = intake(clerk, version).case
    svc.case_suspend(case=case, by=reviewer, kind="field_survey", reason="现场踏勘")
    with pytest.raises(Invalid):
        svc.case_return(case=case, by=chief, reason=" ")
    case = svc.case_return(case=case, by=chief, reason="现场踏勘不具备条件")
    assert (case.state, case.case_class, case.outcome) == ("returned", "returned", "returned")
    assert case.suspensions.get().ended_on is not None
    assert case.events.order_by("-seq").first().reason == "现场踏勘不具备条件"


def test_refused_withdrawn_out_of_remit(frozen, clerk, version):
    refused = intake(clerk, version, accept=False).case
    with pytest.raises(Invalid):
        svc.case_refuse(case=refused, by=clerk, reason="")
    refused = svc.case_refuse(case=refused, by=clerk, reason="申请内容明显不符合规定")
    assert (refused.state, refused.case_class, refused.outcome) == ("refused", "returned", "refused")

    withdrawn = intake(clerk, version).case
    withdrawn = svc.case_withdraw(case=withdrawn, by=clerk, reason="申请人主动撤回")
    assert (withdrawn.state, withdrawn.outcome) == ("withdrawn", "withdrawn")

    remit = intake(clerk, version, accept=False).case
    with pytest.raises(Invalid):
        svc.case_out_of_remit(case=remit, by=clerk, competent_body="", reason="不属本机关")
    remit = svc.case_out_of_remit(case=remit, by=clerk, competent_body="测试县自然资源局",
                                  reason="不属本机关职权")
    assert (remit.state, remit.outcome, remit.competent_body) == ("refused", "out_of_remit",
                                                                  "测试县自然资源局")
    assert remit.events.order_by("-seq").first().payload == {"competent_body": "测试县自然资源局"}


def test_materials_missing_cannot_be_accepted(frozen, clerk, version):
    case = intake(clerk, version, accept=False).case
    assert case.state == "received"
    with pytest.raises(Conflict) as exc:
        svc.case_accept(case=case, by=clerk, materials=[M(material=version.m_id.pk, provided="missing")])
    assert exc.value.code == "materials_missing"
    case.refresh_from_db()
    assert case.state == "received"
    assert case.materials.get(material=version.m_id).status == "original"  # rolled back
