"""Workbench inbox messages of the loops: a new loop to the centre managers, an overdue step to its
assignee. Sent after commit, once (dedupe keys)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from onewindow.core.timeutil import today
from onewindow.feedback.models import Complaint, LoopStatus, Rectification
from onewindow.network.models import Role, Staff
from onewindow.notifications.models import Notification
from onewindow.notifications.services import notification_send
from onewindow.notifications.templates import register

register("feedback.loop_opened", _("New %(what)s to handle: %(ref)s, step due %(due)s."))


def managers_notify(*, record: Rectification | Complaint) -> None:
    kind = "complaint" if isinstance(record, Complaint) else "rectification"
    with translation.override("zh-hans"):  # the inbox text is Chinese whatever the request language
        what = str(_("complaint")) if kind == "complaint" else str(_("bad review"))
    ref = record.reference if isinstance(record, Complaint) else f"R{record.pk}"
    managers = (Staff.objects.filter(centre_id=record.centre_id, roles__role=Role.CENTRE_MANAGER)
                .select_related("user"))
    for staff in managers:
        notification_send(dedupe_key=f"feedback:{kind}:{record.pk}:opened:{staff.pk}", channel="inbox",
                          template="feedback.loop_opened",
                          context={"what": what, "ref": ref, "due": str(record.step_due or "")},
                          recipient=staff.user)


register("feedback.loop_overdue", _("Overdue: %(what)s %(ref)s, step due %(due)s."))


def overdue_remind(*, day: dt.date | None = None) -> int:
    """Remind the assignee (or, before assignment, the centre managers) of every loop whose current
    step is overdue: once per loop and deadline (dedupe key), so the job can run every few minutes."""
    day = day or today()
    before = Notification.objects.filter(template="feedback.loop_overdue").count()
    for model, kind in ((Rectification, "rectification"), (Complaint, "complaint")):
        late = (model.objects.exclude(status=LoopStatus.CLOSED).filter(step_due__lt=day)
                .select_related("assignee__user"))
        for record in late:
            with translation.override("zh-hans"):
                what = str(_("complaint")) if kind == "complaint" else str(_("bad review"))
            ref = record.reference if isinstance(record, Complaint) else f"R{record.pk}"
            people = [record.assignee] if record.assignee else list(
                Staff.objects.filter(centre_id=record.centre_id, roles__role=Role.CENTRE_MANAGER)
                .select_related("user"))
            for staff in people:
                notification_send(
                    dedupe_key=f"feedback:{kind}:{record.pk}:overdue:{record.step_due}:{staff.pk}",
                    channel="inbox", template="feedback.loop_overdue",
                    context={"what": what, "ref": ref, "due": str(record.step_due)}, recipient=staff.user)
    return Notification.objects.filter(template="feedback.loop_overdue").count() - before
