"""Warnings: raised set-based when a case turns yellow or red, then notified in bounded batches.

warnings_raise is one INSERT … SELECT … ON CONFLICT DO NOTHING over the open cases whose clock runs:
the unique (case, colour, due_date) constraint makes a second run insert nothing, and a resumed or
extended case (new due date = new clock generation) can warn again. warnings_notify sends each
pending warning to the reviewer, the department's chief representatives and the centre managers
(notification_send, channel "inbox", one dedupe key per warning and recipient) and marks it."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import DateTimeField, Exists, OuterRef, Value
from django.utils.translation import gettext_lazy as _

from onewindow.cases.models import Case, CaseEvent, DepartmentTask
from onewindow.core.timeutil import now
from onewindow.core.timeutil import today as local_today
from onewindow.network.models import Role, Staff
from onewindow.notifications import templates
from onewindow.notifications.services import notification_send
from onewindow.supervision.colour import RUNNING, yellow_line
from onewindow.supervision.conf import conf
from onewindow.supervision.models import Colour, Warning

TEMPLATE = {Colour.YELLOW: "supervision_warning_yellow", Colour.RED: "supervision_warning_red"}


def register_templates() -> None:
    templates.register(
        TEMPLATE[Colour.YELLOW],
        _("Yellow warning: case %(number)s (%(item)s) is due on %(due)s; %(remaining)s working days remain."),
    )
    templates.register(
        TEMPLATE[Colour.RED], _("Red warning: case %(number)s (%(item)s) was due on %(due)s and is overdue.")
    )


def warning_candidates(*, day: dt.date, colour: str, since: dt.datetime | None = None):
    """Running cases of `colour` today without a warning of that colour for their current clock
    generation; with `since`, only cases with an event since then (an incremental run). One query per colour
    keeps each predicate simple: red is a plain range on the due date."""
    qs = Case.objects.filter(state__in=RUNNING, decision_due_date__isnull=False)
    if since is not None:
        # Every move of a case writes a CaseEvent (indexed on `at`): the few cases that moved.
        qs = qs.filter(pk__in=CaseEvent.objects.filter(at__gte=since).values("case_id"))
    if colour == Colour.RED:
        qs = qs.filter(decision_due_date__lt=day)
    else:
        qs = qs.filter(decision_due_date__gte=day, decision_due_date__lte=yellow_line(day))
    return qs.exclude(
        Exists(
            Warning.objects.filter(
                case_id=OuterRef("pk"), colour=colour, due_date=OuterRef("decision_due_date")
            )
        )
    )


@transaction.atomic
def warnings_raise(*, today: dt.date | None = None, since: dt.datetime | None = None) -> int:
    """Insert the new warnings (INSERT … SELECT … ON CONFLICT DO NOTHING); returns how many."""
    day = today or local_today()
    table = connection.ops.quote_name(Warning._meta.db_table)
    inserted = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compiling the long CASE costs more than running it (measured: bench/supervision_sweep.py).
            cursor.execute("SET LOCAL jit = off")
        for colour in (Colour.RED, Colour.YELLOW):
            select = (
                warning_candidates(day=day, colour=colour, since=since)
                .order_by()
                .annotate(warned=Value(colour), raised=Value(now(), output_field=DateTimeField()))
                .values_list(
                    "pk", "warned", "decision_due_date", "centre_id", "department_id", "reviewer_id", "raised"
                )
            )
            sql, params = select.query.sql_with_params()
            cursor.execute(
                f"INSERT INTO {table} (case_id, colour, due_date, centre_id, department_id, "
                f"reviewer_id, raised_at) {sql} ON CONFLICT DO NOTHING",
                params,
            )
            inserted += max(cursor.rowcount, 0)
    return inserted


def _recipients(warnings: list[Warning]) -> dict[int, list[Staff]]:
    """warning id -> staff to tell: the reviewer, the assignees of a joint case's department tasks,
    the chief representatives of the department, the managers of the centre (active logins only;
    three queries for the whole batch)."""
    departments = {w.department_id for w in warnings if w.department_id}
    centres = {w.centre_id for w in warnings}
    chiefs: dict[int, list[Staff]] = defaultdict(list)
    managers: dict[int, list[Staff]] = defaultdict(list)
    for s in (
        Staff.objects.filter(
            department_id__in=departments, roles__role=Role.CHIEF_REPRESENTATIVE, user__is_active=True
        )
        .select_related("user")
        .distinct()
    ):
        chiefs[s.department_id or 0].append(s)
    for s in (
        Staff.objects.filter(centre_id__in=centres, roles__role=Role.CENTRE_MANAGER, user__is_active=True)
        .select_related("user")
        .distinct()
    ):
        managers[s.centre_id].append(s)
    assignees: dict[int, list[Staff]] = defaultdict(list)
    for task in DepartmentTask.objects.filter(
        case_id__in={w.case_id for w in warnings}, assignee__isnull=False, assignee__user__is_active=True
    ).select_related("assignee__user"):
        assert task.assignee is not None  # filtered above
        assignees[task.case_id].append(task.assignee)
    out: dict[int, list[Staff]] = {}
    for w in warnings:
        people = [w.reviewer] if w.reviewer is not None and w.reviewer.user.is_active else []
        people += assignees.get(w.case_id, [])
        people += chiefs.get(w.department_id or 0, []) + managers.get(w.centre_id, [])
        out[w.pk] = list({s.pk: s for s in people}.values())
    return out


@transaction.atomic
def warnings_notify(*, batch: int | None = None, today: dt.date | None = None) -> int:
    """Notify up to `batch` pending warnings (oldest first); returns how many were notified. The
    rest wait for the next run, so that a day boundary that turns thousands yellow stays bounded."""
    from onewindow.supervision.selectors import remaining_working_days

    size = batch or int(conf("NOTIFY_BATCH"))
    pending = list(
        Warning.objects.select_for_update(skip_locked=connection.features.has_select_for_update_skip_locked)
        .filter(notified_at__isnull=True)
        .order_by("pk")[:size]
    )
    if not pending:
        return 0
    # Related rows are read separately: a locking query cannot join nullable relations on PostgreSQL.
    cases = {c.pk: c for c in Case.objects.filter(pk__in=[w.case_id for w in pending]).select_related("item")}
    reviewers = {
        s.pk: s
        for s in Staff.objects.filter(
            pk__in={w.reviewer_id for w in pending if w.reviewer_id}
        ).select_related("user")
    }
    for w in pending:
        w.reviewer = reviewers.get(w.reviewer_id) if w.reviewer_id else None
    people = _recipients(pending)
    budget, started = float(conf("NOTIFY_SECONDS")), time.monotonic()
    done: list[int] = []
    for w in pending:
        if done and time.monotonic() - started > budget:
            break  # the rest go with the next run
        done.append(w.pk)
        case = cases[w.case_id]
        context = {
            "number": case.number,
            "item": case.item.name,
            "due": w.due_date.isoformat(),
            "remaining": remaining_working_days(case, today=today) if w.colour == Colour.YELLOW else 0,
            "colour": w.colour,
        }
        for staff in people[w.pk]:
            notification_send(
                dedupe_key=f"supervision:warning:{w.pk}:{staff.pk}",
                channel="inbox",
                template=TEMPLATE[Colour(w.colour)],
                context=context,
                recipient=staff.user,
            )
    Warning.objects.filter(pk__in=done).update(notified_at=now())
    return len(done)


@transaction.atomic
def warnings_skip_pending() -> int:
    """Mark every pending warning notified without sending anything: for the first run on a database
    that already holds many late cases, whose warnings nobody needs thousands of inbox messages for.
    Returns how many were marked."""
    return Warning.objects.filter(notified_at__isnull=True).update(notified_at=now())
