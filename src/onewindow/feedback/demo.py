"""Demo data of the feedback app, for `manage.py load_demo` (add `load_demo_feedback` to
demo.steps.STEPS after load_demo_queue). Idempotent: events by natural key, evaluations once per event
(the unique constraint), complaints by subject, loops only moved when still at their first step.

What it makes at the county centre: service events of the last 30 days (from the demo tickets and
cases), evaluations of two events in three (mostly good, some bad, through every channel), the bad
reviews' loops in several steps (one overdue, one closed), and four complaints (one of each kind).
"""

from __future__ import annotations

import datetime as dt

from onewindow.core.timeutil import now
from onewindow.demo import refs
from onewindow.feedback.models import Complaint, LoopStatus, Rectification, ServiceEvent
from onewindow.feedback.services import (
    complaint_submit,
    evaluation_submit,
    loop_assign,
    loop_close,
    loop_reply,
    loop_verify,
    loop_visit,
    service_events_collect,
)
from onewindow.network.models import Staff

# A deterministic spread: 非常满意 most, a few bad reviews (level by the event id).
LEVELS = (5, 5, 5, 4, 5, 4, 5, 3, 5, 4, 5, 5, 2, 5, 4, 5, 1, 5, 4, 5)
CHANNELS = ("window", "window", "window", "sms", "hotline")
COMPLAINTS = (
    ("complaint", "窗口工作人员午休时间离岗", "中午12点半到窗口无人办理，等待半小时。", "A01"),
    ("report", "有人在大厅内收费代办", "大厅门口有人以加急为由收取费用。", ""),
    ("cannot_do", "开办餐馆跑了三次仍未办成", "每次都被告知缺少不同的材料。", ""),
    ("suggestion", "建议增加自助复印设备", "", ""),
)


def load_demo_feedback() -> str:
    county = refs.centre("county")
    service_events_collect(since=now() - dt.timedelta(days=30))
    events = (ServiceEvent.objects.filter(centre=county, evaluation__isnull=True)
              .order_by("pk").select_related("case"))
    made = 0
    for event in events:
        if event.pk % 3 == 0:
            continue  # one in three stays unrated (the unrated rate is not zero)
        level = LEVELS[event.pk % len(LEVELS)]
        channel = CHANNELS[event.pk % len(CHANNELS)]
        real = level <= 2 and event.pk % 2 == 0
        evaluation_submit(level=level, channel=channel, event=event,
                          tags=["efficient"] if level >= 4 else (["slow"] if level <= 2 else []),
                          real_name=real, name="王女士" if real else "", phone="13800000000" if real else "",
                          entered_by=refs.staff("manager") if channel == "hotline" else None)
        made += 1
    manager = refs.staff("manager")
    loops = Rectification.objects.filter(centre=county)
    # Worked once: a second run leaves the loops where the first (or a person) put them.
    opened = [] if loops.exclude(status=LoopStatus.OPEN).exists() else list(
        loops.filter(status=LoopStatus.OPEN).order_by("pk"))
    for n, loop in enumerate(opened[:6]):
        # The department's own staff verify; a bad review of a comprehensive window goes to the manager.
        reviewer = (Staff.objects.filter(department_id=loop.department_id).order_by("pk").first()
                    if loop.department_id else None) or manager
        loop = loop_assign(record=loop, assignee=reviewer, by=manager)
        if n % 3 == 1:
            loop = loop_verify(record=loop, founded=True, finding="经核实，办理时间过长属实", by=reviewer,
                               rectify_days=5)
        elif n % 3 == 2:
            loop = loop_verify(record=loop, founded=False, finding="经调取录像，服务规范", by=reviewer)
            loop = loop_reply(record=loop, reply="经核实，工作人员按规定办理，感谢您的监督。", by=reviewer)
            loop = loop_visit(record=loop, note="电话回访，群众表示理解", satisfaction=4, by=manager)
            loop_close(record=loop, by=manager)
    complaints = 0
    for kind, subject, text, window_number in COMPLAINTS:
        if Complaint.objects.filter(centre=county, subject=subject).exists():
            continue
        anonymous = kind == "suggestion"
        complaint_submit(kind=kind, source="portal", centre=county, subject=subject, text=text or subject,
                         window=refs.window(window_number) if window_number else None, anonymous=anonymous,
                         name="" if anonymous else "李先生", phone="" if anonymous else "13900000000")
        complaints += 1
    return f"{made} evaluations, {len(opened[:6])} loops worked, {complaints} complaints"
