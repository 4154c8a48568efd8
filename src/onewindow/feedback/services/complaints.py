"""Complaint services: a complaint, report (举报), "couldn't get it done" (办不成事) or suggestion,
from the portal, the counter or the hotline. It enters the shared loop, time-limited (default 10
working days to the answer)."""

from __future__ import annotations

import secrets

from django.db import transaction

from onewindow.cases.models import Case
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now, today
from onewindow.feedback.config import limit
from onewindow.feedback.models import Complaint, ComplaintKind, LoopStatus
from onewindow.feedback.models.loop import ComplaintSource
from onewindow.feedback.services.loop import loop_open, working_days_after
from onewindow.feedback.services.notify import managers_notify
from onewindow.network.models import Centre, Staff, Window

# Only a suggestion may come without a name and a phone: every other kind gets a return visit.
ANONYMOUS_KINDS = (ComplaintKind.SUGGESTION,)


def _reference() -> str:
    # TS + date + 8 random hex characters (2^32 a day): the complainant's handle to the status page.
    return f"TS{today():%Y%m%d}{secrets.token_hex(4).upper()}"


@transaction.atomic
def complaint_submit(*, kind: str, source: str, centre: Centre, subject: str, text: str,
                     case: Case | None = None, staff: Staff | None = None, window: Window | None = None,
                     anonymous: bool = False, name: str = "", phone: str = "", user=None,
                     entered_by: Staff | None = None) -> Complaint:
    if kind not in ComplaintKind.values:
        raise Invalid("unknown_complaint_kind", "类型无效", "Unknown kind")
    if source not in ComplaintSource.values:
        raise Invalid("unknown_complaint_source", "来源无效", "Unknown source")
    subject, text = (subject or "").strip()[:120], (text or "").strip()[:4000]
    if not subject or not text:
        raise Invalid("complaint_text_required", "请填写标题和具体内容",
                      "Please give a subject and the details")
    name, phone = (name or "").strip()[:60], (phone or "").strip()[:30]
    if anonymous and kind not in ANONYMOUS_KINDS:
        raise Invalid("anonymous_not_allowed", "投诉、举报和“办不成事”反映需留下姓名和联系电话以便回访",
                      "Only suggestions may be anonymous: we call back on the others")
    if not anonymous and not (name and phone):
        raise Invalid("contact_required", "请填写姓名和联系电话", "Please give your name and phone number")
    for linked in (case, staff, window):
        if linked is not None and linked.centre_id != centre.pk:
            raise Invalid("linked_other_centre", "关联的办件、人员或窗口不属于该中心",
                          "The linked case, staff member or window is not of this centre")
    department_id = (case.department_id if case else None) or (staff.department_id if staff else None) \
        or (window.department_id if window else None)
    received = now()
    answer_by = working_days_after(limit("ONEWINDOW_FEEDBACK_COMPLAINT_DAYS"))
    complaint = Complaint.objects.create(
        kind=kind, source=source, centre=centre, department_id=department_id, case=case, staff=staff,
        window=window, subject=subject, text=text, anonymous=anonymous, name="" if anonymous else name,
        phone="" if anonymous else phone, user=user if getattr(user, "is_authenticated", False) else None,
        entered_by=entered_by, reference=_reference(), status=LoopStatus.OPEN, received_at=received,
        due_date=answer_by,
        step_due=min(answer_by, working_days_after(limit("ONEWINDOW_FEEDBACK_VERIFY_DAYS"))),
        visit_required=not anonymous)
    loop_open(record=complaint)
    managers_notify(record=complaint)
    return complaint
