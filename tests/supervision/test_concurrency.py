"""Overlapping sweeps on PostgreSQL: the lock lets one run at a time, and even without it the unique
constraint keeps one warning per (case, colour, generation)."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.supervision.models import Warning
from onewindow.supervision.services import SweepBusy, supervise, warnings_raise
from tests.concurrency import require_postgres, run_threads

D = dt.date


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_overlapping_sweeps(frozen, case_factory, reviewer):
    require_postgres()
    for n in range(30):
        case_factory(due=D(2026, 9, 25) + dt.timedelta(days=n % 10), reviewer=reviewer)
    results = run_threads(4, lambda i: supervise(rules=False))
    busy = [r for r in results if isinstance(r, SweepBusy)]
    done = [r for r in results if not isinstance(r, BaseException)]
    assert len(done) + len(busy) == 4 and done
    assert sum(r.warnings for r in done) == Warning.objects.count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_raises_never_duplicate(frozen, case_factory, reviewer):
    require_postgres()
    for n in range(30):
        case_factory(due=D(2026, 9, 25) + dt.timedelta(days=n % 10), reviewer=reviewer)
    results = run_threads(4, lambda i: warnings_raise())
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert (
        sum(results) == Warning.objects.count() == Warning.objects.values("case", "colour").distinct().count()
    )
