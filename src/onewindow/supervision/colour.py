"""The colour of a case's clock (DOMAIN §5 "Supervision colours"), in SQL for lists and the sweep,
and in Python for one case (`case_colour`, the contract other apps import through selectors).

Open cases under the decision clock are those in the working states (accepted, in review,
suspended). L = promised_days + extension_days (the case's decision limit in working days);
k(L) = max(YELLOW_DAYS, L × (100 − YELLOW_USED_PERCENT) // 100) is how many working days may remain
before the case turns yellow (at least 80 % used or at most 2 working days left, by default):
- red: the decision due date is before today (overdue);
- yellow: the due date is at or before the k(L)-th working day after today;
- green: otherwise, and for cases without a due date.
k(L) takes few values, so the SQL is a CASE over L with dates computed from the working-day
calendar in Python: no per-case loop, no calendar table in the database.

A suspended case's clock is stopped (art. 45): its colour does not change while it is paused. The
SQL gives it the colour of its latest warning of the current clock generation (the sweep raised it
before the pause); `case_colour` computes it exactly as of the day the pause began.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case as SqlCase
from django.db.models import CharField, DateField, Exists, F, OuterRef, Q, Value, When
from django.db.models.expressions import Expression
from django.db.models.lookups import LessThan

from onewindow.calendar.services import due_date
from onewindow.cases.models import Case, Suspension
from onewindow.cases.states import State
from onewindow.core.timeutil import today as local_today
from onewindow.supervision.conf import conf
from onewindow.supervision.models import Colour, Warning

RUNNING = (State.ACCEPTED, State.IN_REVIEW)
OPEN_STATES = (State.ACCEPTED, State.IN_REVIEW, State.SUSPENDED)
# Limits above this many working days use the threshold of this limit (keeps the CASE short).
LIMIT_CAP = 250


def yellow_room(limit: int) -> int:
    """k(L): working days that may remain when a case of limit L turns yellow."""
    percent = max(0, min(100, int(conf("YELLOW_USED_PERCENT"))))
    return max(int(conf("YELLOW_DAYS")), min(limit, LIMIT_CAP) * (100 - percent) // 100)


def yellow_line(day: dt.date) -> Expression:
    """The last due date that is yellow today, as a CASE over the case's limit L. The branches go
    up from the smallest k, so the usual limits (a few weeks) match in the first branch or two."""
    yellow_days = int(conf("YELLOW_DAYS"))
    percent = max(0, min(100, int(conf("YELLOW_USED_PERCENT"))))
    room = 100 - percent
    top = LIMIT_CAP * room // 100

    def line(k: int) -> Value:
        return Value(due_date(start=day, working_days=k).due_date, output_field=DateField())

    if top <= yellow_days:
        return line(yellow_days)
    limit = F("promised_days") + F("extension_days")
    # k(L) = k exactly when L < least(k + 1), least(k) being the smallest L with L*room//100 >= k.
    whens = [When(LessThan(limit, -(-(k + 1) * 100 // room)), then=line(k)) for k in range(yellow_days, top)]
    return SqlCase(*whens, default=line(top), output_field=DateField())


def _warned(colour: str) -> Exists:
    return Exists(
        Warning.objects.filter(case_id=OuterRef("pk"), colour=colour, due_date=OuterRef("decision_due_date"))
    )


def running_colour_sql(*, day: dt.date) -> Expression:
    """The colour of a case whose clock runs (not suspended)."""
    return SqlCase(
        When(decision_due_date__isnull=True, then=Value(Colour.GREEN)),
        When(decision_due_date__lt=day, then=Value(Colour.RED)),
        When(decision_due_date__lte=yellow_line(day), then=Value(Colour.YELLOW)),
        default=Value(Colour.GREEN),
        output_field=CharField(),
    )


def colour_sql(*, day: dt.date | None = None) -> Expression:
    """The colour of any open case (see the module docstring)."""
    day = day or local_today()
    return SqlCase(
        When(Q(state=State.SUSPENDED) & _warned(Colour.RED), then=Value(Colour.RED)),
        When(Q(state=State.SUSPENDED) & _warned(Colour.YELLOW), then=Value(Colour.YELLOW)),
        When(state=State.SUSPENDED, then=Value(Colour.GREEN)),
        default=running_colour_sql(day=day),
        output_field=CharField(),
    )


def case_colour(case: Case, *, today: dt.date | None = None) -> str:
    """ "green" | "yellow" | "red" for one case (remaining working days against the thresholds).
    Closed cases and cases not yet accepted are green: their decision clock is not running."""
    day = today or local_today()
    due = case.decision_due_date
    if case.state not in OPEN_STATES or due is None:
        return Colour.GREEN
    if case.state == State.SUSPENDED:
        pause = (
            Suspension.objects.filter(case_id=case.pk, ended_on__isnull=True)
            .order_by("-started_on", "-id")
            .values_list("started_on", flat=True)
            .first()
        )
        day = min(day, pause) if pause else day
    if due < day:
        return Colour.RED
    limit = case.promised_days + case.extension_days
    if due <= due_date(start=day, working_days=yellow_room(limit)).due_date:
        return Colour.YELLOW
    return Colour.GREEN
