"""A clerk's case list over HTTP (GET /api/v1/cases, keyset pages) against raw psycopg running the very
same SQL, on the province database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province .venv/bin/python bench/clerk_list.py
    (--dry-run: print only; BENCH_SECONDS, BENCH_CLIENTS, BENCH_SERVER=gunicorn|granian)

Requests mix the first page, a state filter (accepted, in_review) and the next page through the
`next` cursor, for the demo clerk (county centre). The baseline captures the SQL Django sent for each
request shape (CaptureQueriesContext around cases.selectors.case_page) and runs it with psycopg from
the same number of threads: the difference is Django, auth, serialisation and HTTP.
Target (issue #10): p99 ≤ 50 ms.
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading

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
SERVER = os.environ.get("BENCH_SERVER", "gunicorn")
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))


def prepare() -> tuple[str, list[str], list[tuple[str, list]], int]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from onewindow.accounts.models import User
    from onewindow.accounts.services import api_token_issue
    from onewindow.cases.models import Case
    from onewindow.cases.selectors import case_page
    from onewindow.core.permissions import acting_staff

    token = api_token_issue(username="clerk", password="onewindow-demo")
    staff = acting_staff(User.objects.get(username="clerk"))
    paths, sqls = [], []
    for state in ("", "accepted", "in_review", "concluded"):
        first = case_page(staff=staff, state=state)
        shapes = [("", first)]
        if first.next_cursor:
            shapes.append((first.next_cursor, None))
        for cursor, _ in shapes:
            with CaptureQueriesContext(connection) as ctx:
                case_page(staff=staff, state=state, cursor=cursor)
            select = [q["sql"] for q in ctx.captured_queries if "cases_case" in q["sql"]][-1]
            sqls.append((select, []))
            q = "&".join(p for p in (f"state={state}" if state else "",
                                     f"cursor={cursor}" if cursor else "") if p)
            paths.append("/api/v1/cases" + (f"?{q}" if q else ""))
    visible = Case.objects.filter(centre_id=staff.centre_id).count()
    return token, paths, sqls, visible


def raw_baseline(url: str, sqls: list[tuple[str, list]]) -> dict:
    import psycopg

    local = threading.local()

    def make():
        def one():
            if not hasattr(local, "conn"):
                local.conn = psycopg.connect(url, autocommit=True)
            sql, _ = random.choice(sqls)  # noqa: S311 - load generation
            rows = local.conn.execute(sql).fetchall()
            return None if rows is not None else "no rows"
        return one
    return load(SECONDS, CLIENTS, make)


def main() -> None:
    url = require_local_postgres()
    dry = "--dry-run" in sys.argv
    token, paths, sqls, visible = prepare()
    from django.db import connection

    connection.close()
    port = free_port()
    proc = serve(SERVER, port, workers=WORKERS, threads=THREADS, env=server_env())
    try:
        headers = {"Authorization": f"Bearer {token}"}
        make = http_getter(port, lambda: random.choice(paths), headers)  # noqa: S311
        check = make()
        for _ in range(20):
            err = check()
            if err:
                sys.exit(f"list failed: {err}")
        load_before = loadavg()
        http = load(SECONDS, CLIENTS, make)
        rss = rss_mb(proc)
        raw = raw_baseline(url, sqls)
    finally:
        stop(proc)
    results = {
        "clerk list over HTTP": fmt(http),
        "raw SQL (same statements, psycopg)": fmt(raw),
        "server RSS after the run (MB, per process)": ", ".join(f"{v:.0f}" for v in sorted(rss.values())),
        "target p99 ≤ 50 ms": "met" if http["p99"] <= 50 else f"missed by {http['p99'] - 50:.0f} ms",
    }
    if http["first_error"]:
        results["first error"] = http["first_error"]
    print(json.dumps(results, ensure_ascii=False, indent=1))
    if dry:
        return
    from _record import record

    with connection.cursor() as c:
        c.execute("SELECT count(*) FROM cases_case")
        total = c.fetchone()[0]
    record(title="Clerk's case list GET /api/v1/cases (bench/clerk_list.py)",
           data_size=(f"{total:,} cases in the database, {visible:,} in the clerk's centre; "
                      f"{len(paths)} request "
                      f"shapes (first page / state filter / next cursor), limit 20; {SERVER} "
                      f"{WORKERS} workers x "
                      f"{THREADS} threads; {CLIENTS} keep-alive clients, {SECONDS:.0f} s per phase"),
           results=results,
           baseline=f"raw psycopg, same SQL: {raw['rps']:,.0f} req/s, p99 {raw['p99']:.1f} ms",
           ratio=f"HTTP/raw throughput {http['rps'] / max(raw['rps'], 1e-9):.2f}",
           notes=f"server and client share the 2 cores; load average before {load_before}, after {loadavg()}")


if __name__ == "__main__":
    main()
