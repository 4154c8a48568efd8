"""The network's monthly report over a large case log on PostgreSQL, against a raw recount.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/reports_monthly.py
    (BENCH_CASES=10000000 by default; --dry-run: print, do not append to docs/performance.md;
     --fresh: drop and regenerate the data)

One command, bounded by the data size. It uses a dedicated database `ow_bench_reports` next to the
one DATABASE_URL names (kept between runs: a second run with the same size reuses the rows):
1. a network of 229 centres (city → 4 counties → 32 townships → 192 villages), 445 departments and
   3,036 items through the ORM; then BENCH_CASES cases spread over a year and four events per case
   (receive, accept, decide or return, conclude) with INSERT … SELECT generate_series, in chunks;
2. `rollup_build` (all facts from the event log) → time and events/s;
3. the network's monthly report (report_figures for the city: indicators, breakdowns by department,
   item, staff and window, the rolled-up tree and the levels) with the rollups → seconds, median of 3;
4. baseline, same run: the same month's case figures by centre recounted from the raw events;
5. the live tail: 20,000 new events left above the watermark, then the report again.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

SIZE = int(os.environ.get("BENCH_CASES", "10000000"))
CHUNK = int(os.environ.get("BENCH_CHUNK", "1000000"))
DB_NAME = "ow_bench_reports"
MONTH = "2026-05"


def _setup() -> None:
    import psycopg

    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("set DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlparse(base)
    with psycopg.connect(urlunparse(parts._replace(scheme="postgresql")), autocommit=True) as conn:
        if "--fresh" in sys.argv:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    os.environ["DATABASE_URL"] = urlunparse(parts._replace(path="/" + DB_NAME))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    os.environ.setdefault("ONEWINDOW_VAR_DIR", "/tmp/reports-bench-var")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _defaults(model, given: set[str]) -> tuple[list[str], list[str], list]:
    """Columns the generator does not set (other apps may add some): their defaults as SQL."""
    cols, exprs, params = [], [], []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.column in given:
            continue
        value = f.get_default()
        if value is None and f.null:
            continue
        cols.append(f.column)
        if f.get_internal_type() == "JSONField":
            exprs.append("%s::jsonb")
            params.append(json.dumps(value if value is not None else {}))
        elif f.get_internal_type() in ("DateTimeField",):
            exprs.append("now()")
        else:
            exprs.append("%s")
            params.append(value if value is not None else "")
    return cols, exprs, params


def _network():
    from django.contrib.auth import get_user_model

    from onewindow.cases.models import Applicant
    from onewindow.catalogue.models import ItemVersion, ServiceItem
    from onewindow.network.models import Centre, CentreLevel, Department, Region

    if Centre.objects.filter(name="基准市政务服务中心").exists():
        return
    regions, centres = [], []

    def centre(code: str, name: str, level: str, parent):
        region = Region.objects.create(code=code, name=name)
        c = Centre.objects.create(name=name + "政务服务中心", level=level, region=region, parent=parent)
        regions.append(region)
        centres.append(c)
        return c

    city = centre("880000", "基准市", CentreLevel.CITY, None)
    for a in range(4):
        county = centre(f"88{a + 1:02d}00", f"基准县{a + 1}", CentreLevel.COUNTY, city)
        for b in range(8):
            town = centre(f"88{a + 1:02d}{b + 1:02d}", f"基准镇{a + 1}-{b + 1}", CentreLevel.TOWNSHIP, county)
            for v in range(6):
                centre(f"88{a + 1:02d}{b + 1:02d}{v + 1:03d}", f"基准村{a + 1}-{b + 1}-{v + 1}",
                       CentreLevel.VILLAGE, town)
    per = {CentreLevel.CITY: (25, 12), CentreLevel.COUNTY: (25, 12), CentreLevel.TOWNSHIP: (4, 6),
           CentreLevel.VILLAGE: (1, 4)}
    deps = []
    for c in centres:
        deps += [Department(centre=c, name=f"{c.name}部门{i}", code=f"D{i}") for i in range(per[c.level][0])]
    deps = Department.objects.bulk_create(deps)
    items, n = [], 0
    for d in deps:
        for _ in range(per[next(c for c in centres if c.pk == d.centre_id).level][1]):
            n += 1
            items.append(ServiceItem(basic_code=f"{n:012d}", implementation_code=f"BENCH{n:010d}",
                                     centre_id=d.centre_id,
                                     department=d, name=f"基准事项{n}", item_type="01"))
    items = ServiceItem.objects.bulk_create(items)
    versions = ItemVersion.objects.bulk_create([
        ItemVersion(item=i, number=1, status="published", name=i.name, item_type="01", statutory_days=20,
                    promised_days=10) for i in items])
    for i, v in zip(items, versions, strict=True):
        i.current_version = v
    ServiceItem.objects.bulk_update(items, ["current_version"], batch_size=2000)
    user = get_user_model()
    user.objects.bulk_create([user(username=f"bench{i}", password="!") for i in range(100)])
    Applicant.objects.create(kind="person", name="基准", id_type="resident_id",
                             id_number="11010519491231002X")


def _generate(size: int) -> float:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM cases_case WHERE number LIKE 'B%%'")
        have = cur.fetchone()[0]
        if have >= size:
            return 0.0
        started = time.perf_counter()
        cur.execute("DROP TABLE IF EXISTS bench_items")
        cur.execute("""CREATE TABLE bench_items AS
                       SELECT row_number() OVER (ORDER BY id) - 1 AS idx, id AS item_id,
                       current_version_id AS version_id, centre_id, department_id FROM catalogue_serviceitem
                       WHERE implementation_code LIKE 'BENCH%%'""")
        cur.execute("CREATE UNIQUE INDEX ON bench_items (idx)")
        cur.execute("SELECT COUNT(*) FROM bench_items")
        n_items = cur.fetchone()[0]
        cur.execute("SELECT MIN(id) FROM accounts_user WHERE username LIKE 'bench%%'")
        first_user = cur.fetchone()[0]
        cur.execute("SELECT id FROM cases_applicant WHERE name = '基准'")
        applicant = cur.fetchone()[0]
        dropped = _drop_indexes(cur)
        try:
            for lo in range(have + 1, size + 1, CHUNK):
                hi = min(size, lo + CHUNK - 1)
                _load_chunk(cur, lo=lo, hi=hi, n_items=n_items, first_user=first_user, applicant=applicant)
                print(f"  generated cases {hi:,} ({time.perf_counter() - started:.0f} s)", flush=True)
        finally:  # one sorted build per index is much cheaper than row-by-row upkeep
            for sql in dropped:
                cur.execute(sql)
        print(f"  indexes rebuilt ({time.perf_counter() - started:.0f} s)", flush=True)
        cur.execute("ANALYZE")
        return time.perf_counter() - started


def _load_chunk(cur, *, lo: int, hi: int, n_items: int, first_user: int, applicant: int) -> None:
    """Cases lo..hi and their four events. day0: a day of the year; decisions 1–17 days later
    (due +14, promised +12: some late); every 50th case is returned instead of decided."""
    from onewindow.cases.models import Case, CaseEvent

    given = {"number", "centre_id", "department_id", "item_id", "item_version_id", "applicant_id", "channel",
             "case_class", "state", "received_at", "received_on", "accepted_at", "accepted_on",
             "decision_due_date", "promised_due_date", "statutory_due_date", "handled_on", "decided_on",
             "concluded_at", "outcome", "last_event_seq"}
    dcols, dexprs, dparams = _defaults(Case, given)
    egiven = {"case_id", "seq", "actor_id", "actor_role", "action", "from_state", "to_state", "at"}
    ecols, eexprs, eparams = _defaults(CaseEvent, egiven)
    cur.execute(f"""
        INSERT INTO cases_case (number, centre_id, department_id, item_id, item_version_id, applicant_id,
            channel, case_class, state, received_at, received_on, accepted_at, accepted_on,
            decision_due_date, promised_due_date, statutory_due_date, handled_on, decided_on,
            concluded_at, outcome, last_event_seq{''.join(', ' + c for c in dcols)})
        SELECT 'B' || lpad(g::text, 10, '0'), bi.centre_id, bi.department_id, bi.item_id, bi.version_id,
            %s, 'window', 'promised', 'concluded',
            (d0 + time '09:00') AT TIME ZONE 'Asia/Shanghai', d0,
            (d0 + time '09:30') AT TIME ZONE 'Asia/Shanghai', d0, d0 + 14, d0 + 12, d0 + 28,
            d0 + off, d0 + off, (d0 + off + 1 + time '10:00') AT TIME ZONE 'Asia/Shanghai',
            CASE WHEN g %% 50 = 0 THEN 'returned' ELSE 'approve' END, 4
            {''.join(', ' + e for e in dexprs)}
        FROM (SELECT g, date '2025-10-25' + ((g * 7919) %% 365)::int AS d0, (1 + (g * 31) %% 17)::int AS off
              FROM generate_series(%s::bigint, %s::bigint) g) s
        JOIN bench_items bi ON bi.idx = s.g %% {n_items}""", [applicant, *dparams, lo, hi])
    cur.execute(f"""
        INSERT INTO cases_caseevent (case_id, seq, actor_id, actor_role, action, from_state, to_state, at
            {''.join(', ' + c for c in ecols)})
        SELECT c.id, v.seq, CASE WHEN v.seq <= 2 THEN %s + (c.centre_id * 3 + c.id %% 3) %% 100 END,
            'clerk', v.action, '', v.to_state,
            CASE v.seq WHEN 1 THEN c.received_at WHEN 2 THEN c.accepted_at
                       WHEN 3 THEN (c.decided_on + time '15:00') AT TIME ZONE 'Asia/Shanghai'
                       ELSE c.concluded_at END
            {''.join(', ' + e for e in eexprs)}
        FROM cases_case c CROSS JOIN LATERAL (VALUES
            (1, 'receive', 'received'), (2, 'accept', 'accepted'),
            (3, CASE WHEN c.outcome = 'returned' THEN 'return' ELSE 'decide' END, 'decided'),
            (4, 'conclude', 'concluded')) v(seq, action, to_state)
        WHERE c.number BETWEEN %s AND %s""", [first_user, *eparams, f"B{lo:010d}", f"B{hi:010d}"])


def _drop_indexes(cur) -> list[str]:
    """Drop the plain (non-constraint) indexes of the two big tables for the load; return their DDL."""
    cur.execute("""SELECT indexname, indexdef FROM pg_indexes
                   WHERE tablename IN ('cases_case', 'cases_caseevent')
                   AND indexname NOT IN (SELECT conname FROM pg_constraint)""")
    rows = cur.fetchall()
    for name, _ in rows:
        cur.execute(f'DROP INDEX "{name}"')
    return [ddl for _, ddl in rows]


def _timed(fn, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    _setup()
    from django.db import connection

    from onewindow.network.models import Centre
    from onewindow.network.selectors import centre_descendants
    from onewindow.reports.periods import parse_month
    from onewindow.reports.rollup import figures_query, raw_recount, rollup_rebuild
    from onewindow.reports.selectors import report_figures

    _network()
    print(f"generating {SIZE:,} cases …", flush=True)
    gen_s = _generate(SIZE)
    with connection.cursor() as cur:
        cur.execute("DELETE FROM cases_caseevent WHERE seq >= 100")  # the live-tail rows of an earlier run
        cur.execute("SELECT COUNT(*) FROM cases_case")
        cases = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM cases_caseevent")
        events = cur.fetchone()[0]
    print(f"{cases:,} cases, {events:,} events; building rollups …", flush=True)
    t = time.perf_counter()
    rollup_rebuild(batch=4_000_000, lag=0)
    build_s = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE reports_dailycasefact")
        cur.execute("SELECT COUNT(*) FROM reports_dailycasefact")
        facts = cur.fetchone()[0]
    city = Centre.objects.get(name="基准市政务服务中心")
    period = parse_month(MONTH)
    ids = [c.pk for c in centre_descendants(centre=city)]
    report_s, data = _timed(lambda: report_figures(centre=city, period=period))
    core_s, rolled = _timed(lambda: figures_query(centres=ids, start=period.start, end=period.end,
                                                  group=("centre_id",)))
    raw_s, raw = _timed(lambda: raw_recount(centres=ids, start=period.start, end=period.end,
                                            group=("centre_id",)), repeat=1)
    assert rolled == raw, "rollup and raw recount disagree"
    # live tail: events above the watermark are read from the log in the same statement
    with connection.cursor() as cur:
        cur.execute("""INSERT INTO cases_caseevent (case_id, seq, actor_role, action, from_state,
                       to_state, at,
                       reason, payload) SELECT id, 100, 'clerk', 'receive', '', 'received',
                       (date '2026-05-10' + time '10:00') AT TIME ZONE 'Asia/Shanghai', '', '{}'::jsonb
                       FROM cases_case WHERE number LIKE 'B%%' ORDER BY id DESC LIMIT 20000""")
    tail_s, _ = _timed(lambda: report_figures(centre=city, period=period))
    received = next(i["value"] for i in data["indicators"] if i["code"] == "received")
    print(f"report {report_s:.3f} s (core {core_s:.3f} s); raw recount {raw_s:.3f} s; "
          f"with 20k tail {tail_s:.3f} s;"
          f" received in {MONTH}: {received:,}")
    results = {
        "network monthly report (report_figures, city, all breakdowns), median of 3": f"{report_s:.3f} s",
        "case figures by centre from the rollups (one statement)": f"{core_s:.3f} s",
        "same report with 20,000 events above the watermark (live tail)": f"{tail_s:.3f} s",
        "rollup_build from the whole log":
            f"{build_s:.1f} s ({events / build_s:,.0f} events/s), {facts:,} fact rows",
        "data generation (INSERT … SELECT generate_series)": f"{gen_s:.0f} s" if gen_s else "reused",
    }
    if "--dry-run" not in sys.argv:
        from bench._record import record

        record(title="Reports: network monthly report", data_size=f"{cases:,} cases, {events:,} events, "
               f"229 centres, 3,036 items; month {MONTH} ({received:,} cases received)",
               results=results, baseline=f"raw recount of the month's figures by centre: {raw_s:.3f} s",
               ratio=f"core figures {raw_s / core_s:.0f}× faster than the raw recount",
               notes="rollup figures equal the raw recount (asserted)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
