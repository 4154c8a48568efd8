"""Run bench/locustfile.py bounded against one app server on 127.0.0.1 and record p50/p95/p99 and errors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province .venv/bin/python bench/province_locust.py
    (--dry-run: print only; BENCH_USERS=40, BENCH_RUN_TIME=150s, BENCH_SERVER=granian|gunicorn)

Baseline in the same run: the same server answering the unauthenticated guide API alone at full speed
for 15 s (what one request costs without the mix's think time).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _scale import (
    BIN,
    ROOT,
    fmt,
    free_port,
    http_getter,
    load,
    loadavg,
    require_local_postgres,
    rss_mb,
    serve,
    server_env,
    stop,
)

USERS = int(os.environ.get("BENCH_USERS", "40"))
RUN_TIME = os.environ.get("BENCH_RUN_TIME", "150s")
SERVER = os.environ.get("BENCH_SERVER", "granian")


def main() -> None:
    require_local_postgres()
    port = free_port()
    out_dir = Path(tempfile.mkdtemp(prefix="ow-locust-"))
    proc = serve(SERVER, port, workers=2, threads=4, env=server_env())
    load_before = loadavg()
    try:
        cmd = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u",
               str(USERS),
               "-r", str(max(1, USERS // 10)), "--run-time", RUN_TIME, "--host", f"http://127.0.0.1:{port}",
               "--csv", str(out_dir / "run"), "--only-summary", "--stop-timeout", "10"]
        subprocess.run(cmd, cwd=ROOT, env=dict(os.environ), check=False, timeout=3600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rss = rss_mb(proc)
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
            total = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
            code = conn.execute("SELECT implementation_code FROM catalogue_serviceitem "
                                "WHERE current_version_id IS NOT NULL LIMIT 1").fetchone()[0]
        base = load(15, 8, http_getter(port, lambda: f"/api/v1/items/{code}"))
    finally:
        stop(proc)
    rows = list(csv.DictReader((out_dir / "run_stats.csv").open()))
    results: dict[str, str] = {}
    agg = None
    for r in rows:
        line = (f"{int(r['Request Count']):,} requests, {int(r['Failure Count'])} failures, "
                f"{float(r['Requests/s']):.1f} req/s, p50 {r['50%']} ms, p95 {r['95%']} ms, p99 "
                f"{r['99%']} ms")
        if r["Name"] == "Aggregated":
            agg = r
        else:
            results[f"{r['Type']} {r['Name']}"] = line
    if agg is None:
        sys.exit("locust wrote no aggregate row")
    results["all requests"] = (f"{int(agg['Request Count']):,} requests, {int(agg['Failure Count'])} "
                               f"failures "
                               f"({int(agg['Failure Count']) / max(int(agg['Request Count']), 1):.2%}), "
                               f"{float(agg['Requests/s']):.1f} req/s, p50 {agg['50%']} ms, p95 "
                               f"{agg['95%']} ms, "
                               f"p99 {agg['99%']} ms")
    results["server RSS after the run (MB per process)"] = ", ".join(f"{v:.0f}" for v in sorted(rss.values()))
    failures = out_dir / "run_failures.csv"
    if failures.exists():
        first = list(csv.DictReader(failures.open()))[:3]
        if first:
            results["failures (first)"] = "; ".join(f"{f['Name']}: {f['Error'][:100]} x{f['Occurrences']}"
                                                    for f in first)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if "--dry-run" in sys.argv:
        return
    from _record import record

    record(title="Locust mix: clerks, reviewers, citizens (bench/province_locust.py)",
           data_size=(f"{total:,} cases; {USERS} users (clerk 3 : reviewer 2 : citizen 6, think time "
                      f"1–3 s staff, "
                      f"2–6 s citizens) for {RUN_TIME}; {SERVER} 2 workers x 4 threads; rate limits off"),
           results=results, baseline=f"guide API alone, same server, 8 clients, no think time: {fmt(base)}",
           ratio=f"mix p99 / guide-alone p99: {float(agg['99%']) / max(base['p99'], 1e-9):.2f}",
           notes=f"locust, server and PostgreSQL share the 2 cores; load average before {load_before}, after "
                 f"{loadavg()}")


if __name__ == "__main__":
    main()
