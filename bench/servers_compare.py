"""gunicorn against granian on the public progress lookup, same app, same database, same load; and the
app worker RSS of each (docs/adr/0002-app-server.md records the choice).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province .venv/bin/python bench/servers_compare.py
    (--dry-run: print only; BENCH_SECONDS, BENCH_CLIENTS)

Each configuration uses 2 worker processes (one per core) and serves
GET /api/v1/public/progress/{number}?verify=<last 4 of the phone> for cases drawn at random from the
province database, from C keep-alive clients for BENCH_SECONDS; the rate limit is off (it would answer
429 after 30 requests a minute from 127.0.0.1). Baseline: gunicorn gthread, the deployment so far.
"""

from __future__ import annotations

import json
import os
import random
import sys

from _scale import (
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

SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
CONFIGS = [("gunicorn", "gunicorn gthread 2 workers x 4 threads", 2, 4),
           ("gunicorn", "gunicorn sync 5 workers", 5, 1),
           ("granian", "granian wsgi 2 workers x 4 blocking threads", 2, 4)]


def sample(url: str, n: int = 5000) -> tuple[list[tuple[str, str]], int]:
    import psycopg

    with psycopg.connect(url) as conn:
        total = conn.execute("SELECT count(*) FROM cases_case").fetchone()[0]
        rows = conn.execute(
            "SELECT c.number, right(a.phone, 4) FROM cases_case c JOIN cases_applicant a ON a.id = "
            "c.applicant_id "
            "WHERE a.phone <> '' ORDER BY c.id DESC LIMIT %s", (n * 20,)).fetchall()
    rng = random.Random(7)
    return rng.sample(rows, min(n, len(rows))), total


def main() -> None:
    url = require_local_postgres()
    cases, total = sample(url)
    out: dict[str, dict] = {}
    rss: dict[str, str] = {}
    load_before = loadavg()
    for kind, label, workers, threads in CONFIGS:
        port = free_port()
        proc = serve(kind, port, workers=workers, threads=threads, env=server_env())
        try:
            def path():
                number, verify = random.choice(cases)  # noqa: S311 - load generation
                return f"/api/v1/public/progress/{number}?verify={verify}"
            make = http_getter(port, path)
            warm = make()
            for _ in range(30):
                if err := warm():
                    sys.exit(f"{label}: {err}")
            out[label] = load(SECONDS, CLIENTS, make)
            sizes = rss_mb(proc)
            rss[label] = ", ".join(f"{v:.0f}" for v in sorted(sizes.values()))
        finally:
            stop(proc)
    results = {label: fmt(r) + f"; RSS MB per process: {rss[label]}" for label, r in out.items()}
    best = max(out, key=lambda k: out[k]["rps"])
    results["fastest"] = best
    base = out[CONFIGS[0][1]]
    results["target (progress ≥ 1,500 req/s, p99 ≤ 25 ms)"] = (
        f"best {out[best]['rps']:,.0f} req/s ({out[best]['rps'] / 1500:.0%} of target), p99 "
        f"{out[best]['p99']:.1f} ms")
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if "--dry-run" in sys.argv:
        return
    from _record import record

    record(title="App servers on the progress lookup: gunicorn vs granian (bench/servers_compare.py)",
           data_size=f"{total:,} cases; {len(cases)} random case numbers; {CLIENTS} keep-alive clients, "
                     f"{SECONDS:.0f} s per configuration; rate limit off",
           results=results, baseline=f"{CONFIGS[0][1]}: {fmt(base)}",
           ratio="; ".join(f"{k}: {v['rps'] / max(base['rps'], 1e-9):.2f}x" for k, v in out.items()),
           notes=f"server and client share the 2 cores; load average before {load_before}, after {loadavg()}")


if __name__ == "__main__":
    main()
