"""Cases and events written straight into the tables: the reports read only the event log, so the
fixtures build exactly the trail they need (hand-checkable) without running the case services."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo

import pytest

from onewindow.cases.models import Applicant, Case, CaseEvent
from tests.factories import ItemVersionFactory, ServiceItemFactory

SH = zoneinfo.ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=SH)


class Trail:
    """make(item, ...) a case; ev(case, action, when, ...) an event with the next seq."""

    def __init__(self):
        self.applicant = None

    def make(self, item, *, centre=None, department=None, accepted_on=None, due=None, promised=None, **kw):
        if self.applicant is None:
            self.applicant = Applicant.objects.create(kind="person", name="张三", id_type="resident_id",
                                                      id_number="110101199003074477")
        return Case.objects.create(
            number=f"T{next(_numbers):08d}", centre=centre or item.centre,
            department=department if department is not None else item.department, item=item,
            item_version=item.current_version, applicant=self.applicant, case_class="promised",
            state="received",
            accepted_on=accepted_on, decision_due_date=due, promised_due_date=promised, **kw)

    def ev(self, case, action, when, *, to_state="", actor=None):
        case.last_event_seq += 1
        Case.objects.filter(pk=case.pk).update(last_event_seq=case.last_event_seq)
        return CaseEvent.objects.create(case=case, seq=case.last_event_seq, actor=actor, actor_role="clerk",
                                        action=action, from_state="", to_state=to_state or action, at=when)


@pytest.fixture
def trail(db):
    return Trail()


@pytest.fixture
def item(department):
    return ItemVersionFactory(item=ServiceItemFactory(department=department)).item


@pytest.fixture
def item2(other_department):
    return ItemVersionFactory(item=ServiceItemFactory(department=other_department)).item
