"""The bad-review loop end to end with frozen time: assign → verify (1 working day, overdue) →
rectify (≤ 15 working days) → reply → return visit (mandatory for real name) → close → appeal →
re-review → close; the step table refuses wrong steps and wrong actors."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Conflict, Forbidden, Invalid
from onewindow.feedback import selectors as sel
from onewindow.feedback.models import LoopStatus as S
from onewindow.feedback.services import (
    evaluation_submit,
    loop_appeal,
    loop_assign,
    loop_close,
    loop_rectify,
    loop_reply,
    loop_verify,
    loop_visit,
)
from tests.feedback.conftest import at


@pytest.fixture
def bad(event):
    return evaluation_submit(
        level=1,
        channel="window",
        event=event,
        real_name=True,
        name="张三",
        phone="13900001111",
        tags=["attitude"],
    ).rectification


def test_full_loop_with_overdue_step_and_appeal(frozen, bad, manager, reviewer, chief):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    assert (r.status, r.step_due) == (S.VERIFYING, dt.date(2026, 3, 10))

    frozen.move_to(at(dt.date(2026, 3, 11)))  # verification was due yesterday
    assert sel.is_overdue(r)
    assert [x.pk for x in sel.loop_list(staff=manager, kind="rectification", overdue=True)] == [r.pk]

    r = loop_verify(record=r, founded=True, finding="窗口人员态度生硬属实", by=reviewer)
    assert (r.status, r.step_due) == (S.RECTIFYING, dt.date(2026, 4, 1))  # 15 working days after 03-11
    assert r.events.get(action="verify").late is True
    assert not sel.is_overdue(r)

    frozen.move_to(at(dt.date(2026, 3, 12)))
    r = loop_rectify(record=r, rectification="已批评教育并组织礼仪培训", by=reviewer)
    assert (r.status, r.step_due) == (S.REPLYING, dt.date(2026, 3, 16))
    r = loop_reply(record=r, reply="经核实属实，已整改，感谢监督", by=reviewer)
    assert r.status == S.VISITING

    with pytest.raises(Conflict) as err:  # real-name bad review: 100 % return visits
        loop_close(record=r, by=manager)
    assert err.value.code == "return_visit_required"
    with pytest.raises(Forbidden):  # the department does not visit itself back
        loop_visit(record=r, note="回访", by=reviewer)

    r = loop_visit(record=r, note="电话回访，群众表示满意", satisfaction=4, by=manager)
    r = loop_close(record=r, by=manager)
    assert (r.status, r.satisfaction, r.step_due) == (S.CLOSED, 4, None)
    assert r.closed_at is not None

    frozen.move_to(at(dt.date(2026, 3, 13)))
    r = loop_appeal(record=r, reason="问题仍然存在")  # the citizen appeals (no staff actor)
    assert (r.status, r.appeals, r.closed_at) == (S.APPEALED, 1, None)
    r = loop_assign(record=r, assignee=chief, by=manager, note="复核")
    assert r.status == S.VERIFYING
    r = loop_verify(record=r, founded=False, finding="复核：已整改到位", by=chief)
    assert r.status == S.REPLYING
    r = loop_reply(record=r, reply="复核结果", by=chief)
    r = loop_visit(record=r, note="再次回访", by=manager)
    r = loop_close(record=r, by=manager)
    with pytest.raises(Conflict) as err:
        loop_appeal(record=r, reason="再次申诉")
    assert err.value.code == "appeal_limit_reached"

    actions = list(r.events.values_list("action", flat=True))
    assert actions == [
        "open",
        "assign",
        "verify",
        "rectify",
        "reply",
        "visit",
        "close",
        "appeal",
        "assign",
        "verify",
        "reply",
        "visit",
        "close",
    ]
    assert all(e.from_status != e.to_status for e in r.events.exclude(action="open"))


def test_wrong_step_is_a_conflict(bad, manager, reviewer):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    with pytest.raises(Conflict) as err:
        loop_rectify(record=r, rectification="x", by=reviewer)
    assert err.value.code == "loop_step_not_allowed"


def test_only_organisers_assign(bad, reviewer, clerk):
    with pytest.raises(Forbidden):
        loop_assign(record=bad, assignee=reviewer, by=clerk)


def test_a_staff_member_not_assigned_may_not_verify(bad, manager, reviewer, clerk):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    with pytest.raises(Forbidden):
        loop_verify(record=r, founded=True, finding="x", by=clerk)


def test_outsider_cannot_be_assigned(bad, manager, outsider):
    with pytest.raises(Invalid) as err:
        loop_assign(record=bad, assignee=outsider, by=manager)
    assert err.value.code == "assignee_other_centre"


def test_rectify_days_above_the_configured_maximum_are_refused(bad, manager, reviewer, settings):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    with pytest.raises(Invalid):
        loop_verify(record=r, founded=True, finding="x", by=reviewer, rectify_days=16)
    settings.ONEWINDOW_FEEDBACK_RECTIFY_DAYS = 20
    r = loop_verify(record=r, founded=True, finding="x", by=reviewer, rectify_days=16)
    assert r.status == S.RECTIFYING


def test_shorter_rectification_deadline(bad, manager, reviewer):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    r = loop_verify(record=r, founded=True, finding="当场整改", by=reviewer, rectify_days=1)
    assert r.step_due == dt.date(2026, 3, 10)


def test_finding_is_required(bad, manager, reviewer):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    with pytest.raises(Invalid):
        loop_verify(record=r, founded=True, finding="  ", by=reviewer)


def test_appeal_after_the_appeal_period_is_refused(frozen, bad, manager, reviewer):
    r = loop_assign(record=bad, assignee=reviewer, by=manager)
    r = loop_verify(record=r, founded=False, finding="不属实", by=reviewer)
    r = loop_reply(record=r, reply="说明", by=reviewer)
    r = loop_visit(record=r, note="回访", by=manager)
    r = loop_close(record=r, by=manager)  # closed Mon 03-09; 10 working days → Mon 03-23
    frozen.move_to(at(dt.date(2026, 3, 23)))
    frozen.move_to(at(dt.date(2026, 3, 24)))
    with pytest.raises(Conflict) as err:
        loop_appeal(record=r, reason="晚了")
    assert err.value.code == "appeal_too_late"


def test_anonymous_bad_review_may_close_without_a_visit(event, manager, reviewer):
    r = evaluation_submit(level=2, channel="window", event=event).rectification
    r = loop_assign(record=r, assignee=reviewer, by=manager)
    r = loop_verify(record=r, founded=False, finding="不属实", by=reviewer)
    r = loop_reply(record=r, reply="说明", by=reviewer)
    r = loop_close(record=r, by=manager)
    assert r.status == S.CLOSED and r.visited_at is None
