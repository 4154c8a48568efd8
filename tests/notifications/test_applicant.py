"""The applicant is told of acceptance, notices, pauses, extensions, decisions and results — once."""

from __future__ import annotations

import datetime as dt

import time_machine

from onewindow.cases import services as svc
from onewindow.notifications.applicant import applicant_notifications_dispatch
from onewindow.notifications.bridges import queue_send
from onewindow.notifications.models import Notification
from tests.cases.conftest import MONDAY, complete, frozen, intake, version  # noqa: F401


def _dispatch(minutes=1):
    with time_machine.travel(MONDAY + dt.timedelta(minutes=minutes), tick=False):
        return applicant_notifications_dispatch()


def test_each_event_that_matters_sends_one_sms(frozen, clerk, reviewer, chief, version):  # noqa: F811
    case = intake(clerk, version, materials=complete(version, skip=(version.m_id,))).case
    svc.case_supplement(case=case, by=clerk, materials=complete(version))
    svc.case_review(case=case, by=reviewer, opinion="通过")  # an opinion: no message
    svc.case_suspend(case=case, by=reviewer, kind="field_survey", reason="现场踏勘")
    svc.case_resume(case=case, by=reviewer)
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    result = _dispatch()
    templates = list(Notification.objects.order_by("pk").values_list("template", flat=True))
    assert templates == ["case.notice", "case.accepted", "case.suspended", "case.decided"]
    assert result["sent"] == 4
    assert all(n.address == "13800001234" for n in Notification.objects.all())
    accepted = Notification.objects.get(template="case.accepted")
    assert case.number in accepted.text and "/progress/" in accepted.text
    # Running again (or with the cursor reset) sends nothing twice.
    assert _dispatch(2)["sent"] == 0
    from onewindow.exchange.models import Cursor

    Cursor.objects.filter(name="applicant_notifications").update(position=0)
    _dispatch(3)
    assert Notification.objects.count() == 4


def test_events_younger_than_the_lag_wait(frozen, clerk, version):  # noqa: F811
    intake(clerk, version)
    assert applicant_notifications_dispatch() == {"events": 0, "sent": 0}
    assert _dispatch()["sent"] == 1


def test_no_phone_no_message(frozen, clerk, version):  # noqa: F811
    from tests.cases.conftest import applicant

    intake(clerk, version, applicant=applicant(phone=""))
    assert _dispatch()["sent"] == 0


def test_queue_bridge_dedupes_per_appointment_kind_and_time(db):
    class Appt:
        pk = 7
        day = dt.date(2026, 3, 10)
        start = dt.time(9, 0)

    queue_send(phone="13800001234", text="预约成功", kind="booked", appointment=Appt())
    queue_send(phone="13800001234", text="预约成功", kind="booked", appointment=Appt())
    queue_send(phone="", text="x", kind="reminder", appointment=Appt())
    assert Notification.objects.count() == 1
