"""The art. 32 sweep: an application left without a one-time notice past the item's notice_days
(5 working days by default) counts as accepted from the day its materials were received."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction

from onewindow.cases.models import Case
from onewindow.cases.services._base import move_begin, move_finish
from onewindow.cases.services.acceptance import accept_apply, accept_effects
from onewindow.cases.states import State
from onewindow.core.errors import DomainError
from onewindow.core.timeutil import today

logger = logging.getLogger(__name__)


def cases_due_for_deemed_acceptance(*, on: dt.date):
    return (Case.objects.filter(state__in=[State.RECEIVED, State.SUPPLEMENT_REQUIRED],
                                one_time_notice_at__isnull=True, notice_due_date__lt=on)
            .order_by("pk").values_list("pk", flat=True))


@transaction.atomic
def case_deemed_accept(*, case: Case | int, on: dt.date) -> Case | None:
    """Accept one case as of its receipt date; None when it no longer qualifies (idempotent)."""
    move = move_begin(case=case, by=None, action="deemed_accept")
    c = move.case
    received_on, notice_due = c.received_on, c.notice_due_date
    if c.one_time_notice_at is not None or received_on is None or notice_due is None or notice_due >= on:
        return None
    accept_apply(case=c, by=None, accepted_on=received_on,
                 opinion="逾期未告知，视为受理（行政许可法第三十二条）")
    event = move_finish(move, payload={"accepted_on": received_on.isoformat(),
                                       "notice_due_date": notice_due.isoformat(), "article": "32"})
    accept_effects(case=c, by=None, event=event)
    return c


def cases_sweep(*, on: dt.date | None = None) -> int:
    """Deem every qualifying case accepted, one transaction per case; returns how many. Running it
    again changes nothing."""
    on = on or today()
    done = 0
    for pk in list(cases_due_for_deemed_acceptance(on=on)):
        try:
            if case_deemed_accept(case=pk, on=on) is not None:
                done += 1
        except DomainError:
            # A case that moved meanwhile (e.g. accepted at the window) is simply not ours any more.
            logger.info("cases_sweep: case %s skipped", pk, exc_info=True)
    return done
