"""Daily rollups of the case event log (DOMAIN §7; docs/reports.md "Rollups").

The cases services are not touched: `rollup_update` reads CaseEvent rows after a watermark (the
last event id processed) and adds them to DailyCaseFact with one set-based INSERT … SELECT … ON
CONFLICT DO UPDATE per batch. Report queries add the unprocessed tail (events above the watermark)
in the same statement, so figures are live whatever the rollup's delay.

An event counts on the local (Asia/Shanghai) day of its `at`. Case attributes (centre, department,
item, due dates, acceptance day) are read from the case when the event is processed; they do not
change after the events that count them (the due date is final once the case is decided).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from onewindow.core.errors import Conflict
from onewindow.core.timeutil import now
from onewindow.reports.models import MEASURES, DailyCaseFact, MonthlyCaseFact, RollupState, WorkdayOrdinal

KEY = ("day", "centre_id", "department_id", "item_id", "actor_id")
# Events that count for something; the rest (review opinions, attachments, payments…) are skipped.
COUNTED_ACTIONS = ("receive", "accept", "deemed_accept", "supplement", "notice", "refuse", "out_of_remit",
                   "return", "withdraw", "escalate", "decide", "task_decide", "conclude")
DEFAULT_BATCH = 1_000_000


def lag_seconds() -> int:
    """Events younger than this are left to the live tail: a transaction that took an id earlier
    but commits later than a higher id must not be skipped by the watermark."""
    return int(getattr(settings, "ONEWINDOW_REPORTS_ROLLUP_LAG_SECONDS", 60))


def _day_sql() -> str:
    if connection.vendor == "postgresql":
        return f"(e.at AT TIME ZONE '{settings.TIME_ZONE}')::date"
    # SQLite stores UTC text; Asia/Shanghai has had no daylight saving since 1991.
    offset = timezone.localtime(now()).utcoffset() or dt.timedelta(0)
    hours = int(offset.total_seconds() // 3600)
    return f"date(e.at, '{hours:+d} hours')"


_DECIDED = "(ev.action = 'decide' OR (ev.action = 'task_decide' AND ev.to_state = 'decided'))"
MEASURE_SQL: dict[str, str] = {
    "received": "ev.action = 'receive'",
    "accepted": "(ev.action IN ('accept', 'deemed_accept') OR (ev.action = 'supplement' "
                "AND ev.to_state = 'accepted'))",
    "notices": "ev.action = 'notice'",
    "refused": "ev.action IN ('refuse', 'out_of_remit')",
    "returned": "ev.action = 'return'",
    "withdrawn": "ev.action = 'withdraw'",
    "escalated": "ev.action = 'escalate'",
    "decided": _DECIDED,
    "on_time": f"{_DECIDED} AND (ev.due IS NULL OR ev.day <= ev.due)",
    "early": f"{_DECIDED} AND ev.promised IS NOT NULL AND ev.day < ev.promised",
    "concluded": "ev.action = 'conclude'",
}


def _measure_columns() -> str:
    cols = []
    for m in MEASURES:
        if m == "wd_used":
            cols.append(f"SUM(CASE WHEN {_DECIDED} THEN COALESCE(w1.ordinal - w0.ordinal, 0) ELSE 0 END)"
                        f" AS {m}")
        else:
            cols.append(f"SUM(CASE WHEN {MEASURE_SQL[m]} THEN 1 ELSE 0 END) AS {m}")
    return ", ".join(cols)


@dataclass(frozen=True)
class EventFilter:
    """Which events a SELECT over the raw log reads: an id range, and optionally centres, a
    department and a time range (aware datetimes, end excluded)."""

    after_id: int | None = None  # None: above the stored watermark (read in the same statement)
    upto_id: int | None = None
    centres: Sequence[int] | None = None
    department: int | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def events_select(f: EventFilter) -> tuple[str, list[Any]]:
    """(SQL below is built from constants and %s placeholders only; values go in params.)
    SELECT of fact rows (KEY + MEASURES) computed from raw events: the rollup's input, the live
    tail of every report and the raw recount."""
    params: list[Any] = []
    where = ["e.action IN (" + ", ".join(f"'{a}'" for a in COUNTED_ACTIONS) + ")"]
    if f.after_id is None:
        where.append("e.id > COALESCE((SELECT watermark FROM reports_rollupstate WHERE id = 1), 0)")
    else:
        where.append("e.id > %s")
        params.append(f.after_id)
    if f.upto_id is not None:
        where.append("e.id <= %s")
        params.append(f.upto_id)
    if f.centres is not None:
        where.append("c.centre_id IN (" + ", ".join(["%s"] * len(f.centres) or ["NULL"]) + ")")
        params.extend(f.centres)
    if f.department is not None:
        where.append("c.department_id = %s")
        params.append(f.department)
    if f.start is not None:
        where.append("e.at >= %s")
        params.append(connection.ops.adapt_datetimefield_value(f.start))
    if f.end is not None:
        where.append("e.at < %s")
        params.append(connection.ops.adapt_datetimefield_value(f.end))
    sql = f"""
        SELECT ev.day AS day, ev.centre_id AS centre_id, ev.department_id AS department_id,
               ev.item_id AS item_id, ev.actor_id AS actor_id, {_measure_columns()}
        FROM (
            SELECT {_day_sql()} AS day, c.centre_id AS centre_id,
                   COALESCE(c.department_id, 0) AS department_id, c.item_id AS item_id,
                   COALESCE(e.actor_id, 0) AS actor_id, e.action AS action, e.to_state AS to_state,
                   c.decision_due_date AS due,
                   COALESCE(c.promised_due_date, c.decision_due_date) AS promised,
                   c.accepted_on AS accepted_on
            FROM cases_caseevent e JOIN cases_case c ON c.id = e.case_id
            WHERE {' AND '.join(where)}
        ) ev
        LEFT JOIN reports_workdayordinal w1 ON w1.day = ev.day
        LEFT JOIN reports_workdayordinal w0 ON w0.day = ev.accepted_on
        WHERE 1 = 1
        GROUP BY ev.day, ev.centre_id, ev.department_id, ev.item_id, ev.actor_id"""  # noqa: S608
    return sql, params


def _month_sql(day: str) -> str:
    """The statistical month of a day, as the first day of the month it is named after."""
    from onewindow.reports.periods import start_day

    first = start_day()
    if connection.vendor == "postgresql":
        this = f"date_trunc('month', {day})::date"
        nxt = f"(date_trunc('month', {day}) + interval '1 month')::date"
        return this if first == 1 else (
            f"CASE WHEN extract(day from {day}) >= {first} THEN {nxt} ELSE {this} END")
    this, nxt = f"date({day}, 'start of month')", f"date({day}, 'start of month', '+1 month')"
    return this if first == 1 else (
        f"CASE WHEN CAST(strftime('%d', {day}) AS INTEGER) >= {first} THEN {nxt} ELSE {this} END")


MONTH_KEY = ("month", "centre_id", "department_id", "item_id", "actor_id")


def _upsert_sql(select_sql: str) -> str:
    table = DailyCaseFact._meta.db_table
    cols = ", ".join((*KEY, *MEASURES))
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES)
    return (f"INSERT INTO {table} ({cols}) {select_sql} "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {updates}")


def _upsert_month_sql(select_sql: str) -> str:
    table = MonthlyCaseFact._meta.db_table
    cols = ", ".join((*MONTH_KEY, *MEASURES))
    updates = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in MEASURES)
    sums = ", ".join(f"SUM(d.{m})" for m in MEASURES)
    rest = "d.centre_id, d.department_id, d.item_id, d.actor_id"
    return (f"INSERT INTO {table} ({cols}) SELECT {_month_sql('d.day')} AS month, {rest}, {sums} "  # noqa: S608
            f"FROM ({select_sql}) d WHERE 1 = 1 GROUP BY 1, {rest} "
            f"ON CONFLICT ({', '.join(MONTH_KEY)}) DO UPDATE SET {updates}")


def ordinals_refresh(*, force: bool = False) -> bool:
    """Rebuild the working-day ordinals when the calendar changed since they were built. The caller
    holds the rollup lock. Facts already written keep the working days of their time; a rebuild
    recomputes them."""
    from onewindow.calendar.selectors import calendar_revision, get_calendar

    revision = calendar_revision()
    state = RollupState.objects.get(pk=1)
    if not force and state.calendar_revision == revision and WorkdayOrdinal.objects.exists():
        return False
    cal = get_calendar()
    rows, running = [], 0
    day = cal.start
    one = dt.timedelta(days=1)
    while day <= cal.end:
        running += 1 if cal.is_working_day(day) else 0
        rows.append(WorkdayOrdinal(day=day, ordinal=running))
        day += one
    WorkdayOrdinal.objects.all().delete()
    WorkdayOrdinal.objects.bulk_create(rows, batch_size=5000)
    RollupState.objects.filter(pk=1).update(calendar_revision=revision)
    return True


def _lock_state() -> RollupState:
    """Take the rollup lock: a second run at the same time fails fast instead of counting twice."""
    RollupState.objects.get_or_create(pk=1)
    if connection.vendor == "postgresql":
        try:
            return RollupState.objects.select_for_update(nowait=True).get(pk=1)
        except DatabaseError as exc:
            raise Conflict("rollup_running", "统计汇总正在运行", "A rollup run is in progress") from exc
    # SQLite: the first write takes the database's write lock, then the watermark is read fresh.
    RollupState.objects.filter(pk=1).update(updated_at=now())
    return RollupState.objects.get(pk=1)


@dataclass
class RollupResult:
    events: int
    watermark: int
    batches: int


def _max_event_id(*, after: int, cutoff: dt.datetime | None) -> int | None:
    sql = "SELECT MAX(id) FROM cases_caseevent WHERE id > %s"
    params: list[Any] = [after]
    if cutoff is not None:
        sql += " AND at <= %s"
        params.append(connection.ops.adapt_datetimefield_value(cutoff))
    with connection.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    return row[0] if row else None


def rollup_update(*, batch: int = DEFAULT_BATCH, lag: int | None = None, max_batches: int | None = None,
                  ) -> RollupResult:
    """Add the events above the watermark to the facts, `batch` event ids per transaction.
    Idempotent: each batch moves the watermark in the transaction that adds its events."""
    lag = lag_seconds() if lag is None else lag
    cutoff = now() - dt.timedelta(seconds=lag) if lag > 0 else None
    total, batches = 0, 0
    watermark = 0
    while max_batches is None or batches < max_batches:
        with transaction.atomic():
            state = _lock_state()
            ordinals_refresh()
            watermark = state.watermark
            target = _max_event_id(after=watermark, cutoff=cutoff)
            if target is None:
                break
            upto = min(target, watermark + batch)
            select_sql, params = events_select(EventFilter(after_id=watermark, upto_id=upto))
            with connection.cursor() as cur:
                cur.execute("SELECT COUNT(*) FROM cases_caseevent WHERE id > %s AND id <= %s",
                            [watermark, upto])
                total += cur.fetchone()[0]
                cur.execute(_upsert_sql(select_sql), params)
                cur.execute(_upsert_month_sql(select_sql), params)
            RollupState.objects.filter(pk=1).update(watermark=upto, updated_at=now(), runs=state.runs + 1)
            watermark = upto
            batches += 1
    return RollupResult(events=total, watermark=watermark, batches=batches)


def rollup_rebuild(*, batch: int = DEFAULT_BATCH, lag: int | None = None) -> RollupResult:
    """Forget every fact and read the whole event log again (after a calendar change, a bug fix,
    or a restore)."""
    with transaction.atomic():
        _lock_state()
        DailyCaseFact.objects.all().delete()
        MonthlyCaseFact.objects.all().delete()
        RollupState.objects.filter(pk=1).update(watermark=0)
        ordinals_refresh(force=True)
    return rollup_update(batch=batch, lag=lag)


def _whole_month(start: dt.date, end: dt.date) -> dt.date | None:
    """The month key when start..end is exactly one statistical month, else None."""
    from onewindow.reports.periods import period_containing

    period = period_containing(end)
    if (period.start, period.end) != (start, end):
        return None
    year, month = map(int, period.month.split("-"))
    return dt.date(year, month, 1)


def facts_union(*, centres: Sequence[int] | None, department: int | None, start: dt.date, end: dt.date,
                group: Sequence[str], live: bool = True, watermark: int | None = None,
                ) -> tuple[str, list[Any]]:
    """One statement: facts of days start..end plus (live) the raw events above the watermark
    (`watermark`, or the stored one read inside the statement when None), grouped by `group`."""
    bad = [g for g in group if g not in KEY]
    if bad:
        raise ValueError(bad)
    month = _whole_month(start, end) if "day" not in group else None
    if month is not None:
        table = MonthlyCaseFact._meta.db_table
        where = ["month = %s"]
        params: list[Any] = [connection.ops.adapt_datefield_value(month)]
    else:
        table = DailyCaseFact._meta.db_table
        where = ["day >= %s", "day <= %s"]
        params = [connection.ops.adapt_datefield_value(start), connection.ops.adapt_datefield_value(end)]
    if centres is not None:
        where.append("centre_id IN (" + (", ".join(["%s"] * len(centres)) or "NULL") + ")")
        params.extend(centres)
    if department is not None:
        where.append("department_id = %s")
        params.append(department)
    # Both parts give the same columns: the key without the day when the monthly table answers.
    cols = ", ".join((*(KEY if month is None else KEY[1:]), *MEASURES))
    parts = [f"SELECT {cols} FROM {table} WHERE {' AND '.join(where)}"]  # noqa: S608
    if live:
        tz = timezone.get_current_timezone()
        start_dt = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
        end_dt = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        tail, tail_params = events_select(EventFilter(after_id=watermark, centres=centres,
                                                      department=department, start=start_dt, end=end_dt))
        parts.append(tail if month is None else f"SELECT {cols} FROM ({tail}) t")  # noqa: S608
        params.extend(tail_params)
    group_cols = ", ".join(group)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    sql = (f"SELECT {group_cols + ', ' if group else ''}{sums} FROM ("  # noqa: S608
           + " UNION ALL ".join(parts) + ") f"
           + (f" GROUP BY {group_cols} ORDER BY {group_cols}" if group else ""))
    return sql, params


def _decode(rows, group: Sequence[str]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        key = dict(zip(group, row[: len(group)], strict=True))
        if isinstance(key.get("day"), str):  # SQLite returns dates as text
            key["day"] = dt.date.fromisoformat(key["day"])
        values = {m: int(v or 0) for m, v in zip(MEASURES, row[len(group):], strict=True)}
        out.append({**key, **values})
    return out


def _watermark(cur) -> int:
    cur.execute("SELECT watermark FROM reports_rollupstate WHERE id = 1")
    row = cur.fetchone()
    return int(row[0]) if row else 0


def figures_query(*, centres: Sequence[int] | None, department: int | None = None, start: dt.date,
                  end: dt.date, group: Sequence[str] = (), live: bool = True) -> list[dict[str, Any]]:
    """Facts of days start..end plus (live) the events above the watermark, in one statement.

    The watermark is passed as a literal so that PostgreSQL reads the tail through the primary key.
    A rollup run committing between reading it and the statement would count its events twice, so
    the watermark is read again afterwards and the query repeated if it moved."""
    with connection.cursor() as cur:
        for _ in range(5):
            mark = _watermark(cur) if live else 0
            sql, params = facts_union(centres=centres, department=department, start=start, end=end,
                                      group=group, live=live, watermark=mark)
            cur.execute(sql, params)
            rows = cur.fetchall()
            if not live or _watermark(cur) == mark:
                break
        return _decode(rows, group)


def raw_recount(*, centres: Sequence[int] | None, department: int | None = None, start: dt.date,
                end: dt.date, group: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The same figures straight from the event log, without the facts (the benchmark's baseline and
    the tests' cross-check)."""
    if any(g not in KEY for g in group):
        raise ValueError(group)
    tz = timezone.get_current_timezone()
    sql, params = events_select(EventFilter(
        after_id=0, centres=centres, department=department,
        start=dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        end=dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)))
    group_cols = ", ".join(group)
    sums = ", ".join(f"SUM({m})" for m in MEASURES)
    outer = (f"SELECT {group_cols + ', ' if group else ''}{sums} FROM ({sql}) r"  # noqa: S608
             + (f" GROUP BY {group_cols} ORDER BY {group_cols}" if group else ""))
    with connection.cursor() as cur:
        cur.execute(outer, params)
        return _decode(cur.fetchall(), group)
