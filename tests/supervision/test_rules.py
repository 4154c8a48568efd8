"""Each anomaly rule fires on a case made for it and stays quiet on its near miss; the sweep does not
duplicate; a disabled rule does nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from onewindow.cases.models import CaseMaterial
from onewindow.supervision.models import Anomaly
from onewindow.supervision.rules import rules_run
from tests.factories import ItemVersionFactory, MaterialFactory, ServiceItemFactory
from tests.supervision.conftest import TZ, add_event, make_case

D = dt.date


def at(day: int, hour: int, month: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=TZ)


def found(rule: str) -> set[str]:
    rules_run(only=[rule])
    return set(Anomaly.objects.filter(rule=rule).values_list("subject", flat=True))


def test_repeated_suspensions(db, frozen, case_factory, reviewer):
    twice, once = case_factory(), case_factory()
    for day in (21, 24):
        add_event(twice, "suspend", at=at(day, 10), actor=reviewer.user)
    add_event(once, "suspend", at=at(24, 10), actor=reviewer.user)
    assert found("repeated_suspensions") == {f"case:{twice.pk}"}


def test_repeated_returns_by_reviewer(db, frozen, case_factory, reviewer, second_reviewer):
    for n in range(5):
        add_event(case_factory(), "return" if n % 2 else "suspend", at=at(28, 10), actor=reviewer.user)
    for _ in range(4):
        add_event(case_factory(), "return", at=at(28, 10), actor=second_reviewer.user)
    # The statistics month of 29 Sep 2026 is "2026-10" (25 Sep to 24 Oct).
    assert found("repeated_returns_by_reviewer") == {f"staff:{reviewer.pk}:2026-10"}


def test_immediate_not_same_day(db, frozen, case_factory):
    late = case_factory(case_class="immediate", accepted_on=D(2026, 9, 28), promised_days=0)
    case_factory(
        case_class="immediate", accepted_on=D(2026, 9, 28), handled_on=D(2026, 9, 28), state="decided"
    )
    case_factory(case_class="immediate", accepted_on=D(2026, 9, 29))  # today: still has the day
    case_factory(accepted_on=D(2026, 9, 28))  # promised case: not concerned
    assert found("immediate_not_same_day") == {f"case:{late.pk}"}


def test_late_one_time_notice(db, frozen, case_factory):
    common = {"received_on": D(2026, 9, 18), "notice_due_date": D(2026, 9, 25)}
    late = case_factory(
        state="supplement_required", accepted_on=None, one_time_notice_at=at(28, 10), **common
    )
    case_factory(state="supplement_required", accepted_on=None, one_time_notice_at=at(24, 10), **common)
    waiting = case_factory(state="received", accepted_on=None, **common)
    deemed = case_factory(state="accepted", accepted_on=D(2026, 9, 18), **common)
    add_event(deemed, "deemed_accept", at=at(28, 1), role="system", to_state="accepted")
    assert found("late_one_time_notice") == {f"case:{late.pk}", f"case:{waiting.pk}", f"case:{deemed.pk}"}


def test_extension_without_reason(db, frozen, case_factory):
    bare = case_factory(extension_days=10, extension_reason="")
    case_factory(extension_days=10, extension_reason="需专家论证")
    case_factory()
    assert found("extension_without_reason") == {f"case:{bare.pk}"}


def test_material_beyond_list(db, frozen, case_factory, version):
    own = MaterialFactory(version=version, name="申请书")
    other = MaterialFactory(version=ItemVersionFactory(), name="无犯罪记录证明")
    beyond, fine = case_factory(), case_factory()
    CaseMaterial.objects.create(case=beyond, material=own)
    CaseMaterial.objects.create(case=beyond, material=other)
    CaseMaterial.objects.create(case=fine, material=own)
    assert found("material_beyond_list") == {f"case:{beyond.pk}"}
    assert Anomaly.objects.get().detail == {"materials": ["无犯罪记录证明"]}


def test_resident_without_hall_cases(db, frozen, case_factory, department, version):
    # Last complete statistics month of 29 Sep 2026: "2026-09" = 25 Aug to 24 Sep.
    case_factory(received_on=D(2026, 9, 10))  # `version`'s item had a hall case
    idle = ItemVersionFactory(item=ServiceItemFactory(department=department, centre=department.centre)).item
    online_only = ItemVersionFactory(item=ServiceItemFactory(department=department, centre=department.centre))
    make_case(online_only, received_on=D(2026, 9, 10), channel="online")
    ItemVersionFactory(
        item=ServiceItemFactory(department=department, centre=department.centre, resident_in_hall=False)
    )
    assert found("resident_without_hall_cases") == {
        f"item:{idle.pk}:2026-09",
        f"item:{online_only.item.pk}:2026-09",
    }


def test_licence_not_issued(db, frozen, case_factory):
    decided = {"outcome": "approve", "decided_on": D(2026, 9, 10), "issue_due_date": D(2026, 9, 24)}
    waiting = case_factory(state="decided", **decided)
    late = case_factory(state="issued", issued_at=at(28, 10), **decided)
    case_factory(state="issued", issued_at=at(24, 10), **decided)
    case_factory(
        state="decided", outcome="approve", decided_on=D(2026, 9, 25), issue_due_date=D(2026, 10, 13)
    )
    assert found("licence_not_issued") == {f"case:{waiting.pk}", f"case:{late.pk}"}


def test_action_outside_hours(db, frozen, case_factory, reviewer):
    case = case_factory()
    evening = add_event(case, "review", at=at(28, 20), actor=reviewer.user)
    sunday = add_event(case, "review", at=at(27, 10), actor=reviewer.user)  # 27 Sep 2026 is a Sunday
    add_event(case, "review", at=at(28, 10), actor=reviewer.user)  # working hours
    add_event(case, "deemed_accept", at=at(28, 1), role="system")  # the software, not a person
    add_event(case, "submit", at=at(28, 23), actor=reviewer.user, role="citizen")  # a citizen online
    assert found("action_outside_hours") == {f"event:{evening.pk}", f"event:{sunday.pk}"}
    assert Anomaly.objects.get(subject=f"event:{evening.pk}").staff_id == reviewer.pk


def test_rules_are_idempotent(db, frozen, case_factory):
    case_factory(extension_days=10, extension_reason="")
    case_factory(case_class="immediate", accepted_on=D(2026, 9, 28), promised_days=0)
    first = rules_run()
    rows = set(Anomaly.objects.values_list("rule", "subject", "first_seen"))
    assert sum(first.values()) == len(rows) >= 2
    second = rules_run()
    assert sum(second.values()) == 0
    assert set(Anomaly.objects.values_list("rule", "subject", "first_seen")) == rows


@pytest.mark.parametrize("rule", ["extension_without_reason"])
def test_a_rule_can_be_disabled(db, frozen, case_factory, rule):
    case_factory(extension_days=10, extension_reason="")
    with override_settings(ONEWINDOW_SUPERVISION_RULES={rule: {"enabled": False}}):
        assert rule not in rules_run()
    assert not Anomaly.objects.exists()


def test_parameters_are_configurable(db, frozen, case_factory, reviewer):
    case = case_factory()
    add_event(case, "suspend", at=at(24, 10), actor=reviewer.user)
    with override_settings(ONEWINDOW_SUPERVISION_RULES={"repeated_suspensions": {"max_per_case": 1}}):
        assert found("repeated_suspensions") == {f"case:{case.pk}"}
