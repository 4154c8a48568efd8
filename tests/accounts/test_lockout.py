"""accounts.lockout: N failures within the window lock the username for the lock time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from onewindow.accounts.lockout import (
    login_failure_record,
    login_is_locked,
    login_success_record,
    login_unlock,
)
from tests.accounts.citizens import MONDAY


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def fail(n, username="13800001111"):
    for _ in range(n):
        login_failure_record(username=username, ip="10.0.0.1")


def test_four_failures_do_not_lock_the_fifth_does(clock):
    fail(4)
    assert not login_is_locked(username="13800001111")
    fail(1)
    assert login_is_locked(username="13800001111")
    assert not login_is_locked(username="13900002222")  # only that username


def test_lock_lasts_the_lock_minutes_then_lifts(clock):
    fail(5)
    clock.shift(dt.timedelta(minutes=14, seconds=59))
    assert login_is_locked(username="13800001111")
    clock.shift(dt.timedelta(seconds=2))
    assert not login_is_locked(username="13800001111")


def test_failures_older_than_the_window_do_not_count(clock):
    fail(4)
    clock.shift(dt.timedelta(minutes=16))
    fail(1)
    assert not login_is_locked(username="13800001111")


def test_success_resets_the_count_but_does_not_lift_a_lock(clock):
    fail(4)
    login_success_record(username="13800001111")
    fail(4)
    assert not login_is_locked(username="13800001111")
    fail(1)
    login_success_record(username="13800001111")
    assert login_is_locked(username="13800001111")
    login_unlock(username="13800001111")
    assert not login_is_locked(username="13800001111")


def test_spelling_variants_share_one_counter(clock):
    fail(3, "Clerk")
    fail(2, " clerk ")
    assert login_is_locked(username="CLERK")


@override_settings(ONEWINDOW_LOGIN_MAX_FAILURES=2, ONEWINDOW_LOGIN_LOCK_MINUTES=1)
def test_settings_change_the_limits(clock):
    fail(2)
    assert login_is_locked(username="13800001111")
    clock.shift(dt.timedelta(seconds=61))
    assert not login_is_locked(username="13800001111")


def test_a_clock_moved_back_does_not_keep_a_stale_lock(clock):
    fail(5)
    clock.move_to(MONDAY - dt.timedelta(days=30))
    assert not login_is_locked(username="13800001111")
