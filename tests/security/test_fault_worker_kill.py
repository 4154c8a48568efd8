"""Fault: kill -9 an app worker while 200 intakes run concurrently with idempotent retries.

A real server (gunicorn, 3 workers, 127.0.0.1:8172) on a private SQLite file; 16 client threads each
POST /api/v1/cases with an Idempotency-Key and retry on connection errors and 5xx. After 40 answers,
one worker is killed with SIGKILL (the master starts another). Every acknowledged case must exist
exactly once, under the number the client was told. Skipped when gunicorn is missing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.security.fault_support import children, fault_env, intake_until_acked, seed_and_serve, stop

PORT = 8172
INTAKES = 200
THREADS = 16
KILL_AFTER = 40


@pytest.fixture
def server(tmp_path):
    if not Path(sys.executable).with_name("gunicorn").exists():
        pytest.skip("gunicorn not installed")
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("uses its own SQLite file: runs once, in the SQLite pass")
    db_path = tmp_path / "fault.sqlite3"
    proc, seed = seed_and_serve(fault_env(tmp_path, f"sqlite:///{db_path}"), PORT)
    try:
        yield proc, seed, db_path
    finally:
        stop(proc)


def test_kill_a_worker_during_200_concurrent_intakes_loses_and_duplicates_nothing(server):
    proc, seed, db_path = server
    acked: dict[int, str] = {}
    stats = {"retries": 0, "killed": 0}
    lock = threading.Lock()

    def killer():
        while len(acked) < KILL_AFTER:
            time.sleep(0.05)
        workers = children(proc.pid)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            stats["killed"] = workers[0]

    started = time.monotonic()
    kill_thread = threading.Thread(target=killer, daemon=True)
    kill_thread.start()
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(intake_until_acked, PORT, i, seed, acked, stats, lock) for i in range(INTAKES)]
        for f in futures:
            f.result()
    kill_thread.join(5)
    elapsed = time.monotonic() - started

    assert stats["killed"], "no worker was killed"
    assert len(acked) == INTAKES
    assert len(set(acked.values())) == INTAKES, "two intakes were told the same case number"
    with sqlite3.connect(db_path) as db:
        cases = dict(db.execute("select number, id from cases_case").fetchall())
        keys = dict(db.execute("select k.key, c.number from cases_idempotencykey k "
                               "join cases_case c on c.id = k.case_id").fetchall())
    assert len(cases) == INTAKES, f"{len(cases)} cases for {INTAKES} acknowledged intakes"
    assert keys == {f"fault-{i}": n for i, n in acked.items()}
    print(f"\nworker kill: {INTAKES} intakes, {THREADS} threads, {elapsed:.1f}s, "
          f"{stats['retries']} retries, killed pid {stats['killed']}")
