"""Fixtures of the supervision tests: cases written straight into the tables (the sweep reads
tables, and hundreds of cases through the intake services would be slow), an item version, and a
frozen day just before the 2026 National Day holiday (Oct 1–7; Oct 10 is a make-up working day)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine

from onewindow.cases.models import Applicant, Case, CaseClass, CaseEvent
from onewindow.network.models import Role
from tests.factories import ItemVersionFactory, ServiceItemFactory, StaffFactory, UserFactory

TZ = dt.timezone(dt.timedelta(hours=8))
# Tuesday 29 September 2026, 10:00. Working days after it: 30 Sep, 8, 9, 10 (make-up Saturday), 12 Oct.
TODAY = dt.date(2026, 9, 29)
NOON = dt.datetime(2026, 9, 29, 10, 0, tzinfo=TZ)
_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and lockouts live in the cache (locmem, shared by the whole test process): start
    each test without the counters other tests left, so that token requests are not refused."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def version(department):
    item = ServiceItemFactory(department=department, centre=department.centre, name="食品经营许可")
    return ItemVersionFactory(item=item, statutory_days=20, promised_days=10)


def make_case(
    version,
    *,
    state="in_review",
    accepted_on=TODAY - dt.timedelta(days=14),
    due=None,
    promised_days=10,
    extension_days=0,
    reviewer=None,
    centre=None,
    department=None,
    case_class=CaseClass.PROMISED,
    **kw,
) -> Case:
    applicant = Applicant.objects.create(
        kind="person", name="张三", id_type="resident_id", id_number="11010519491231002X"
    )
    centre = centre or version.item.centre
    return Case.objects.create(
        number=f"T{next(_numbers):08d}",
        centre=centre,
        department=department or version.item.department,
        item=version.item,
        item_version=version,
        applicant=applicant,
        case_class=case_class,
        state=state,
        accepted_on=accepted_on,
        received_on=kw.pop("received_on", accepted_on),
        decision_due_date=due,
        promised_days=promised_days,
        statutory_days=20,
        extension_days=extension_days,
        reviewer=reviewer,
        **kw,
    )


def add_event(
    case: Case,
    action: str,
    *,
    at: dt.datetime,
    actor=None,
    role="reviewer",
    to_state=None,
    reason="x",
    payload=None,
) -> CaseEvent:
    case.last_event_seq += 1
    case.save(update_fields=["last_event_seq"])
    return CaseEvent.objects.create(
        case=case,
        seq=case.last_event_seq,
        actor=actor,
        actor_role=role,
        action=action,
        from_state=case.state,
        to_state=to_state or case.state,
        at=at,
        reason=reason,
        payload=payload or {},
    )


@pytest.fixture
def case_factory(version):
    def make(**kw):
        return make_case(version, **kw)

    return make


@pytest.fixture
def second_reviewer(centre, department):
    return StaffFactory(
        user=UserFactory(username="reviewer2"),
        name="reviewer2",
        centre=centre,
        department=department,
        roles=[Role.REVIEWER],
    )
