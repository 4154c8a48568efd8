"""Colour thresholds with frozen time across the 2026 National Day holiday, in SQL and in Python."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from onewindow.cases.models import Case, Suspension
from onewindow.supervision.colour import colour_sql
from onewindow.supervision.models import Warning
from onewindow.supervision.selectors import case_colour
from tests.supervision.conftest import TODAY

D = dt.date


def sql_colour(case: Case) -> str:
    return Case.objects.annotate(colour=colour_sql(day=TODAY)).get(pk=case.pk).colour


@pytest.mark.parametrize(
    ("due", "promised", "expected"),
    [
        (D(2026, 9, 28), 10, "red"),  # yesterday: overdue
        (D(2026, 9, 29), 10, "yellow"),  # due today: 0 working days left
        (D(2026, 10, 8), 10, "yellow"),  # 9 calendar days away but only 2 working days (holiday)
        (D(2026, 10, 9), 10, "green"),  # 3 working days left, 10-day limit: 70 % used
        (D(2026, 10, 10), 20, "yellow"),  # Saturday make-up day: 4 left of 20 = 80 % used
        (D(2026, 10, 12), 20, "green"),  # 5 left of 20
        (D(2026, 10, 12), 30, "yellow"),  # 5 left of 30 ≤ 6 (20 %)
    ],
)
def test_colour_across_the_holiday(db, frozen, case_factory, due, promised, expected):
    case = case_factory(due=due, promised_days=promised)
    assert case_colour(case) == expected
    assert sql_colour(case) == expected


def test_extension_counts_in_the_limit(db, frozen, case_factory):
    # 10 + 15 = 25 working days: 20 % is 5, so 5 left (due 12 Oct) is yellow; without it green.
    assert case_colour(case_factory(due=D(2026, 10, 12), promised_days=10, extension_days=15)) == "yellow"
    assert case_colour(case_factory(due=D(2026, 10, 12), promised_days=10)) == "green"


@override_settings(ONEWINDOW_SUPERVISION_YELLOW_DAYS=3, ONEWINDOW_SUPERVISION_YELLOW_USED_PERCENT=100)
def test_thresholds_are_configurable(db, frozen, case_factory):
    case = case_factory(due=D(2026, 10, 9), promised_days=10)
    assert case_colour(case) == "yellow"
    assert sql_colour(case) == "yellow"
    assert case_colour(case_factory(due=D(2026, 10, 10), promised_days=10)) == "green"


def test_closed_and_unaccepted_cases_are_green(db, frozen, case_factory):
    assert case_colour(case_factory(state="concluded", due=D(2026, 9, 1))) == "green"
    assert case_colour(case_factory(state="received", accepted_on=None, due=None)) == "green"


def test_suspended_case_keeps_its_colour_while_paused(db, frozen, case_factory, reviewer):
    # Suspended on 28 Sep with its due date 8 Oct: 3 working days left then (29, 30 Sep, 8 Oct) → green,
    # and it stays green although the stored due date is now only 2 working days away.
    case = case_factory(state="suspended", due=D(2026, 10, 8), promised_days=10)
    Suspension.objects.create(
        case=case, kind="field_survey", reason="踏勘", started_on=D(2026, 9, 28), started_by=reviewer
    )
    assert case_colour(case) == "green"
    assert sql_colour(case) == "green"
    # The board carries the warning raised before the pause.
    Warning.objects.create(
        case=case,
        colour="yellow",
        due_date=case.decision_due_date,
        centre=case.centre,
        raised_at=dt.datetime(2026, 9, 28, 9, tzinfo=dt.UTC),
    )
    assert sql_colour(case) == "yellow"
    # A warning of an earlier clock generation does not count.
    case.decision_due_date = D(2026, 10, 20)
    case.save()
    assert sql_colour(case) == "green"
