"""Due-date computations per second through the public API (`onewindow.calendar.services.due_date`),
against a naive day-by-day loop over `chinese_calendar.is_workday` measured in the same run.

    .venv/bin/python bench/due_date.py [--calls 200000] [--no-record]

Uses a throwaway SQLite database with only the calendar's tables, so any DATABASE_URL set in the
environment is left alone. Each figure is the best of 10 runs in process CPU time (the machine's
load average is recorded with it). Appends the run to docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

FIRST_START = dt.date(2024, 1, 1)
# Starts stop early enough that start + 60 working days + a 30-day pause stays inside the
# package's last year, where the baseline (chinese_calendar.is_workday) still answers.
LAST_START = dt.date(2026, 8, 31)


def setup_django(tmp: str) -> None:
    """Django on a throwaway SQLite file holding only the calendar's tables (created directly, so the
    benchmark does not depend on every app's migrations)."""
    os.environ["ONEWINDOW_VAR_DIR"] = tmp
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    import django
    from django.db import connection

    django.setup()
    from onewindow.calendar.models import CalendarOverride, CalendarRevision, CalendarYear

    with connection.schema_editor() as editor:
        for model in (CalendarOverride, CalendarYear, CalendarRevision):
            editor.create_model(model)


def workload(size: int, seed: int = 20260213) -> list[tuple[dt.date, int, tuple]]:
    """Random starts and N in 1..60; half the calls carry one pause of 1..30 days starting 0..20
    days after the start (a special procedure or a supplement wait)."""
    rng = random.Random(seed)
    span = (LAST_START - FIRST_START).days
    jobs = []
    for i in range(size):
        start = FIRST_START + dt.timedelta(days=rng.randrange(span + 1))
        pauses: tuple = ()
        if i % 2:
            first = start + dt.timedelta(days=rng.randrange(21))
            pauses = ((first, first + dt.timedelta(days=rng.randrange(30))),)
        jobs.append((start, rng.randint(1, 60), pauses))
    return jobs


def naive_due_date(start: dt.date, n: int, pauses: tuple) -> dt.date:
    """The obvious implementation: walk day by day and ask the package about each day."""
    import chinese_calendar

    day, left = start, n
    while left:
        day += dt.timedelta(days=1)
        if any(a <= day <= b for a, b in pauses):
            continue
        if chinese_calendar.is_workday(day):
            left -= 1
    return day


def timed(fn, jobs, repeat: int = 10) -> float:
    """Best of `repeat` runs (as timeit does), in CPU time of this process: the work is CPU-bound
    and the machines we share run other jobs, so wall time would mostly measure their load."""
    best = float("inf")
    for _ in range(repeat):
        began = time.process_time()
        fn(jobs)
        best = min(best, time.process_time() - began)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--baseline-calls", type=int, default=5_000)
    parser.add_argument("--no-record", action="store_true",
                        help="print only; do not append to performance.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="onewindow-bench-") as tmp:
        setup_django(tmp)
        from bench._record import record
        from onewindow.calendar.services import due_date, get_calendar

        began = time.perf_counter()
        get_calendar()  # the one-time build per process: tables + 3 queries
        build_ms = (time.perf_counter() - began) * 1000

        jobs = workload(args.calls)
        plain = [job for job in jobs if not job[2]]
        paused = [job for job in jobs if job[2]]

        def run(batch):
            for start, n, pauses in batch:
                due_date(start=start, working_days=n, pauses=pauses)

        naive_results = []

        def run_naive(batch):
            naive_results[:] = [naive_due_date(start, n, pauses) for start, n, pauses in batch]

        run(jobs[:10_000])  # warm the result cache and the interpreter
        mixed_s = timed(run, jobs)
        plain_s = timed(run, plain)
        paused_s = timed(run, paused)
        sample = jobs[:args.baseline_calls]
        naive_s = timed(run_naive, sample, repeat=1)

        # The two implementations must agree before the ratio means anything.
        for (start, n, pauses), expected in zip(sample, naive_results, strict=True):
            got = due_date(start=start, working_days=n, pauses=pauses).due_date
            assert got == expected, (start, n, pauses, got, expected)

        rate = len(jobs) / mixed_s
        naive_rate = len(sample) / naive_s
        results = {
            "mixed (half with one pause)":
                f"{rate:,.0f} due dates/s ({mixed_s * 1e9 / len(jobs):.0f} ns each)",
            "without a pause": f"{len(plain) / plain_s:,.0f} /s",
            "with one pause": f"{len(paused) / paused_s:,.0f} /s",
            "calendar build (once per process)": f"{build_ms:.0f} ms",
        }
        baseline = f"naive day-by-day loop over chinese_calendar.is_workday: {naive_rate:,.0f} due dates/s " \
                   f"on the first {len(sample):,} calls (results identical)"
        ratio = f"{rate / naive_rate:,.0f}x the baseline"
        for key, value in results.items():
            print(f"{key}: {value}")
        print(f"baseline: {baseline}\nratio: {ratio}")
        if not args.no_record:
            record(title="Due dates (calendar.services.due_date)",
                   data_size=f"{len(jobs):,} calls: random starts {FIRST_START}..{LAST_START}, N in 1..60, "
                             "half with one pause of 1..30 days",
                   results=results, baseline=baseline, ratio=ratio,
                   notes="best of 10 runs, process CPU time; load average during the run: "
                         + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
