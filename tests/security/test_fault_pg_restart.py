"""Fault: PostgreSQL restarts in the middle of concurrent intakes. Clients retry (Idempotency-Key);
nothing acknowledged is lost, nothing is duplicated.

A PRIVATE cluster: initdb under /tmp, port 5499, run as user postgres (runuser) — the shared server
on 5432 is never touched. Runs in the PostgreSQL pass of the suite; skipped without
initdb/pg_ctl/runuser/gunicorn or when not root."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.security.fault_support import fault_env, intake_until_acked, seed_and_serve, stop

PG_PORT = 5499
PORT = 8173
INTAKES = 120
THREADS = 12
RESTART_AFTER = 30


def _as_postgres(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture
def cluster():
    tools = [shutil.which(t) for t in ("initdb", "pg_ctl", "runuser", "psql")]
    if not all(tools) or os.geteuid() != 0:
        pytest.skip("needs initdb, pg_ctl, psql, runuser and root")
    if not Path(sys.executable).with_name("gunicorn").exists():
        pytest.skip("gunicorn not installed")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs once, in the PostgreSQL pass (its cluster is its own)")
    base = Path(tempfile.mkdtemp(prefix="ow-pgfault-"))
    data = base / "data"
    shutil.chown(base, "postgres")
    base.chmod(0o755)
    _as_postgres("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    opts = f"-p {PG_PORT} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = ["pg_ctl", "-D", str(data), "-o", opts, "-w", "-l", str(base / "log")]
    _as_postgres(*ctl, "start")
    try:
        _as_postgres("psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-c", "CREATE DATABASE ow_fault")
        yield ctl
    finally:
        subprocess.run(["runuser", "-u", "postgres", "--", "pg_ctl", "-D", str(data), "-m", "immediate",
                        "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.postgres
def test_postgres_restart_mid_load_loses_nothing(cluster, tmp_path):
    env = fault_env(tmp_path, f"postgres://postgres@127.0.0.1:{PG_PORT}/ow_fault")
    proc, seed = seed_and_serve(env, PORT)
    acked: dict[int, str] = {}
    stats = {"retries": 0, "restarted": 0.0}
    lock = threading.Lock()

    def restarter():
        while len(acked) < RESTART_AFTER:
            time.sleep(0.05)
        t = time.monotonic()
        _as_postgres(*cluster, "-m", "fast", "restart")
        stats["restarted"] = time.monotonic() - t

    try:
        started = time.monotonic()
        restart = threading.Thread(target=restarter, daemon=True)
        restart.start()
        with ThreadPoolExecutor(THREADS) as pool:
            futures = [pool.submit(intake_until_acked, PORT, i, seed, acked, stats, lock)
                       for i in range(INTAKES)]
            for f in futures:
                f.result()
        restart.join(60)
        elapsed = time.monotonic() - started
    finally:
        stop(proc)

    assert stats["restarted"], "PostgreSQL was not restarted"
    assert len(acked) == INTAKES and len(set(acked.values())) == INTAKES
    psql = ("psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-d", "ow_fault", "-tA")
    rows = _as_postgres(*psql, "-F", "|", "-c", "select k.key, c.number from cases_idempotencykey k "
                                                "join cases_case c on c.id = k.case_id")
    keys = dict(line.split("|") for line in rows.stdout.split())
    count = _as_postgres("psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-d", "ow_fault", "-tA", "-c",
                         "select count(*) from cases_case").stdout.strip()
    assert int(count) == INTAKES
    assert keys == {f"fault-{i}": n for i, n in acked.items()}
    print(f"\npg restart: {INTAKES} intakes, {THREADS} threads, {elapsed:.1f}s, restart took "
          f"{stats['restarted']:.1f}s, {stats['retries']} retries")
