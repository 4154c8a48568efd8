"""manage.py feedback_collect: service events and overdue reminders, once each however often it runs."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command

from onewindow.feedback.services import evaluation_submit, loop_assign
from onewindow.notifications.models import Notification
from tests.feedback.conftest import at


def run() -> str:
    out = StringIO()
    call_command("feedback_collect", "--minutes", "120", stdout=out)
    return out.getvalue()


def test_collect_and_remind_once(frozen, case, event, manager, reviewer):
    loop = evaluation_submit(level=1, channel="window", event=event).rectification
    assert "1 new service events, 0 overdue" in run()  # the intake of `case`
    loop_assign(record=loop, assignee=reviewer, by=manager)  # verify due Tue 03-10
    frozen.move_to(at(dt.date(2026, 3, 11)))
    assert "0 new service events, 1 overdue reminders" in run()
    assert "0 overdue reminders" in run()
    note = Notification.objects.get(template="feedback.loop_overdue")
    assert note.recipient == reviewer.user and f"R{loop.pk}" in note.text
