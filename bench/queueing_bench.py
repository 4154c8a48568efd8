"""Benchmark: tickets issued per second (ticket_take) and call-next per second (ticket_call_next),
in process, from parallel threads, against raw psycopg doing the same rows in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/queueing_bench.py
        [--tickets 4000] [--threads 8] [--windows 5] [--seconds 60] [--no-record]

Creates a throwaway PostgreSQL database next to the one named (dropped at the end), migrates it, and
builds one centre with 4 lines and `windows` windows serving all of them, each with its clerk.
  1. take: `tickets` tickets over the 4 lines from `threads` threads (the sequence row of a line is
     locked per ticket, so a line's tickets are issued one at a time: the kiosks of one line queue);
  2. call-next: every window's clerk calls in a loop from its own thread until the tickets run out;
     no_show_after_calls is 1, so each call also closes the window's previous ticket (the normal
     "next customer" click, which finishes the one before).
Baseline: the same statements with the bare driver (sequence upsert + lock + update, ticket and event
inserts; state-row lock, close the previous ticket, SELECT … FOR UPDATE SKIP LOCKED, updates, event)
on a second centre, same threads. Each phase stops at --seconds. Appends to docs/performance.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named queue.py: drop its folder from the path so `import queue` finds the standard
# library's (psycopg and concurrent.futures need it), then put the project on the path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from urllib.parse import urlsplit, urlunsplit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

THEMES = ("social", "registration", "production", "investment")
PREFIXES = ("A", "B", "C", "D")


def _admin_url(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def create_db(base_url: str) -> tuple[str, str]:
    import psycopg

    name = f"onewindow_bench_queue_{os.getpid()}"
    with psycopg.connect(_admin_url(base_url), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}")), name


def drop_db(base_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_admin_url(base_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    os.environ["DB_CONN_MAX_AGE"] = "600"  # threads keep their connection, as a server's workers do
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def build_centre(label: str, windows: int):
    """A centre with 4 lines (one per theme) and `windows` windows serving every theme, one clerk each."""
    from onewindow.accounts.models import User
    from onewindow.network.models import Centre, CentreLevel, Region, Role, Staff, StaffRole, Window
    from onewindow.queueing.models import QueueLine, QueueSettings

    region, _ = Region.objects.get_or_create(code="990100", defaults={"name": "基准县"})
    centre = Centre.objects.create(name=f"基准县政务服务中心{label}", level=CentreLevel.COUNTY, region=region)
    QueueSettings.objects.create(centre=centre, no_show_after_calls=1)
    lines = [
        QueueLine.objects.create(centre=centre, code=t, name=t, prefix=p, theme=t)
        for t, p in zip(THEMES, PREFIXES, strict=True)
    ]
    desks = []
    for i in range(windows):
        window = Window.objects.create(
            centre=centre,
            number=f"{label}{i:02d}",
            name="综合受理",
            kind="comprehensive",
            themes=list(THEMES),
        )
        user = User.objects.create(username=f"bench{label}{i}")
        staff = Staff.objects.create(user=user, name=f"clerk{i}", centre=centre, window=window)
        StaffRole.objects.create(staff=staff, role=Role.CLERK)
        desks.append((window, staff))
    return centre, lines, desks


def run_threads(n: int, target) -> float:
    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - start


class Counter:
    def __init__(self, total: int, seconds: float) -> None:
        self.total, self.issued, self.deadline = total, 0, time.perf_counter() + seconds
        self.lock = threading.Lock()

    def next(self) -> int | None:
        with self.lock:
            if self.issued >= self.total or time.perf_counter() > self.deadline:
                return None
            self.issued += 1
            return self.issued - 1


# --- through the services ----------------------------------------------------------------------------


def service_take(lines, total: int, threads: int, seconds: float) -> tuple[int, float]:
    from django.db import connection

    from onewindow.queueing.services import ticket_take

    counter = Counter(total, seconds)

    def worker(_):
        try:
            while (i := counter.next()) is not None:
                ticket_take(line=lines[i % len(lines)], source="kiosk")
        finally:
            connection.close()

    elapsed = run_threads(threads, worker)
    return counter.issued, elapsed


def service_calls(desks, seconds: float) -> tuple[int, float]:
    from django.db import connection

    from onewindow.core.errors import NotFound
    from onewindow.queueing.services import ticket_call_next

    done = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(i):
        window, staff = desks[i]
        mine = 0
        try:
            while time.perf_counter() < deadline:
                try:
                    ticket_call_next(window=window, by=staff)
                except NotFound:
                    break
                mine += 1
        finally:
            connection.close()
            with lock:
                done[0] += mine

    elapsed = run_threads(len(desks), worker)
    return done[0], elapsed


# --- the same rows with the bare driver --------------------------------------------------------------


def raw_take(
    url: str, centre_id: int, line_rows, total: int, threads: int, seconds: float
) -> tuple[int, float]:
    import psycopg
    from psycopg.types.json import Jsonb

    counter = Counter(total, seconds)

    def worker(_):
        with psycopg.connect(url) as conn:
            while (i := counter.next()) is not None:
                line_id, prefix = line_rows[i % len(line_rows)]
                moment = dt.datetime.now(dt.UTC)
                day = (moment + dt.timedelta(hours=8)).date()
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO queueing_ticketsequence (line_id, day, last) VALUES (%s, %s, 0) "
                        "ON CONFLICT DO NOTHING",
                        (line_id, day),
                    )
                    last = conn.execute(
                        "SELECT id, last FROM queueing_ticketsequence WHERE line_id = %s AND "
                        "day = %s FOR UPDATE",
                        (line_id, day),
                    ).fetchone()
                    seq = last[1] + 1
                    conn.execute("UPDATE queueing_ticketsequence SET last = %s WHERE id = %s", (seq, last[0]))
                    ticket_id = conn.execute(
                        "INSERT INTO queueing_ticket (centre_id, line_id, day, seq, number, token, status, "
                        "source, priority, priority_reasons, phone, taken_at, sort_at, call_count) VALUES "
                        "(%s, %s, %s, %s, %s, %s, 'waiting', 'kiosk', false, %s, '', %s, %s, 0) RETURNING id",
                        (
                            centre_id,
                            line_id,
                            day,
                            seq,
                            f"{prefix}{seq:03d}",
                            secrets.token_urlsafe(16),
                            Jsonb([]),
                            moment,
                            moment,
                        ),
                    ).fetchone()[0]
                    conn.execute(
                        "INSERT INTO queueing_ticketevent (ticket_id, action, from_status, to_status, at, "
                        "detail) VALUES (%s, 'take', '', 'waiting', %s, %s)",
                        (ticket_id, moment, Jsonb({"source": "kiosk"})),
                    )

    elapsed = run_threads(threads, worker)
    return counter.issued, elapsed


def raw_calls(url: str, centre_id: int, line_ids, desks, seconds: float) -> tuple[int, float]:
    import psycopg
    from psycopg.types.json import Jsonb

    done = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(i):
        window_id, staff_id = desks[i]
        mine = 0
        with psycopg.connect(url) as conn:
            while time.perf_counter() < deadline:
                moment = dt.datetime.now(dt.UTC)
                day = (moment + dt.timedelta(hours=8)).date()
                with conn.transaction():
                    conn.execute(
                        "INSERT INTO queueing_windowcallstate (window_id, day, priority_run, normal_run) "
                        "VALUES (%s, %s, 0, 2) ON CONFLICT DO NOTHING",
                        (window_id, day),
                    )
                    conn.execute(
                        "SELECT * FROM queueing_windowcallstate WHERE window_id = %s FOR UPDATE", (window_id,)
                    )
                    for (prev,) in conn.execute(
                        "SELECT id FROM queueing_ticket WHERE window_id = %s AND day = %s "
                        "AND status IN ('called', 'serving') FOR UPDATE",
                        (window_id, day),
                    ).fetchall():
                        conn.execute(
                            "UPDATE queueing_ticket SET status = 'no_show', closed_at = %s WHERE id = %s",
                            (moment, prev),
                        )
                        conn.execute(
                            "INSERT INTO queueing_ticketevent (ticket_id, action, from_status, to_status, "
                            "at, actor_id, window_id, detail) VALUES (%s, 'no_show', 'called', 'no_show', "
                            "%s, %s, %s, %s)",
                            (prev, moment, staff_id, window_id, Jsonb({"auto": 1})),
                        )
                    row = conn.execute(
                        "SELECT id FROM queueing_ticket WHERE centre_id = %s AND day = %s "
                        "AND status = 'waiting' AND line_id = ANY(%s) AND target_window_id IS NULL "
                        "ORDER BY sort_at, id LIMIT 1 "
                        "FOR UPDATE SKIP LOCKED",
                        (centre_id, day, list(line_ids)),
                    ).fetchone()
                    if row is None:
                        break
                    conn.execute(
                        "UPDATE queueing_ticket SET status = 'called', window_id = %s, staff_id = %s, "
                        "call_count = 1, called_at = %s, first_called_at = %s WHERE id = %s",
                        (window_id, staff_id, moment, moment, row[0]),
                    )
                    conn.execute(
                        "UPDATE queueing_windowcallstate SET normal_run = normal_run + 1 WHERE window_id "
                        "= %s",
                        (window_id,),
                    )
                    conn.execute(
                        "INSERT INTO queueing_ticketevent (ticket_id, action, from_status, to_status, at, "
                        "actor_id, window_id, detail) VALUES (%s, 'call', 'waiting', 'called', %s, %s, %s, "
                        "%s)",
                        (row[0], moment, staff_id, window_id, Jsonb({"priority": False})),
                    )
                mine += 1
        with lock:
            done[0] += mine

    elapsed = run_threads(len(desks), worker)
    return done[0], elapsed


def check_unique(centre) -> None:
    from django.db.models import Count

    from onewindow.queueing.models import Ticket, TicketEvent

    dup = Ticket.objects.filter(centre=centre).values("day", "number").annotate(n=Count("id")).filter(n__gt=1)
    assert not dup.exists(), "duplicate ticket numbers"
    twice = (
        TicketEvent.objects.filter(ticket__centre=centre, action="call")
        .values("ticket_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not twice.exists(), "a ticket was called twice"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tickets", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit of each phase")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL server (a throwaway database is created beside it)")
    url, name = create_db(base)
    try:
        setup_django(url)
        centre, lines, desks = build_centre("S", args.windows)
        raw_centre, raw_lines, raw_desks = build_centre("R", args.windows)

        n_take, t_take = service_take(lines, args.tickets, args.threads, args.seconds)
        n_call, t_call = service_calls(desks, args.seconds)
        check_unique(centre)
        r_take, rt_take = raw_take(
            url,
            raw_centre.pk,
            [(ln.pk, ln.prefix) for ln in raw_lines],
            args.tickets,
            args.threads,
            args.seconds,
        )
        r_call, rt_call = raw_calls(
            url,
            raw_centre.pk,
            [ln.pk for ln in raw_lines],
            [(w.pk, s.pk) for w, s in raw_desks],
            args.seconds,
        )
        check_unique(raw_centre)
    finally:
        from django.db import connections

        connections.close_all()
        drop_db(base, name)

    take_rate, call_rate = n_take / t_take, n_call / t_call
    raw_take_rate, raw_call_rate = r_take / rt_take, r_call / rt_call
    print(
        f"take:      {n_take} tickets in {t_take:.2f} s = {take_rate:.0f}/s "
        f"(raw psycopg {raw_take_rate:.0f}/s)"
    )
    print(
        f"call-next: {n_call} calls in {t_call:.2f} s = {call_rate:.0f}/s (raw psycopg {raw_call_rate:.0f}/s)"
    )
    if not args.no_record:
        from bench._record import record

        record(
            title="Queue: ticket_take and ticket_call_next (in process, PostgreSQL)",
            data_size=(
                f"{n_take} tickets over 4 lines from {args.threads} threads; {n_call} calls from "
                f"{args.windows} windows (one thread each); no duplicate number, no ticket called twice"
            ),
            results={
                "tickets issued per second": f"{take_rate:.0f}",
                "call-next per second": f"{call_rate:.0f}",
            },
            baseline=(
                f"raw psycopg, same statements: {raw_take_rate:.0f} tickets/s, {raw_call_rate:.0f} calls/s"
            ),
            ratio=(
                f"take {take_rate / raw_take_rate:.2f}× of raw, call-next "
                f"{call_rate / raw_call_rate:.2f}× of raw"
            ),
            notes="each call also closes the window's previous ticket (no_show_after_calls = 1)",
        )


if __name__ == "__main__":
    main()
