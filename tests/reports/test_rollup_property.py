"""Property: whatever the event stream and however it is cut into rollup runs, the facts equal an
independent recount in Python (local day, measures, working days from the calendar)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from onewindow.calendar.services import is_working_day
from onewindow.cases.models import Case, CaseEvent
from onewindow.reports.models import MEASURES, DailyCaseFact, MonthlyCaseFact, RollupState
from onewindow.reports.periods import period_containing
from onewindow.reports.rollup import rollup_update
from tests.reports.conftest import SH

BASE = dt.date(2024, 12, 20)  # spans a year end and the New Year holiday
ACTIONS = ["receive", "accept", "deemed_accept", "supplement", "notice", "refuse", "out_of_remit", "return",
           "withdraw", "escalate", "decide", "task_decide", "conclude", "review", "pay", "attach"]

case_st = st.tuples(st.integers(0, 1), st.integers(0, 20), st.integers(0, 25), st.integers(0, 25))
event_st = st.tuples(st.integers(0, 5), st.sampled_from(ACTIONS), st.integers(0, 40), st.integers(0, 23),
                     st.booleans(), st.booleans())


def _wd(start: dt.date, end: dt.date) -> int:
    sign, (a, b) = (1, (start, end)) if end >= start else (-1, (end, start))
    n, day = 0, a
    while day < b:
        day += dt.timedelta(days=1)
        n += is_working_day(day)
    return sign * n


def expected(cases, events):
    out: dict[tuple, Counter] = {}
    for case, action, when, to_state, actor in events:
        day = when.astimezone(SH).date()
        key = (day, case.centre_id, case.department_id or 0, case.item_id, actor or 0)
        row = out.setdefault(key, Counter())
        decided = action == "decide" or (action == "task_decide" and to_state == "decided")
        row["received"] += action == "receive"
        row["accepted"] += action in ("accept", "deemed_accept") or (
            action == "supplement" and to_state == "accepted")
        row["notices"] += action == "notice"
        row["refused"] += action in ("refuse", "out_of_remit")
        row["returned"] += action == "return"
        row["withdrawn"] += action == "withdraw"
        row["escalated"] += action == "escalate"
        row["concluded"] += action == "conclude"
        if decided:
            row["decided"] += 1
            row["on_time"] += case.decision_due_date is None or day <= case.decision_due_date
            promised = case.promised_due_date or case.decision_due_date
            row["early"] += promised is not None and day < promised
            row["wd_used"] += _wd(case.accepted_on, day) if case.accepted_on else 0
    return {k: {m: v.get(m, 0) for m in MEASURES} for k, v in out.items() if any(v.values())}


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case_specs=st.lists(case_st, min_size=1, max_size=6), stream=st.lists(event_st, max_size=40),
       cuts=st.lists(st.integers(1, 40), min_size=1, max_size=4))
def test_rollup_equals_recount(trail, item, item2, clerk, case_specs, stream, cuts):
    CaseEvent.objects.all().delete()
    MonthlyCaseFact.objects.all().delete()
    Case.objects.all().delete()
    DailyCaseFact.objects.all().delete()
    RollupState.objects.all().delete()
    cases = []
    for which, acc, due, promised in case_specs:
        cases.append(trail.make(item if which else item2, accepted_on=BASE + dt.timedelta(days=acc),
                                due=BASE + dt.timedelta(days=acc + due),
                                promised=BASE + dt.timedelta(days=acc + min(due, promised))))
    written = []
    pending = list(stream)
    for cut in [*cuts, len(stream)]:
        chunk, pending = pending[:cut], pending[cut:]
        for idx, action, day, hour, complete, by_clerk in chunk:
            case = cases[idx % len(cases)]
            when = dt.datetime.combine(BASE + dt.timedelta(days=day), dt.time(hour), tzinfo=dt.UTC)
            to_state = ("accepted" if complete else "supplement_required") if action == "supplement" else (
                ("decided" if complete else "in_review") if action == "task_decide" else action)
            actor = clerk.user if by_clerk else None
            trail.ev(case, action, when, to_state=to_state, actor=actor)
            written.append((case, action, when, to_state, actor.pk if actor else 0))
        rollup_update(lag=0, batch=max(1, cut // 2))
    facts = {(f.day, f.centre_id, f.department_id, f.item_id, f.actor_id):
             {m: getattr(f, m) for m in MEASURES} for f in DailyCaseFact.objects.all()}
    facts = {k: v for k, v in facts.items() if any(v.values())}
    assert facts == expected(cases, written)
    # the monthly table is the daily one summed by statistical month

    by_month: dict[tuple, Counter] = {}
    for (day, *rest), values in facts.items():
        p = period_containing(day)
        key = (dt.date(int(p.month[:4]), int(p.month[5:]), 1), *rest)
        by_month.setdefault(key, Counter()).update(values)
    monthly = {(f.month, f.centre_id, f.department_id, f.item_id, f.actor_id):
               {m: getattr(f, m) for m in MEASURES} for f in MonthlyCaseFact.objects.all()}
    monthly = {k: v for k, v in monthly.items() if any(v.values())}
    assert monthly == {k: {m: v.get(m, 0) for m in MEASURES} for k, v in by_month.items()}
