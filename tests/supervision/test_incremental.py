"""Full and incremental sweeps: between full runs only cases saved since the previous run are looked at;
a new day, new thresholds or FULL_MINUTES force a full run."""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from onewindow.cases.models import Case
from onewindow.supervision.models import Warning
from onewindow.supervision.services import supervise
from tests.supervision.conftest import TZ, add_event

D = dt.date
LONG_AGO = dt.datetime(2026, 9, 1, tzinfo=TZ)


def test_runs_between_full_runs_look_at_changed_cases_only(db, frozen, case_factory):
    first = supervise(rules=False)
    assert first.full
    untouched = case_factory(due=D(2026, 10, 20))
    touched = case_factory(due=D(2026, 10, 20))
    # Both turn yellow; only one moves through a service (which writes an event), the other changes
    # behind the services' back.
    Case.objects.filter(pk=untouched.pk).update(decision_due_date=D(2026, 9, 30))
    touched.decision_due_date = D(2026, 9, 30)
    touched.save()
    add_event(touched, "extend", at=dt.datetime(2026, 9, 29, 10, 0, 30, tzinfo=TZ))
    frozen.shift(dt.timedelta(minutes=1))
    second = supervise(rules=False)
    assert not second.full and second.warnings == 1
    assert list(Warning.objects.values_list("case_id", flat=True)) == [touched.pk]
    third = supervise(rules=False, full=True)
    assert third.full and third.warnings == 1


def test_a_new_day_is_a_full_run(db, frozen, case_factory):
    case = case_factory(due=D(2026, 9, 30))
    Case.objects.filter(pk=case.pk).update(updated_at=LONG_AGO)
    supervise(rules=False)
    assert Warning.objects.filter(colour="yellow").count() == 1
    frozen.move_to(dt.datetime(2026, 10, 8, 0, 5, tzinfo=TZ))  # overdue since the holiday
    result = supervise(rules=False)
    assert result.full and Warning.objects.filter(colour="red").count() == 1


def test_new_thresholds_or_an_hour_force_a_full_run(db, frozen, case_factory):
    supervise(rules=False)
    frozen.shift(dt.timedelta(minutes=1))
    assert not supervise(rules=False).full
    with override_settings(ONEWINDOW_SUPERVISION_YELLOW_DAYS=5):
        assert supervise(rules=False).full
    frozen.shift(dt.timedelta(minutes=1))
    assert supervise(rules=False).full  # the thresholds changed back
    frozen.shift(dt.timedelta(minutes=61))
    assert supervise(rules=False).full
