"""Intake over HTTP against raw psycopg doing the same writes, and the public progress lookup.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/intake_http.py
    (--dry-run: print, do not append to docs/performance.md; BENCH_* variables shorten the phases)

One command, bounded (about 3 minutes), 127.0.0.1 only. It creates a throwaway database next to the
one DATABASE_URL names (onewindow_bench_<pid>), migrates it, serves the app with gunicorn on a free
local port, and drops the database at the end.

1. intake: C clients POST /api/v1/cases (complete materials: receive + accept in one request) for
   INTAKE_SECONDS → cases/s. The app also assesses fees, records the acceptance notice and, as the
   embedded default does, renders its PDF in-process after commit; a second run serves the app with
   that rendering deferred (what a queue does) to show its share.
2. baseline, same run: C threads with raw psycopg write the same rows per case in one transaction
   (sequence bump, applicant, case, its materials, the receive and accept events) → cases/s; the
   ratio is HTTP / raw.
3. progress: as many cases as COPY writes in GENERATE_SECONDS (about a minute), then C clients GET
   /api/v1/public/progress/{number}?verify=XXXX for random numbers → req/s and p99 latency.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
INTAKE_SECONDS = float(os.environ.get("BENCH_INTAKE_SECONDS", "20"))
GENERATE_SECONDS = float(os.environ.get("BENCH_GENERATE_SECONDS", "60"))
GENERATE_MAX = int(os.environ.get("BENCH_GENERATE_MAX", "2000000"))
PROGRESS_SECONDS = float(os.environ.get("BENCH_PROGRESS_SECONDS", "20"))
PERSON_ID = "11010519491231002X"
PASSWORD = "bench-password-123"
EVENTS = [("receive", "", "received"), ("accept", "received", "accepted")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _with_db(url: str, name: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path="/" + name))


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_with_db(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


# --- set-up in this process (Django pointed at the throwaway database) -----------------------------

def setup_django(db_url: str):
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def seed() -> dict:
    """One county centre, a department, an item with 4 materials, a clerk with a token."""
    from onewindow.accounts.models import User
    from onewindow.accounts.services import api_token_issue
    from onewindow.catalogue.models import ItemVersion, Material, ServiceItem, VersionStatus
    from onewindow.network.models import Centre, Department, Region, Staff, StaffRole

    region = Region.objects.create(code="990101", name="基准县")
    centre = Centre.objects.create(name="基准县政务服务中心", level="county", region=region)
    dept = Department.objects.create(centre=centre, name="基准县市场监督管理局", code="SCJG")
    item = ServiceItem.objects.create(basic_code="000000000001", implementation_code="BENCH-ITEM-0001",
                                      centre=centre, department=dept, name="基准许可", item_type="01")
    version = ItemVersion.objects.create(item=item, number=1, status=VersionStatus.PUBLISHED,
                                         effective_from=dt.date(2020, 1, 1), name="基准许可", item_type="01",
                                         statutory_days=20, promised_days=10)
    item.current_version = version
    item.save(update_fields=["current_version"])
    materials = [Material.objects.create(version=version, name=f"材料{i}", position=i) for i in range(4)]
    user = User.objects.create_user("benchclerk", password=PASSWORD)
    staff = Staff.objects.create(user=user, name="基准受理员", centre=centre, civil_servant=False)
    StaffRole.objects.create(staff=staff, role="clerk")
    token = api_token_issue(username="benchclerk", password=PASSWORD)
    return {"centre": centre, "dept": dept, "item": item, "version": version, "materials": materials,
            "staff": staff, "token": token}


# --- HTTP -----------------------------------------------------------------------------------------

def serve(db_url: str, port: int, defer_notices: bool) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=db_url, DJANGO_SETTINGS_MODULE="onewindow.settings",
               PYTHONPATH=f"{ROOT / 'src'}:{os.environ.get('PYTHONPATH', '')}")
    config = Path(tempfile.mkdtemp()) / "gunicorn_bench.py"
    hook = ""
    if defer_notices:
        # Only for the comparison run: leave the notice row pending, as a queue-backed deployment does.
        hook = ("def post_worker_init(worker):\n"
                "    import onewindow.notices.services as s\n"
                "    s._dispatch = lambda notice_id: None\n")
    config.write_text(hook)
    cmd = [str(Path(sys.executable).parent / "gunicorn"), "onewindow.wsgi:application", "-b",
           f"127.0.0.1:{port}",
           "-w", str(WORKERS), "-c", str(config), "--log-level", "warning", "--timeout", "60"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/progress/0")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError("gunicorn did not start")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, data


def load(seconds: float, clients: int, fn) -> tuple[int, list[float], list[str]]:
    """Run fn() from `clients` threads for `seconds`; (successes, latencies, errors)."""
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def worker():
        while time.monotonic() < stop_at:
            t0 = time.perf_counter()
            err = fn()
            elapsed = time.perf_counter() - t0
            with lock:
                if err:
                    errors.append(err)
                else:
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies, errors


def intake_http(port: int, seeded: dict, seconds: float) -> float:
    body = json.dumps({
        "item": seeded["item"].implementation_code,
        "applicant": {"kind": "person", "name": "张三", "id_type": "resident_id", "id_number": PERSON_ID,
                      "phone": "13800001234"},
        "materials": [{"material": m.pk, "provided": "original"} for m in seeded["materials"]],
        "channel": "window"}).encode()
    headers = {"Authorization": f"Bearer {seeded['token']}", "Content-Type": "application/json"}

    def one():
        status, data = _request(port, "POST", "/api/v1/cases", body, headers)
        return None if status == 201 else f"{status} {data[:120]!r}"

    one()  # warm up
    t0 = time.monotonic()
    ok, _, errors = load(seconds, CLIENTS, one)
    rate = ok / (time.monotonic() - t0)
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0]}")
    return rate


# --- raw psycopg baseline -------------------------------------------------------------------------

def _insert_sql(model, fields) -> str:
    cols = ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f'INSERT INTO "{model._meta.db_table}" ({cols}) VALUES ({marks})'


def _values(obj, fields, connection):
    return [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]


def raw_baseline(db_url: str, seeded: dict, seconds: float) -> float:
    """The same rows per case as the HTTP intake, written with psycopg in one transaction each."""
    import psycopg
    from django.db import connection

    from onewindow.cases.models import Applicant, Case, CaseEvent, CaseMaterial

    def concrete(model, skip=("id",)):
        return [f for f in model._meta.concrete_fields if f.attname not in skip]

    case_fields = concrete(Case)
    applicant_fields = concrete(Applicant)
    material_fields = concrete(CaseMaterial)
    event_fields = concrete(CaseEvent)
    sql_case = _insert_sql(Case, case_fields) + " RETURNING id"
    sql_applicant = _insert_sql(Applicant, applicant_fields) + " RETURNING id"
    sql_material = _insert_sql(CaseMaterial, material_fields)
    sql_event = _insert_sql(CaseEvent, event_fields)
    centre, version = seeded["centre"], seeded["version"]
    today = dt.date.today() + dt.timedelta(days=1)  # a day of its own: numbers do not collide with HTTP's

    def one(conn):
        now = dt.datetime.now(dt.UTC)
        with conn.transaction():
            lock = ("SELECT id, last FROM cases_casenumbersequence WHERE centre_id = %s AND day = %s "
                    "FOR UPDATE")
            seq = conn.execute(lock, (centre.pk, today)).fetchone()
            if seq is None:  # first number of the day, as the service does
                conn.execute("INSERT INTO cases_casenumbersequence (centre_id, day, last) VALUES (%s, %s, 0) "
                             "ON CONFLICT DO NOTHING", (centre.pk, today))
                seq = conn.execute(lock, (centre.pk, today)).fetchone()
            conn.execute("UPDATE cases_casenumbersequence SET last = %s WHERE id = %s", (seq[1] + 1, seq[0]))
            applicant = Applicant(kind="person", name="张三", id_type="resident_id", id_number=PERSON_ID,
                                  phone="13800001234")
            applicant_id = conn.execute(sql_applicant, _values(applicant, applicant_fields,
                                                               connection)).fetchone()[0]
            case = Case(number=f"{centre.region_id}{today:%Y%m%d}{seq[1] + 1:06d}", centre=centre,
                        department_id=seeded["dept"].pk, item_id=seeded["item"].pk, item_version=version,
                        applicant_id=applicant_id, channel="window", case_class="promised", state="accepted",
                        receiving_clerk_id=seeded["staff"].pk, received_at=now, received_on=today,
                        accepted_at=now, accepted_on=today, statutory_days=20, promised_days=10,
                        statutory_due_date=today, promised_due_date=today, decision_due_date=today,
                        notice_due_date=today, last_event_seq=2, created_at=now, updated_at=now)
            case_id = conn.execute(sql_case, _values(case, case_fields, connection)).fetchone()[0]
            with conn.cursor() as cur:
                cur.executemany(sql_material, [
                    _values(CaseMaterial(case_id=case_id, material_id=m.pk, required=True, status="original"),
                            material_fields, connection) for m in seeded["materials"]])
                cur.executemany(sql_event, [
                    _values(CaseEvent(case_id=case_id, seq=i + 1, actor_id=seeded["staff"].user_id,
                                      actor_role="clerk", action=a, from_state=f, to_state=t, at=now),
                            event_fields, connection)
                    for i, (a, f, t) in enumerate([("receive", "", "received"), ("accept", "received",
                                                                                 "accepted")])])

    local = threading.local()

    def fn():
        if not hasattr(local, "conn"):
            local.conn = psycopg.connect(db_url)
        try:
            one(local.conn)
        except Exception as exc:  # noqa: BLE001 - counted, not fatal
            return repr(exc)[:120]
        return None

    t0 = time.monotonic()
    ok, _, errors = load(seconds, CLIENTS, fn)
    rate = ok / (time.monotonic() - t0)
    if errors:
        print(f"  raw: {len(errors)} errors, first: {errors[0]}")
    return rate


# --- progress -------------------------------------------------------------------------------------

def generate(db_url: str, seeded: dict, seconds: float, limit: int) -> list[tuple[str, str]]:
    """COPY cases (applicant, case, 2 events each) in batches until `seconds` pass; returns
    (number, verify) of every case."""
    import psycopg
    from django.db import connection

    from onewindow.cases.models import Applicant, Case, CaseEvent

    case_fields = list(Case._meta.concrete_fields)
    applicant_fields = list(Applicant._meta.concrete_fields)
    event_fields = [f for f in CaseEvent._meta.concrete_fields if f.attname != "id"]
    centre, version = seeded["centre"], seeded["version"]
    out: list[tuple[str, str]] = []
    stop_at = time.monotonic() + seconds
    day0 = dt.date(2025, 1, 1)
    batch = 20000
    now = dt.datetime.now(dt.UTC)
    # Template rows, built once with the models' own db_prep; each case only changes a few columns.
    a_tpl = _values(Applicant(id=1, kind="person", name="李四", id_type="resident_id", id_number=PERSON_ID,
                              phone="x"), applicant_fields, connection)
    c_tpl = _values(Case(id=1, number="x", centre=centre, department_id=seeded["dept"].pk,
                         item_id=seeded["item"].pk, item_version=version, applicant_id=1, channel="window",
                         case_class="promised", state="accepted", received_at=now, received_on=day0,
                         accepted_at=now, accepted_on=day0, statutory_days=20, promised_days=10,
                         decision_due_date=day0, promised_due_date=day0, statutory_due_date=day0,
                         last_event_seq=2, created_at=now, updated_at=now), case_fields, connection)
    e_tpl = [_values(CaseEvent(case_id=1, seq=i + 1, actor_role="clerk", action=act, from_state=f, to_state=t,
                               at=now), event_fields, connection)
             for i, (act, f, t) in enumerate(EVENTS)]

    def col(fields, attname):
        return next(i for i, f in enumerate(fields) if f.attname == attname)

    a_id, a_phone = col(applicant_fields, "id"), col(applicant_fields, "phone")
    c_id, c_number = col(case_fields, "id"), col(case_fields, "number")
    c_app = col(case_fields, "applicant_id")
    e_case = col(event_fields, "case_id")
    with psycopg.connect(db_url) as conn:
        next_id = 1 + max(conn.execute("SELECT coalesce(max(id), 0) FROM cases_applicant").fetchone()[0],
                          conn.execute("SELECT coalesce(max(id), 0) FROM cases_case").fetchone()[0])
        serial = 0
        while time.monotonic() < stop_at and len(out) < limit:
            apps, cases, events = [], [], []
            for _ in range(batch):
                serial += 1
                day = day0 + dt.timedelta(days=serial // 100000)
                phone = f"139{serial:08d}"
                number = f"{centre.region_id}{day:%Y%m%d}{serial % 100000 + 1:06d}G"
                a = list(a_tpl)
                a[a_id], a[a_phone] = next_id, phone
                c = list(c_tpl)
                c[c_id], c[c_number], c[c_app] = next_id, number, next_id
                apps.append(a)
                cases.append(c)
                for tpl in e_tpl:
                    e = list(tpl)
                    e[e_case] = next_id
                    events.append(e)
                out.append((number, phone[-4:]))
                next_id += 1
            with conn.transaction():
                for model, fields, rows in ((Applicant, applicant_fields, apps), (Case, case_fields, cases),
                                            (CaseEvent, event_fields, events)):
                    cols = ", ".join(f'"{f.column}"' for f in fields)
                    with conn.cursor().copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(row)
        for table in ("cases_applicant", "cases_case"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT max(id) FROM {table}))")
        conn.execute("ANALYZE")
        conn.commit()
    return out


def progress_http(port: int, cases: list[tuple[str, str]], seconds: float) -> tuple[float, float]:
    def one():
        number, verify = random.choice(cases)  # noqa: S311 - load generation
        status, data = _request(port, "GET", f"/api/v1/public/progress/{number}?verify={verify}")
        return None if status == 200 else f"{status} {data[:120]!r}"

    for _ in range(20):
        one()
    t0 = time.monotonic()
    ok, latencies, errors = load(seconds, CLIENTS, one)
    rate = ok / (time.monotonic() - t0)
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan")
    if errors:
        print(f"  progress: {len(errors)} errors, first: {errors[0]}")
    return rate, p99


def main() -> None:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server (a throwaway database is created next to it).")
    host = urlparse(base).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("The benchmark only runs against a local PostgreSQL (127.0.0.1).")
    name = f"onewindow_bench_{os.getpid()}"
    db_url = _with_db(base, name)
    _admin(base, f'CREATE DATABASE "{name}"')
    proc = None
    try:
        print(f"database {name}: migrating …")
        setup_django(db_url)
        seeded = seed()
        from django.db import connections

        connections.close_all()
        port = _free_port()
        results = {}
        proc = serve(db_url, port, defer_notices=False)
        print(f"gunicorn {WORKERS} workers, {CLIENTS} clients")
        http_rate = intake_http(port, seeded, INTAKE_SECONDS)
        print(f"intake over HTTP (notice PDF rendered in-process): {http_rate:.1f} cases/s")
        stop(proc)
        proc = serve(db_url, port, defer_notices=True)
        deferred_rate = intake_http(port, seeded, INTAKE_SECONDS)
        print(f"intake over HTTP (notice rendering deferred): {deferred_rate:.1f} cases/s")
        raw_rate = raw_baseline(db_url, seeded, INTAKE_SECONDS)
        print(f"raw psycopg, same rows: {raw_rate:.1f} cases/s")
        t0 = time.monotonic()
        cases = generate(db_url, seeded, GENERATE_SECONDS, GENERATE_MAX)
        gen_s = time.monotonic() - t0
        print(f"generated {len(cases)} cases by COPY in {gen_s:.0f} s")
        rate, p99 = progress_http(port, cases, PROGRESS_SECONDS)
        print(f"progress lookup: {rate:.0f} req/s, p99 {p99 * 1000:.1f} ms")
        results = {
            "intake over HTTP, notice PDF in-process": f"{http_rate:.1f} cases/s",
            "intake over HTTP, notice rendering deferred": f"{deferred_rate:.1f} cases/s",
            "raw psycopg, same rows": f"{raw_rate:.1f} cases/s",
            "progress lookup": f"{rate:.0f} req/s, p99 {p99 * 1000:.1f} ms ({len(cases)} cases)",
        }
        if "--dry-run" in sys.argv:
            return
        from bench._record import record

        record(title="Case intake over HTTP and public progress lookup (bench/intake_http.py)",
               data_size=(f"intake {INTAKE_SECONDS:.0f} s per run, {CLIENTS} clients, "
                          f"gunicorn {WORKERS} sync "
                          f"workers; progress over {len(cases)} cases (as many as COPY wrote in "
                          f"{gen_s:.0f} s, batches of 20000 from a {GENERATE_SECONDS:.0f} s budget; the 1 M "
                          "figure needs a longer generation)"),
               results=results, baseline=f"raw psycopg, same rows: {raw_rate:.1f} cases/s",
               ratio=(f"HTTP/raw {http_rate / raw_rate:.3f} (in-process PDF), "
                      f"{deferred_rate / raw_rate:.3f} (deferred)"),
               notes=("Same machine, same PostgreSQL, same client concurrency; shared machine "
                      f"(load average {os.getloadavg()[0]:.1f} at the end), read the ratio. The in-process "
                      "notice PDF (embedded default) costs about half of an intake."))
    finally:
        if proc is not None:
            stop(proc)
        from django.db import connections

        connections.close_all()
        _admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
