from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings

from onewindow.supervision.services import SweepBusy, supervise, sweep_lock


def test_two_runs_do_not_overlap(db):
    with sweep_lock(), pytest.raises(SweepBusy):
        supervise()
    supervise()  # released afterwards


def test_command_reports_busy_and_counts(db, frozen, case_factory, capsys):
    case_factory(due=dt.date(2026, 9, 30))
    with sweep_lock():
        call_command("supervise")
    assert "busy" in capsys.readouterr().out
    call_command("supervise")
    out = capsys.readouterr().out
    assert "warnings raised: 1" in out
    call_command("supervise")
    assert "warnings raised: 0; notified: 0; anomalies: 0 new" in capsys.readouterr().out


def test_an_expired_lock_is_taken_over(db, settings):

    from onewindow.core.timeutil import now
    from onewindow.supervision.models import SweepLock

    SweepLock.objects.create(name="supervise", holder="dead", locked_until=now() - dt.timedelta(seconds=1))
    supervise()


def test_skip_pending_marks_without_sending(db, frozen, case_factory, reviewer, capsys):
    from onewindow.notifications.models import Notification
    from onewindow.supervision.models import Warning

    for _ in range(3):
        case_factory(due=dt.date(2026, 9, 30), reviewer=reviewer)
    with override_settings(ONEWINDOW_SUPERVISION_NOTIFY_BATCH=1):
        call_command("supervise", "--warnings", "--skip-pending")
    assert "marked notified without sending: 2" in capsys.readouterr().out
    assert Notification.objects.count() == 1
    assert not Warning.objects.filter(notified_at__isnull=True).exists()
