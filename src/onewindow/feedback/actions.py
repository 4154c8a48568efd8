"""One loop action with its inputs (the API body or the page form), shared by the API and the
staff pages: picks the service of the step and passes it what that step needs."""

from __future__ import annotations

from onewindow.core.errors import Invalid, NotFound
from onewindow.feedback import services as svc
from onewindow.feedback.models import LoopAction
from onewindow.feedback.schemas import LoopActionIn
from onewindow.network.models import Staff


def loop_act(*, staff: Staff, record, action: str, payload: LoopActionIn):
    """Shared by the API and the pages: one loop action with its own inputs."""
    if action == LoopAction.ASSIGN:
        if not payload.assignee:
            raise Invalid("assignee_required", "请选择承办人", "Choose the assignee")
        assignee = Staff.objects.filter(pk=payload.assignee, centre_id=record.centre_id).first()
        if assignee is None:
            raise Invalid("assignee_other_centre", "只能指派本中心工作人员",
                          "The assignee must work in the record's centre")
        return svc.loop_assign(record=record, assignee=assignee, by=staff, note=payload.text)
    if action == LoopAction.VERIFY:
        if payload.founded is None:
            raise Invalid("founded_required", "请选择核实结论", "Say whether the matter is founded")
        return svc.loop_verify(record=record, founded=payload.founded, finding=payload.text, by=staff,
                               rectify_days=payload.rectify_days)
    if action == LoopAction.RECTIFY:
        return svc.loop_rectify(record=record, rectification=payload.text, by=staff)
    if action == LoopAction.REPLY:
        return svc.loop_reply(record=record, reply=payload.text, by=staff)
    if action == LoopAction.VISIT:
        return svc.loop_visit(record=record, note=payload.text, by=staff, satisfaction=payload.satisfaction)
    if action == LoopAction.CLOSE:
        return svc.loop_close(record=record, by=staff, note=payload.text)
    if action == LoopAction.APPEAL:
        return svc.loop_appeal(record=record, reason=payload.text, by=staff)
    if action == LoopAction.RATE:
        return svc.loop_rate(record=record, satisfaction=payload.satisfaction or 0, by=staff,
                             note=payload.text)
    raise NotFound("unknown_action", "未知操作", "Unknown action", detail={"action": action[:20]})
