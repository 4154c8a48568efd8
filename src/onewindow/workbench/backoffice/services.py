"""Writes of the back office that are not case transitions.

A reviewer may not extend a limit (art. 42: the head of the body approves; the state table gives
`extend` to the chief representative and the centre manager), so the reviewer asks: the department's
chief representatives get the request in their workbench inbox, and the chief extends on the case page.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from onewindow.cases.clock import max_extension_for
from onewindow.cases.models import Case
from onewindow.cases.services._base import case_not_found, clean_text, in_scope
from onewindow.cases.states import REVIEWER, WORKING
from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.core.timeutil import today
from onewindow.network.models import Role, Staff
from onewindow.network.selectors import active_authorisations
from onewindow.notifications.models import Channel
from onewindow.notifications.services import notification_send


def extension_chiefs(*, case: Case) -> list[Staff]:
    """Chief representatives with an authorisation in force for the case's department."""
    if case.department_id is None:
        return []
    chiefs = (Staff.objects.filter(centre_id=case.centre_id, roles__role=Role.CHIEF_REPRESENTATIVE,
                                   user__is_active=True).select_related("user").distinct())
    return [c for c in chiefs
            if active_authorisations(staff=c).filter(department_id=case.department_id).exists()]


@transaction.atomic
def extension_request(*, case: Case, by: Staff, working_days: int, reason: str) -> list[Staff]:
    """Ask the department's chief representatives for an extension; returns who was asked.
    Idempotent per (case, reviewer, day): asking twice the same day sends nothing new."""
    reason = clean_text(reason, field="reason", required=True)
    if not by.has_role(REVIEWER):
        raise Forbidden("role_not_allowed", "当前角色无权执行此操作", "Your role may not do this",
                        detail={"action": "extension_request", "required_any_of": [REVIEWER]})
    locked = Case.objects.select_for_update().filter(pk=case.pk).first()
    if locked is None or not in_scope(staff=by, case=locked, role=REVIEWER):
        raise case_not_found(case.number)
    if locked.state not in WORKING:
        raise Conflict("invalid_transition", "当前状态不允许此操作",
                       "This action is not allowed in the current state",
                       detail={"from": locked.state, "action": "extend"})
    if locked.extension_days:
        raise Conflict("extension_already_granted", "办理期限只能延长一次",
                       "The limit can be extended only once",
                       detail={"extension_days": locked.extension_days})
    limit = max_extension_for(case=locked)
    if not 1 <= working_days <= limit:
        raise Invalid("extension_too_long", f"延长期限须为 1 至 {limit} 个工作日",
                      f"The extension must be 1 to {limit} working days",
                      detail={"working_days": working_days, "max": limit})
    chiefs = extension_chiefs(case=locked)
    if not chiefs:
        raise Conflict("no_chief_representative", "本部门没有持有效授权书的首席代表",
                       "No chief representative with an authorisation in force for this department")
    with translation.override("zh-hans"):
        text = _("%(reviewer)s asks to extend case %(number)s by %(days)s working days: %(reason)s") % {
            "reviewer": by.name, "number": locked.number, "days": working_days, "reason": reason}
    day = today().isoformat()
    for chief in chiefs:
        notification_send(dedupe_key=f"workbench:extension-request:{locked.pk}:{by.pk}:{day}:{chief.pk}",
                          channel=Channel.INBOX, template="workbench_extension_request", recipient=chief.user,
                          text=text, context={"case": locked.number, "working_days": working_days})
    return chiefs
