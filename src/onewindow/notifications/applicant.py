"""Tell the applicant of every move they must know of, from the case event trail.

The trail is the outbox: a dispatcher reads committed CaseEvents after its cursor and sends one SMS per
event that matters (acceptance, one-time notice, suspension, extension, decision, ready for pickup).
Reading only committed rows makes it "after commit"; the dedupe key `case-event:<id>` makes it "never
twice", even if two dispatchers overlap or the cursor is reset. Appointment reminders come through
`bridges.queue_send` (the queue's notice seam).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onewindow.notifications.models import Channel
from onewindow.notifications.services import notification_send
from onewindow.notifications.templates import register

register("case.accepted", _("[%(centre)s] Application %(number)s (%(item)s) was accepted; the decision is "
                            "due by %(due)s. Progress: %(url)s"))
register("case.notice", _("[%(centre)s] Application %(number)s (%(item)s) needs more materials. The "
                          "one-time notice lists all of them: %(missing)s"))
register("case.suspended", _("[%(centre)s] Application %(number)s is paused for %(kind)s; this time does "
                             "not count towards the time limit."))
register("case.extended", _("[%(centre)s] The time limit of application %(number)s was extended by "
                            "%(days)s working days (%(reason)s); new due date %(due)s."))
register("case.decided", _("[%(centre)s] Application %(number)s (%(item)s) has been decided: %(outcome)s."))
register("case.ready", _("[%(centre)s] The result of application %(number)s is ready: %(delivery)s."))

# action → template; an action not listed sends nothing (opinions, assignments, attachments …).
TEMPLATE_FOR_ACTION = {
    "accept": "case.accepted",
    "deemed_accept": "case.accepted",
    "supplement": "case.accepted",  # only when it reached accepted (checked below)
    "notice": "case.notice",
    "suspend": "case.suspended",
    "extend": "case.extended",
    "decide": "case.decided",
    "task_decide": "case.decided",  # only when the last task decided the case
    "issue": "case.ready",
}
NEEDS_STATE = {"supplement": "accepted", "task_decide": "decided"}


def _context(event) -> dict:
    from django.conf import settings

    case = event.case
    payload = event.payload or {}
    outcome = str(case.get_outcome_display()) if case.outcome else ""
    delivery = {"pickup": str(_("collect it at the issuing window")),
                "mail": str(_("it is on its way by mail")),
                "locker": str(_("collect it from the self-service locker"))}.get(
        case.delivery_method, str(_("collect it at the issuing window")))
    return {
        "centre": case.centre.name,
        "number": case.number,
        "item": case.item.name,
        "due": case.decision_due_date.isoformat() if case.decision_due_date else "",
        "url": settings.ONEWINDOW_PUBLIC_BASE_URL.rstrip("/") + f"/progress/{case.number}",
        "missing": "、".join(str(m) for m in (case.missing or [])) or "-",
        "kind": payload.get("kind", "") or "-",
        "days": payload.get("days", case.extension_days),
        "reason": event.reason or "-",
        "outcome": outcome,
        "delivery": delivery,
    }


def applicant_notify(*, event) -> bool:
    """Send the SMS for one event if the applicant must be told of it. Returns whether one applies."""
    template = TEMPLATE_FOR_ACTION.get(event.action)
    if template is None:
        return False
    if event.action in NEEDS_STATE and event.to_state != NEEDS_STATE[event.action]:
        return False
    phone = event.case.applicant.phone
    if not phone:
        return False
    notification_send(dedupe_key=f"case-event:{event.pk}", channel=Channel.SMS, template=template,
                      context=_context(event), address=phone)
    return True


def applicant_notifications_dispatch(*, batch: int = 2000) -> dict[str, int]:
    """Process committed events after the cursor. Safe to run every minute and concurrently."""
    from onewindow.cases.models import CaseEvent
    from onewindow.exchange.services.cursors import cursor_advance, cursor_lock, events_upper_bound

    sent = 0
    with transaction.atomic():
        cursor = cursor_lock(name="applicant_notifications")
        upper = events_upper_bound(after=cursor.position)
        if upper is None:
            return {"events": 0, "sent": 0}
        events = list(CaseEvent.objects.filter(pk__gt=cursor.position, pk__lte=upper,
                                               action__in=TEMPLATE_FOR_ACTION)
                      .select_related("case__centre", "case__item", "case__applicant").order_by("pk")[:batch])
        for event in events:
            sent += applicant_notify(event=event)
        # Past the events that need no message too, but never beyond a full batch.
        cursor_advance(cursor=cursor, position=events[-1].pk if len(events) == batch else upper)
    return {"events": len(events), "sent": sent}
