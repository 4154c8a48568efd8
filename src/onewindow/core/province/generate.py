"""Write a province's year of cases with COPY (docs/scale.md "Province data").

PostgreSQL only. Reads the demo network and catalogue (load_demo first), then, day by day over the 12
months before `today`, writes applicants, cases, their events (valid state sequences with the audit
hash chain), case evaluations, hall tickets linked to their cases, and the per-centre number
sequences, so that intake through the services continues the numbering without collisions.
Same --seed, same rows: every random choice comes from one random.Random(seed).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection

from onewindow.calendar.selectors import get_calendar
from onewindow.core.province import shape
from onewindow.security.chain import event_digest

TZ = ZoneInfo("Asia/Shanghai")
BATCH = 20_000  # cases per COPY transaction
TABLES = ("cases_applicant", "cases_case", "cases_caseevent", "feedback_evaluation", "queueing_ticket",
          "queueing_ticketcase", "cases_casenumbersequence")


@dataclass
class Table:
    """Column order and default values of one model, as COPY wants them."""

    model: Any
    columns: list[str] = field(default_factory=list)
    attnames: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)
    rows: list[list[Any]] = field(default_factory=list)

    @classmethod
    def of(cls, model, *, with_id: bool = True) -> Table:
        t = cls(model)
        blank = model()
        for f in model._meta.concrete_fields:
            if f.primary_key and not with_id:
                continue  # the table's own sequence numbers these rows
            t.columns.append(f.column)
            t.attnames.append(f.attname)
            t.defaults[f.attname] = f.get_db_prep_save(getattr(blank, f.attname), connection)
        return t

    def add(self, values: dict[str, Any]) -> None:
        d = self.defaults
        self.rows.append([values[a] if a in values else d[a] for a in self.attnames])

    def copy(self, cur) -> int:
        n = len(self.rows)
        if n:
            cols = ", ".join(f'"{c}"' for c in self.columns)
            with cur.copy(f'COPY "{self.model._meta.db_table}" ({cols}) FROM STDIN') as cp:
                for row in self.rows:
                    cp.write_row(row)
        self.rows = []
        return n


@dataclass
class Reference:
    items: list[Any]
    cum_weights: list[float]  # Zipf popularity
    staff: dict[tuple[int, str], list[Any]]
    windows: dict[int, list[int]]
    lines: dict[int, Any]
    centres: dict[int, Any]


def reference(rng: random.Random) -> Reference:
    from onewindow.catalogue.models import ServiceItem
    from onewindow.network.models import Centre, StaffRole, Window
    from onewindow.queueing.models import QueueLine

    items = list(ServiceItem.objects.filter(current_version__isnull=False, department__isnull=False)
                 .select_related("current_version").order_by("pk"))
    if not items:
        raise RuntimeError("no published items with a department: run `manage.py load_demo` first")
    rng.shuffle(items)  # popularity rank, seeded
    staff: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for role in StaffRole.objects.select_related("staff").order_by("pk"):
        staff[(role.staff.centre_id, role.role)].append(role.staff)
    windows: dict[int, list[int]] = defaultdict(list)
    for win_pk, win_centre in Window.objects.order_by("pk").values_list("pk", "hall__centre_id"):
        windows[win_centre].append(win_pk)
    centres = {c.pk: c for c in Centre.objects.all()}
    lines = {}
    for centre in centres.values():
        line = QueueLine.objects.filter(centre=centre).order_by("pk").first()
        if line is None:  # the demo's queue step not loaded: one general line per centre
            line = QueueLine.objects.create(centre=centre, code="general", name="综合受理", prefix="A")
        lines[centre.pk] = line
    cum: list[float] = []
    total = 0.0
    for w in shape.zipf_weights(len(items)):
        total += w
        cum.append(total)
    return Reference(items, cum, staff, windows, lines, centres)


class Generator:
    def __init__(self, *, cases: int, seed: int, today: dt.date, out=sys.stderr) -> None:
        self.total, self.seed, self.today, self.out = cases, seed, today, out
        self.rng = random.Random(seed)
        cal = get_calendar()
        self.add_wd: Callable[[dt.date, int], dt.date] = lambda d, n: cal.due_date(d, n, ()).due_date
        self.is_working = cal.is_working_day
        self.rows = 0

    def _pick(self, ref: Reference, centre_id: int, role: str):
        people = ref.staff.get((centre_id, role)) or ref.staff.get((centre_id, "clerk")) or [None]
        return self.rng.choice(people)

    def _at(self, day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
        minute = shape.weighted(self.rng, shape.HOURS) + self.rng.randrange(0, 60)
        at = dt.datetime.combine(day, dt.time(minute // 60, minute % 60, self.rng.randrange(60),
                                             self.rng.randrange(1_000_000)), TZ)
        if after is not None and at <= after:
            at = after + dt.timedelta(minutes=self.rng.randint(1, 90))
        return at

    def run(self) -> dict[str, Any]:
        from onewindow.cases.models import Applicant, Case, CaseEvent
        from onewindow.feedback.models import Evaluation
        from onewindow.queueing.models import Ticket, TicketCase

        rng = self.rng
        ref = reference(rng)
        start = self.today - dt.timedelta(days=365)
        days = [start + dt.timedelta(days=i) for i in range(365)]
        per_day = shape.apportion(self.total, shape.day_weights(days, self.is_working))
        t_app, t_case, t_event = Table.of(Applicant), Table.of(Case), Table.of(CaseEvent, with_id=False)
        t_eval, t_ticket = Table.of(Evaluation, with_id=False), Table.of(Ticket)
        t_link = Table.of(TicketCase, with_id=False)
        tables = (t_app, t_case, t_event, t_eval, t_ticket, t_link)
        sequences: dict[tuple[int, dt.date], int] = defaultdict(int)
        ticket_seq: dict[tuple[int, dt.date], int] = defaultdict(int)
        raw = connection.connection  # psycopg 3 connection under Django's
        with connection.cursor() as c:
            c.execute("SELECT coalesce(max(id), 0) FROM cases_applicant")
            next_app = c.fetchone()[0] + 1
            c.execute("SELECT coalesce(max(id), 0) FROM cases_case")
            next_case = c.fetchone()[0] + 1
            c.execute("SELECT coalesce(max(id), 0) FROM queueing_ticket")
            next_ticket = c.fetchone()[0] + 1
            c.execute("SELECT " + " + ".join(f"pg_total_relation_size('{t}')" for t in TABLES))
            size0 = c.fetchone()[0]
        done, pending, t0 = 0, 0, time.monotonic()
        for day, count in zip(days, per_day, strict=True):
            for _ in range(count):
                item = rng.choices(ref.items, cum_weights=ref.cum_weights)[0]
                version, centre_id = item.current_version, item.centre_id
                centre = ref.centres[centre_id]
                sequences[(centre_id, day)] += 1
                number = centre.case_number_format.format(region=centre.region_id, date=day,
                                                          seq=sequences[(centre_id, day)], centre=centre_id)
                channel = shape.weighted(rng, shape.CHANNELS)
                promised = version.promised_days or 0
                steps, outcome = shape.path(rng, received=day, promised_days=promised, today=self.today,
                                            add_wd=self.add_wd)
                clerk = self._pick(ref, centre_id, "clerk")
                reviewer = self._pick(ref, centre_id, "reviewer")
                actors = {"clerk": clerk, "reviewer": reviewer,
                          "chief_representative": self._pick(ref, centre_id, "chief_representative"),
                          "issuer": self._pick(ref, centre_id, "issuer")}
                region = centre.region_id
                t_app.add({"id": next_app, "kind": "person", "name": "省级样本申请人",
                           "id_type": "resident_id",
                           "id_number": shape.resident_id(rng, str(region)),
                           "phone": f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"})
                prev, at = "", None
                times: dict[str, dt.datetime] = {}
                for seq, st in enumerate(steps, start=1):
                    at = self._at(st.day, at)
                    times.setdefault(st.to_state, at)
                    actor = actors[st.role]
                    actor_id = actor.user_id if actor is not None else None
                    digest = event_digest(number=number, seq=seq, actor_id=actor_id, actor_role=st.role,
                                          action=st.action, from_state=st.from_state, to_state=st.to_state,
                                          at=at, reason="", payload={}, prev_hash=prev)
                    t_event.add({"case_id": next_case, "seq": seq, "actor_id": actor_id,
                                 "actor_role": st.role,
                                 "action": st.action, "from_state": st.from_state, "to_state": st.to_state,
                                 "at": at, "reason": "", "payload": "{}", "prev_hash": prev, "hash": digest})
                    prev = digest
                accepted = times.get("accepted")
                acc_day = accepted.astimezone(TZ).date() if accepted else None
                statutory = version.statutory_days or promised
                decided, concluded = times.get("decided"), times.get("concluded") or times.get("refused")
                concluded = concluded or times.get("withdrawn") or times.get("returned")
                t_case.add({
                    "id": next_case, "number": number, "centre_id": centre_id,
                    "department_id": item.department_id,
                    "item_id": item.pk, "item_version_id": version.pk, "applicant_id": next_app,
                    "channel": channel,
                    "case_class": "immediate" if promised == 0 else "promised", "state": steps[-1].to_state,
                    "receiving_clerk_id": clerk.pk if clerk else None,
                    "reviewer_id": reviewer.pk if reviewer and "in_review" in times else None,
                    "situation_answers": "{}", "missing": "[]",
                    "received_at": times["received"], "received_on": day,
                    "notice_due_date": self.add_wd(day, 5),
                    "one_time_notice_at": times.get("supplement_required"),
                    "accepted_at": accepted, "accepted_on": acc_day,
                    "statutory_days": statutory, "promised_days": promised,
                    "statutory_due_date": self.add_wd(acc_day, statutory) if acc_day else None,
                    "promised_due_date": self.add_wd(acc_day, promised) if acc_day else None,
                    "decision_due_date": self.add_wd(acc_day, promised) if acc_day else None,
                    "issue_due_date": self.add_wd(decided.astimezone(TZ).date(), 10) if decided else None,
                    "decided_at": decided, "decided_on": decided.astimezone(TZ).date() if decided else None,
                    "handled_on": decided.astimezone(TZ).date() if decided else None,
                    "outcome": outcome, "issued_at": times.get("issued"),
                    "delivered_at": times.get("delivered"),
                    "delivery_method": "pickup" if "delivered" in times else "",
                    "concluded_at": concluded if outcome else None, "last_event_seq": len(steps),
                    "last_event_hash": prev, "created_at": times["received"], "updated_at": at})
                if steps[-1].to_state == "concluded" and outcome == "approve" and rng.random() < 0.55:
                    t_eval.add({"level": shape.weighted(rng, shape.LEVELS), "subject": "case",
                                "case_id": next_case, "staff_id": clerk.pk if clerk else None,
                                "centre_id": centre_id, "department_id": item.department_id,
                                "channel": shape.weighted(rng, shape.EVAL_CHANNELS), "tags": "[]", "text": "",
                                "created_at": times["concluded"] + dt.timedelta(minutes=rng.randint(1, 600))})
                if channel == "window":
                    ticket_seq[(centre_id, day)] += 1
                    tseq = ticket_seq[(centre_id, day)]
                    line = ref.lines[centre_id]
                    received_at = times["received"]
                    taken = received_at - dt.timedelta(minutes=rng.randint(3, 40))
                    wins: list[int | None] = [*ref.windows.get(centre_id, [])] or [None]
                    t_ticket.add({
                        "id": next_ticket, "centre_id": centre_id, "line_id": line.pk, "day": day,
                        "seq": tseq,
                        "number": f"{line.prefix}{tseq:04d}",
                        "token": f"pv{self.seed:04d}{next_ticket:026d}"[:32],
                        "status": "finished", "source": "kiosk", "priority_reasons": "[]", "taken_at": taken,
                        "sort_at": taken, "window_id": rng.choice(wins),
                        "staff_id": clerk.pk if clerk else None,
                        "call_count": 1, "first_called_at": received_at - dt.timedelta(minutes=2),
                        "called_at": received_at - dt.timedelta(minutes=2),
                        "serve_started_at": received_at - dt.timedelta(minutes=1),
                        "closed_at": received_at + dt.timedelta(minutes=rng.randint(4, 25))})
                    t_link.add({"ticket_id": next_ticket, "case_id": next_case, "linked_at": received_at,
                                "linked_by_id": clerk.pk if clerk else None})
                    next_ticket += 1
                next_app += 1
                next_case += 1
                done += 1
                pending += 1
                if pending >= BATCH:
                    self._flush(raw, tables)
                    pending = 0
                    self._progress(done, t0)
        self._flush(raw, tables)
        self._finish(raw, sequences)
        self._progress(done, t0, final=True)
        with connection.cursor() as c:
            c.execute("SELECT " + " + ".join(f"pg_total_relation_size('{t}')" for t in TABLES))
            size1 = c.fetchone()[0]
        seconds = time.monotonic() - t0
        return {"cases": done, "rows": self.rows, "bytes": size1 - size0, "seconds": seconds,
                "rows_per_case": self.rows / max(done, 1), "bytes_per_case": (size1 - size0) / max(done, 1)}

    def _flush(self, raw, tables) -> None:
        with raw.transaction(), raw.cursor() as cur:
            for t in tables:
                self.rows += t.copy(cur)

    def _finish(self, raw, sequences) -> None:
        """Number sequences continue after the generated cases; id sequences after the largest id."""
        with raw.transaction(), raw.cursor() as cur:
            cur.executemany(
                "INSERT INTO cases_casenumbersequence (centre_id, day, last) VALUES (%s, %s, %s) "
                "ON CONFLICT (centre_id, day) DO UPDATE SET last = greatest(cases_casenumbersequence.last, "
                "excluded.last)", [(c, d, n) for (c, d), n in sequences.items()])
            self.rows += len(sequences)
            for table in ("cases_applicant", "cases_case", "queueing_ticket"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - constants
                            f"(SELECT coalesce(max(id), 1) FROM {table}))")
        with raw.cursor() as cur:
            raw.autocommit = True
            for table in TABLES:
                cur.execute(f"ANALYZE {table}")

    def _progress(self, done: int, t0: float, final: bool = False) -> None:
        elapsed = time.monotonic() - t0
        rate = done / elapsed if elapsed else 0.0
        frac = done / max(self.total, 1)
        bar = "#" * int(frac * 30)
        eta = (self.total - done) / rate if rate else 0.0
        self.out.write(f"\r[{bar:<30}] {frac:6.1%} {done:,} cases {rate:,.0f}/s ETA {eta:,.0f} s")
        if final:
            self.out.write("\n")
        self.out.flush()
