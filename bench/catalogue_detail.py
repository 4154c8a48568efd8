"""Benchmark: GET /api/v1/items/{code} (the full guide) under a real WSGI server.

    .venv/bin/python bench/catalogue_detail.py            # SQLite in a temporary ONEWINDOW_VAR_DIR
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/catalogue_detail.py
                                                          # a throwaway database on that server

Builds 10,000 published items (6 materials, 1-2 fees and a situation with two options each) in a
throwaway database, serves the app with gunicorn (2 workers x 4 threads, the production server) on
127.0.0.1, and drives it from keep-alive http.client threads for a fixed number of requests or a time
limit, whichever comes first. Baselines measured in the same run:
  - ping: the same gunicorn answering a constant WSGI response (server + client cost only);
  - unknown route: Django + ninja answering the JSON 404 of an unknown path (framework, no database);
  - raw DB: the same rows (item, materials, fees, situations, options, delegations) fetched with the
    bare DB-API driver from the same number of threads (database cost only).
The result is appended to docs/performance.md by bench/_record.py. Runs in well under 2 minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PING_PATH = "/__bench_ping"

# --- the WSGI app gunicorn serves: the real one plus a constant ping for the server baseline ---------

_django_app = None


def application(environ, start_response):
    global _django_app
    if environ.get("PATH_INFO") == PING_PATH:
        body = b'{"ok": true}'
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]
    if _django_app is None:
        from onewindow.wsgi import application as django_app

        _django_app = django_app
    return _django_app(environ, start_response)


# --- throwaway database -------------------------------------------------------------------------------

def _pg_admin_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/postgres"))


def create_throwaway_db(base_url: str | None) -> tuple[str, str | None]:
    """(DATABASE_URL to use, PostgreSQL database name to drop afterwards or None)."""
    if not base_url or not base_url.startswith(("postgres://", "postgresql://")):
        return "", None
    import psycopg

    name = f"onewindow_bench_{os.getpid()}"
    with psycopg.connect(_pg_admin_url(base_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}")), name


def drop_throwaway_db(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_pg_admin_url(base_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- data ---------------------------------------------------------------------------------------------

WORDS = ["居民身份证", "营业执照", "食品经营", "建设工程", "户口", "社会保险", "医疗保险", "道路运输",
         "药品经营", "排污", "林木采伐", "取水", "民办学校", "养老机构", "特种设备", "烟草专卖",
         "出版物经营", "消防"]
ACTIONS = ["首次申领", "换领", "补领", "变更登记", "注销登记", "许可", "备案", "核准", "年检", "延续"]


def fast_insert(model, rows: list[dict]) -> None:
    """INSERT many rows with one executemany. Columns a row does not give get the field's default (or
    now() for auto_now fields), prepared once: what bulk_create writes, without its per-value cost."""
    from django.db import connection
    from django.utils import timezone

    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    given = {f.attname for f in fields if f.attname in rows[0]}
    moment = timezone.now()
    const = {}
    for f in fields:
        if f.attname not in given:
            auto = getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
            value = moment if auto else f.get_default()
            const[f.attname] = f.get_db_prep_save(value, connection)
    prep = [(f.attname, f) for f in fields if f.attname in given]
    params = []
    for row in rows:
        values = dict(const)
        for attname, f in prep:
            values[attname] = f.get_db_prep_save(row[attname], connection)
        params.append(tuple(values[f.attname] for f in fields))
    qn = connection.ops.quote_name
    sql = (f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for i in range(0, len(params), 5000):
            cursor.executemany(sql, params[i:i + 5000])


def build_data(n_items: int, seed: int = 1) -> list[str]:
    """Load n_items published items: the rows catalogue.services would write (a published current
    version, search text from build_search_text), inserted in bulk to keep the setup to seconds."""
    import functools
    from decimal import Decimal

    from django.db import transaction
    from django.db.models import OuterRef, Subquery

    from onewindow.catalogue import search
    from onewindow.catalogue.models import (
        Delegation,
        Fee,
        ItemVersion,
        Material,
        MaterialRequirement,
        ServiceItem,
        Situation,
        SituationOption,
        VersionStatus,
    )
    from onewindow.network.models import Centre, CentreLevel, Department, Region

    # Names repeat (the same item at many implementing bodies); convert each name to pinyin once.
    search.pinyin_forms = functools.lru_cache(maxsize=None)(search.pinyin_forms)
    rnd = random.Random(seed)
    with transaction.atomic():
        region = Region.objects.create(code="990100", name="基准县")
        centre = Centre.objects.create(name="基准县政务服务中心", level=CentreLevel.COUNTY, region=region)
        towns = [Centre.objects.create(name=f"基准镇{i}", level=CentreLevel.TOWNSHIP, region=region,
                                       parent=centre) for i in range(5)]
        depts = [Department.objects.create(centre=centre, name=f"基准县第{i}局", code=f"D{i:02d}")
                 for i in range(20)]
        item_rows = []
        for n in range(n_items):
            name = f"{rnd.choice(WORDS)}{rnd.choice(ACTIONS)}"
            basic = f"{n:012d}"
            impl = f"11990100MB0000000X4{basic}"
            item_rows.append({
                "basic_code": basic, "implementation_code": impl, "centre_id": centre.pk,
                "department_id": rnd.choice(depts).pk, "name": name,
                "item_type": rnd.choice(["01", "07", "10", "20"]), "theme": "social",
                "search_text": search.build_search_text(name=name, codes=[basic, impl],
                                                        keywords="基准 测试")})
        fast_insert(ServiceItem, item_rows)
        items = list(ServiceItem.objects.order_by("id")
                     .values_list("id", "name", "item_type", "implementation_code"))
        constant = ItemVersion(
            number=1, status=VersionStatus.PUBLISHED, theme="social", keywords="基准 测试",
            conditions="符合法定条件", legal_basis="《中华人民共和国行政许可法》第十二条", statutory_days=20,
            promised_days=10, handling_forms=["window", "online"], special_procedures=["field_survey"],
            flow=[{"name": "受理", "description": "窗口受理"}, {"name": "审查", "description": "后台审查"},
                  {"name": "办结", "description": "统一出件"}],
            faq=[{"question": "需要本人到场吗？", "answer": "需要"}], result_type="许可证",
            effective_from=dt.date(2024, 1, 1))
        shared = {f: getattr(constant, f) for f in (
            "number", "status", "theme", "keywords", "conditions", "legal_basis", "statutory_days",
            "promised_days", "handling_forms", "special_procedures", "flow", "faq", "result_type",
            "effective_from")}
        fast_insert(ItemVersion, [{**shared, "item_id": pk, "name": name, "item_type": item_type,
                                   "content": "办理" + name} for pk, name, item_type, _ in items])
        ServiceItem.objects.update(current_version=Subquery(
            ItemVersion.objects.filter(item=OuterRef("pk")).values("id")[:1]))
        version_ids = list(ItemVersion.objects.order_by("item_id").values_list("id", flat=True))
        fast_insert(Material, [{
            "version_id": vid, "position": p, "name": f"申请材料{p + 1}",
            "requirement": MaterialRequirement.CONDITIONAL if p == 5 else MaterialRequirement.REQUIRED,
            "acceptance_standard": "原件与复印件核对一致，加盖公章", "legal_basis": "《实施办法》第八条",
        } for vid in version_ids for p in range(6)])
        fast_insert(Fee, [{"version_id": vid, "name": f"收费{k + 1}", "amount": Decimal("10.00") * (k + 1),
                           "standard": "按件收取", "basis": "价格主管部门批复"}
                          for vid in version_ids for k in range(1 + vid % 2)])
        fast_insert(Situation, [{"version_id": vid, "question": "是否委托他人办理？"} for vid in version_ids])
        situations = list(Situation.objects.order_by("version_id").values_list("id", "version_id"))
        fast_insert(SituationOption, [{"situation_id": sid, "label": label, "position": i}
                                      for sid, _ in situations for i, label in enumerate(("是", "否"))])
        last_material = dict(Material.objects.filter(position=5).values_list("version_id", "id"))
        version_of = dict(situations)
        adds, removes = [], []
        for oid, sid, position in SituationOption.objects.order_by("id").values_list("id", "situation_id",
                                                                                     "position"):
            row = {"situationoption_id": oid, "material_id": last_material[version_of[sid]]}
            (adds if position == 0 else removes).append(row)
        fast_insert(SituationOption.adds.through, adds)
        fast_insert(SituationOption.removes.through, removes)
        fast_insert(Delegation, [
            {"item_id": pk, "to_centre_id": towns[i % 5].pk, "valid_from": dt.date(2024, 1, 1)}
            for i, (pk, *_rest) in enumerate(items[::10])])
    return [impl for *_rest, impl in items]


# --- load generator -------------------------------------------------------------------------------------

class Result:
    def __init__(self, name: str, latencies: list[float], elapsed: float, errors: int, bad_status: int):
        self.name, self.latencies, self.elapsed = name, sorted(latencies), elapsed
        self.errors, self.bad_status = errors, bad_status

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        return self.latencies[min(len(self.latencies) - 1, int(p / 100 * len(self.latencies)))] * 1000

    def line(self) -> str:
        return (f"{self.rps:,.0f} req/s, p50 {self.pct(50):.1f} ms, p95 {self.pct(95):.1f} ms, "
                f"p99 {self.pct(99):.1f} ms ({len(self.latencies)} requests in {self.elapsed:.1f} s, "
                f"{self.errors} errors, {self.bad_status} unexpected statuses)")


def drive(name: str, port: int, next_path, expect: int, *, total: int, seconds: float,
          clients: int) -> Result:
    """`clients` threads, one keep-alive connection each, until `total` requests or `seconds` elapse."""
    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    counters = {"errors": 0, "bad": 0}
    deadline = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            with lock:
                if issued[0] >= total:
                    break
                issued[0] += 1
            path = next_path(rnd)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    counters["errors"] += 1
                continue
            mine.append(time.perf_counter() - t0)
            if resp.status != expect:
                with lock:
                    counters["bad"] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(name, latencies, time.perf_counter() - start, counters["errors"], counters["bad"])


def raw_db_baseline(database_url: str, sqlite_path: Path, codes: list[str], *, total: int, seconds: float,
                    clients: int) -> Result:
    """The detail's rows fetched with the bare driver: the floor the endpoint cannot go below."""
    pg = database_url.startswith(("postgres://", "postgresql://"))
    ph = "%s" if pg else "?"
    queries = [
        "SELECT i.*, v.*, d.code, d.name, c.name, c.region_id FROM catalogue_serviceitem i "
        "JOIN catalogue_itemversion v ON v.id = i.current_version_id JOIN network_department d ON "
        "d.id = i.department_id JOIN network_centre c ON c.id = i.centre_id "
        f"WHERE i.implementation_code = {ph} AND i.active AND v.status = 'published'",
        f"SELECT * FROM catalogue_material WHERE version_id = {ph} ORDER BY position, id",
        f"SELECT * FROM catalogue_fee WHERE version_id = {ph} ORDER BY id",
        f"SELECT id, question FROM catalogue_situation WHERE version_id = {ph} ORDER BY position, id",
        "SELECT o.id, o.label, o.situation_id FROM catalogue_situationoption o JOIN catalogue_situation s "
        f"ON s.id = o.situation_id WHERE s.version_id = {ph} ORDER BY o.situation_id, o.position, o.id",
        "SELECT a.situationoption_id, a.material_id FROM catalogue_situationoption_adds a JOIN "
        "catalogue_situationoption o ON o.id = a.situationoption_id JOIN catalogue_situation s ON "
        f"s.id = o.situation_id WHERE s.version_id = {ph}",
        "SELECT r.situationoption_id, r.material_id FROM catalogue_situationoption_removes r JOIN "
        "catalogue_situationoption o ON o.id = r.situationoption_id JOIN catalogue_situation s ON "
        f"s.id = o.situation_id WHERE s.version_id = {ph}",
        f"SELECT to_centre_id FROM catalogue_delegation WHERE item_id = {ph} AND NOT revoked",
    ]
    lock = threading.Lock()
    issued = [0]
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    def connect():
        if pg:
            import psycopg

            return psycopg.connect(database_url, autocommit=True)
        import sqlite3

        conn = sqlite3.connect(sqlite_path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def worker(seed: int) -> None:
        rnd = random.Random(seed)
        conn = connect()
        mine = []
        while time.perf_counter() < deadline:
            with lock:
                if issued[0] >= total:
                    break
                issued[0] += 1
            code = rnd.choice(codes)
            t0 = time.perf_counter()
            cur = conn.cursor()
            cur.execute(queries[0], (code,))
            row = cur.fetchone()
            item_id, version_id = row[0], row[[d[0] for d in cur.description].index("current_version_id")]
            for i, sql in enumerate(queries[1:], start=1):
                cur.execute(sql, (item_id if i == len(queries) - 1 else version_id,))
                cur.fetchall()
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result("raw DB", latencies, time.perf_counter() - start, 0, 0)


# --- orchestration -----------------------------------------------------------------------------------------

def loadavg() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", PING_PATH)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8, help="client threads (keep-alive connections)")
    parser.add_argument("--requests", type=int, default=5000, help="requests per phase")
    parser.add_argument("--seconds", type=float, default=15, help="time limit per phase")
    parser.add_argument("--no-record", action="store_true", help="do not append to docs/performance.md")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))  # `bench` as a package, whatever the working directory

    t_start = time.perf_counter()
    load_before = loadavg()
    base_url = os.environ.get("DATABASE_URL", "")
    var_dir = Path(tempfile.mkdtemp(prefix="onewindow-bench-"))
    db_url, pg_name = create_throwaway_db(base_url)
    os.environ["ONEWINDOW_VAR_DIR"] = str(var_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "onewindow.settings"
    if db_url:
        os.environ["DATABASE_URL"] = db_url
    else:
        os.environ.pop("DATABASE_URL", None)
    server = None
    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)
        t0 = time.perf_counter()
        codes = build_data(args.items)
        from django.db import connection, connections

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as a live database has them after bulk loads
        t_data = time.perf_counter() - t0

        connections.close_all()
        print(f"data: {args.items} items in {t_data:.1f} s", flush=True)

        port = free_port()
        env = dict(os.environ, LOG_LEVEL="ERROR",
                   PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p))
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "bench.catalogue_detail:application", "--chdir", str(ROOT),
             "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads),
             "--worker-class", "gthread", "--keep-alive", "30", "--log-level", "warning",
             "--error-logfile", str(var_dir / "gunicorn.log")],
            env=env, start_new_session=True, stderr=(var_dir / "server.stderr").open("wb"))
        wait_ready(port, server)

        def detail(rnd):
            return f"/api/v1/items/{rnd.choice(codes)}"

        phase = {"total": args.requests, "seconds": args.seconds, "clients": args.clients}
        # Warm every worker: imports, URL resolver, first connections.
        drive("warm-up", port, detail, 200, total=400, seconds=10, clients=args.clients)
        ping = drive("ping", port, lambda rnd: PING_PATH, 200, **phase)
        print("ping (server only):     ", ping.line(), flush=True)
        unknown = drive("unknown route", port, lambda rnd: "/api/v1/__bench_unknown", 404, **phase)
        print("unknown route (no DB):  ", unknown.line(), flush=True)
        result = drive("detail", port, detail, 200, **phase)
        print("GET /api/v1/items/{code}:", result.line(), flush=True)
        raw = raw_db_baseline(db_url or "", var_dir / "onewindow.sqlite3", codes, **phase)
        print("raw DB (same rows):     ", raw.line(), flush=True)
        if result.errors or result.bad_status:
            raise SystemExit("detail requests failed; see " + str(var_dir / "gunicorn.log"))

        total_time = time.perf_counter() - t_start
        ratio = (f"detail/ping {result.rps / ping.rps:.2f}; detail/unknown-route "
                 f"{result.rps / unknown.rps:.2f}; detail/raw-DB {result.rps / raw.rps:.2f}")
        print(f"total {total_time:.0f} s; {ratio}")
        if not args.no_record:
            from bench._record import record

            record(
                title="Catalogue guide GET /api/v1/items/{code}",
                data_size=(f"{args.items:,} published items, {6 * args.items:,} materials, "
                           f"{int(1.5 * args.items):,} fees, {args.items:,} situations; random codes; "
                           f"gunicorn {args.workers} workers x {args.threads} threads (gthread), "
                           f"{args.clients} keep-alive client threads, ≤{args.requests} requests or "
                           f"{args.seconds:.0f} s per phase"),
                results={"detail": result.line(), "unknown route (Django+ninja, no DB)": unknown.line(),
                         "raw DB (same rows, bare driver)": raw.line()},
                baseline="ping (same gunicorn, constant WSGI answer): " + ping.line(),
                ratio=ratio,
                notes=(f"data load {t_data:.0f} s; whole run {total_time:.0f} s; server and client share "
                       f"the machine; 1-min load average {load_before} before, {loadavg()} after"),
            )
    finally:
        if server is not None and server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if pg_name:
            from django.db import connections

            connections.close_all()
            drop_throwaway_db(base_url, pg_name)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
