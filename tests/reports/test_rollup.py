"""rollup_update: set-based, idempotent, watermark-driven; facts equal a recount from raw events."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from onewindow.reports.models import DailyCaseFact, RollupState
from onewindow.reports.rollup import figures_query, raw_recount, rollup_rebuild, rollup_update
from tests.reports.conftest import at

D = dt.date


def test_counts_each_measure_on_its_local_day(trail, item, clerk):
    c = trail.make(item, accepted_on=D(2025, 3, 3), due=D(2025, 3, 10), promised=D(2025, 3, 7))
    trail.ev(c, "receive", at(2025, 3, 3), actor=clerk.user)
    trail.ev(c, "accept", at(2025, 3, 3), actor=clerk.user, to_state="accepted")
    trail.ev(c, "review", at(2025, 3, 4))  # not counted
    trail.ev(c, "decide", at(2025, 3, 5), to_state="decided")
    # 23:30 UTC on the 5th is the 6th in Shanghai
    trail.ev(c, "conclude", dt.datetime(2025, 3, 5, 23, 30, tzinfo=dt.UTC), to_state="concluded")
    result = rollup_update(lag=0)
    assert result.events == 5
    found = figures_query(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31),
                          group=("day", "actor_id"), live=False)
    rows = {(r["day"], r["actor_id"]): r for r in found}
    assert rows[(D(2025, 3, 3), clerk.user_id)]["received"] == 1
    assert rows[(D(2025, 3, 3), clerk.user_id)]["accepted"] == 1
    decided = rows[(D(2025, 3, 5), 0)]
    # 2025-03-03 Mon → 03-05 Wed: 2 working days; before the promised 03-07: early and on time
    assert (decided["decided"], decided["on_time"], decided["early"], decided["wd_used"]) == (1, 1, 1, 2)
    assert rows[(D(2025, 3, 6), 0)]["concluded"] == 1


def test_late_decision_is_neither_on_time_nor_early(trail, item):
    c = trail.make(item, accepted_on=D(2025, 3, 3), due=D(2025, 3, 10), promised=D(2025, 3, 10))
    trail.ev(c, "decide", at(2025, 3, 11), to_state="decided")
    trail.ev(trail.make(item, due=D(2025, 3, 11), promised=D(2025, 3, 11)), "decide", at(2025, 3, 11),
             to_state="decided")  # on the due day: on time, not early
    rollup_update(lag=0)
    [row] = figures_query(centres=[item.centre_id], start=D(2025, 3, 11), end=D(2025, 3, 11), live=False)
    assert (row["decided"], row["on_time"], row["early"]) == (2, 1, 0)


def test_update_is_idempotent_and_incremental(trail, item):
    c = trail.make(item)
    trail.ev(c, "receive", at(2025, 3, 3))
    rollup_update(lag=0)
    assert rollup_update(lag=0).events == 0  # nothing new: nothing added twice
    trail.ev(c, "notice", at(2025, 3, 3), to_state="supplement_required")
    trail.ev(c, "supplement", at(2025, 3, 4), to_state="accepted")
    trail.ev(trail.make(item), "supplement", at(2025, 3, 4), to_state="supplement_required")  # incomplete
    assert rollup_update(lag=0, batch=1).events == 3
    [row] = figures_query(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31), live=False)
    assert (row["received"], row["notices"], row["accepted"]) == (1, 1, 1)
    assert RollupState.objects.get().watermark == c.events.order_by("-id").first().pk + 1


def test_live_tail_counts_events_not_yet_rolled_up(trail, item):
    c = trail.make(item)
    trail.ev(c, "receive", at(2025, 3, 3))
    rollup_update(lag=0)
    trail.ev(trail.make(item), "receive", at(2025, 3, 3))
    [live] = figures_query(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31))
    [rolled] = figures_query(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31), live=False)
    assert (live["received"], rolled["received"]) == (2, 1)
    rollup_update(lag=0)
    [after] = figures_query(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31))
    assert after["received"] == 2  # not counted twice once rolled up


def test_lag_leaves_recent_events_to_the_tail(trail, item):
    trail.ev(trail.make(item), "receive", at(2025, 3, 3))
    from onewindow.core.timeutil import now
    trail.ev(trail.make(item), "receive", now())
    assert rollup_update(lag=3600).events == 1


def test_rebuild_equals_recount(trail, item, item2):
    for n in range(6):
        c = trail.make(item if n % 2 else item2, accepted_on=D(2025, 3, 3), due=D(2025, 3, 12))
        trail.ev(c, "receive", at(2025, 3, 3 + n))
        trail.ev(c, "decide", at(2025, 3, 8 + n), to_state="decided")
    rollup_update(lag=0)
    DailyCaseFact.objects.update(received=99)  # corrupt
    rollup_rebuild(lag=0)
    kw = dict(centres=[item.centre_id], start=D(2025, 3, 1), end=D(2025, 3, 31), group=("department_id",))
    assert figures_query(live=False, **kw) == raw_recount(**kw)
    assert sum(r["received"] for r in raw_recount(**kw)) == 6


@pytest.mark.postgres
def test_overlapping_runs_do_not_count_twice(trail, item, transactional_db):
    """A second run while one holds the lock fails fast (PostgreSQL row lock, NOWAIT)."""
    from onewindow.core.errors import Conflict
    from onewindow.reports.rollup import _lock_state
    from tests.concurrency import require_postgres

    require_postgres()

    rollup_update(lag=0)  # the state row exists (and is committed) from the first run on
    trail.ev(trail.make(item), "receive", at(2025, 3, 3))
    from django.db import transaction

    with transaction.atomic():
        _lock_state()
        import threading

        errors = []

        def other():
            try:
                rollup_update(lag=0)
            except Conflict as exc:
                errors.append(exc.code)
            finally:
                connection.close()

        t = threading.Thread(target=other)
        t.start()
        t.join(timeout=30)
    assert errors == ["rollup_running"]
    assert rollup_update(lag=0).events == 1  # after the lock is released the event is counted once


def test_monthly_facts_answer_a_whole_month(trail, item):
    """A whole statistical month is read from the monthly table; it equals the raw recount, and the
    25th goes to the next month."""
    from onewindow.reports.models import MonthlyCaseFact

    for day in (D(2025, 2, 25), D(2025, 3, 24), D(2025, 3, 25)):
        c = trail.make(item, accepted_on=day, due=day + dt.timedelta(days=10))
        trail.ev(c, "receive", at(day.year, day.month, day.day))
        trail.ev(c, "decide", at(day.year, day.month, day.day, 16), to_state="decided")
    rollup_update(lag=0)
    months = dict(MonthlyCaseFact.objects.values_list("month", "received"))
    assert months == {D(2025, 3, 1): 2, D(2025, 4, 1): 1}
    kw = dict(centres=[item.centre_id], start=D(2025, 2, 25), end=D(2025, 3, 24), group=("item_id",))
    assert figures_query(live=False, **kw) == raw_recount(**kw)
    assert figures_query(**kw)[0]["received"] == 2
    trail.ev(trail.make(item), "receive", at(2025, 3, 1))  # the live tail joins the monthly part
    assert figures_query(**kw)[0]["received"] == 3


def test_commands(trail, item):
    from io import StringIO

    from django.core.management import call_command

    trail.ev(trail.make(item), "receive", at(2025, 3, 3))
    out = StringIO()
    call_command("rollup_update", "--lag", "0", stdout=out)
    assert "1 events" in out.getvalue()
    call_command("rollup_build", stdout=out)
    assert "rebuilt from 1 events" in out.getvalue()
    assert DailyCaseFact.objects.get().received == 1
