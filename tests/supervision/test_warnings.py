"""Warnings: raised once per colour change, never duplicated across sweeps, raised again after the
clock moved, and sent to the reviewer, the chief representative and the centre manager."""

from __future__ import annotations

import datetime as dt

from onewindow.notifications.models import Notification
from onewindow.supervision.models import Warning
from onewindow.supervision.services import supervise, warnings_notify, warnings_raise

D = dt.date


def test_sweep_raises_each_warning_once(
    db, frozen, case_factory, reviewer, chief, manager, clerk, django_capture_on_commit_callbacks
):
    yellow = case_factory(due=D(2026, 10, 8), reviewer=reviewer)
    red = case_factory(due=D(2026, 9, 25), reviewer=reviewer)
    case_factory(due=D(2026, 10, 20), reviewer=reviewer)  # green
    case_factory(state="concluded", due=D(2026, 9, 1))  # closed: never warned
    with django_capture_on_commit_callbacks(execute=True):
        first = supervise(rules=False)
    assert first.warnings == 2 and first.notified == 2
    assert set(Warning.objects.values_list("case_id", "colour")) == {(yellow.pk, "yellow"), (red.pk, "red")}
    # The reviewer, the department's chief representative and the centre manager; not the clerk.
    recipients = set(
        Notification.objects.filter(channel="inbox").values_list("recipient__username", flat=True)
    )
    assert recipients == {"reviewer", "chief", "manager"}
    assert Notification.objects.count() == 6
    red_text = Notification.objects.filter(template="supervision_warning_red").first().text
    assert red.number in red_text and "2026-09-25" in red_text

    with django_capture_on_commit_callbacks(execute=True):
        second = supervise(rules=False)
    assert (second.warnings, second.notified) == (0, 0)
    assert Warning.objects.count() == 2
    assert Notification.objects.count() == 6


def test_yellow_then_red_is_a_second_change(db, frozen, case_factory, reviewer):
    case = case_factory(due=D(2026, 9, 30), reviewer=reviewer)
    assert warnings_raise() == 1
    frozen.move_to(dt.datetime(2026, 10, 8, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert warnings_raise() == 1
    assert warnings_raise() == 0
    assert list(Warning.objects.filter(case=case).order_by("pk").values_list("colour", flat=True)) == [
        "yellow",
        "red",
    ]


def test_extension_is_a_new_clock_generation(db, frozen, case_factory, reviewer):
    case = case_factory(due=D(2026, 10, 8), reviewer=reviewer)
    assert warnings_raise() == 1
    # Extended by 10 working days: green again, nothing raised.
    case.extension_days, case.decision_due_date = 10, D(2026, 10, 22)
    case.save()
    assert warnings_raise() == 0
    # When the extended clock turns yellow again, it warns again (new due date, new generation).
    frozen.move_to(dt.datetime(2026, 10, 19, 10, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert warnings_raise() == 1
    assert list(Warning.objects.filter(case=case).values_list("due_date", flat=True).order_by("pk")) == [
        D(2026, 10, 8),
        D(2026, 10, 22),
    ]


def test_suspended_cases_raise_nothing(db, frozen, case_factory):
    case_factory(state="suspended", due=D(2026, 9, 1))
    assert warnings_raise() == 0


def test_notification_batch_is_bounded(db, frozen, case_factory, reviewer):
    for _ in range(5):
        case_factory(due=D(2026, 9, 30), reviewer=reviewer)
    assert warnings_raise() == 5
    assert warnings_notify(batch=3) == 3
    assert warnings_notify(batch=3) == 2
    assert warnings_notify(batch=3) == 0
    assert Notification.objects.filter(recipient=reviewer.user).count() == 5


def test_inactive_recipients_are_skipped(db, frozen, case_factory, reviewer, manager):
    manager.user.is_active = False
    manager.user.save()
    case_factory(due=D(2026, 9, 30), reviewer=reviewer)
    warnings_raise()
    warnings_notify()
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"reviewer"}


def test_joint_task_assignees_are_told(db, frozen, case_factory, version, reviewer, second_reviewer):
    from onewindow.cases.models import DepartmentTask

    case = case_factory(due=D(2026, 9, 30), reviewer=reviewer, case_class="joint")
    DepartmentTask.objects.create(
        case=case, department=case.department, item=version.item, limit_days=5, assignee=second_reviewer
    )
    warnings_raise()
    warnings_notify()
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "reviewer",
        "reviewer2",
    }
