"""The complaint loop (the same step table): submit → assign → verify → rectify → reply (within the
10-working-day limit) → return visit → close → the complainant rates; overdue answers; anonymity."""

from __future__ import annotations

import datetime as dt

import pytest

from onewindow.core.errors import Invalid
from onewindow.feedback import selectors as sel
from onewindow.feedback.models import LoopStatus as S
from onewindow.feedback.services import (
    complaint_submit,
    loop_assign,
    loop_close,
    loop_rate,
    loop_rectify,
    loop_reply,
    loop_verify,
    loop_visit,
)
from tests.feedback.conftest import at


@pytest.fixture
def complaint(frozen, centre, case, clerk):
    return complaint_submit(
        kind="complaint",
        source="portal",
        centre=centre,
        subject="窗口多次要求补材料",
        text="同一材料被要求提交三次",
        case=case,
        staff=clerk,
        name="李四",
        phone="13700001234",
    )


def test_complaint_is_time_limited_and_linked(complaint, case, department):
    assert complaint.due_date == dt.date(2026, 3, 23)  # 10 working days after Mon 03-09
    assert complaint.step_due == dt.date(2026, 3, 10)
    assert complaint.department == department  # from the linked case
    assert complaint.visit_required is True
    assert complaint.reference.startswith("TS20260309")


def test_complaint_loop_end_to_end_with_overdue_answer(frozen, complaint, manager, reviewer):
    c = loop_assign(record=complaint, assignee=reviewer, by=manager)
    frozen.move_to(at(dt.date(2026, 3, 10)))
    c = loop_verify(record=c, founded=True, finding="属实", by=reviewer)
    # Rectification would get 15 working days, but the complaint must be answered by 03-23.
    assert c.step_due == dt.date(2026, 3, 23)
    c = loop_rectify(record=c, rectification="明确一次性告知", by=reviewer)
    frozen.move_to(at(dt.date(2026, 3, 24)))
    assert sel.is_overdue(c)
    assert c in sel.loop_list(staff=manager, kind="complaint", overdue=True)
    c = loop_reply(record=c, reply="已整改", by=reviewer)
    assert c.events.get(action="reply").late is True
    c = loop_visit(record=c, note="回访", by=manager)
    c = loop_close(record=c, by=manager)
    c = loop_rate(record=c, satisfaction=5)  # the complainant rates the handling
    assert (c.status, c.satisfaction) == (S.CLOSED, 5)
    assert c.events.last().action == "rate"


@pytest.mark.parametrize("kind", ["complaint", "report", "cannot_do"])
def test_only_suggestions_may_be_anonymous(frozen, centre, kind):
    with pytest.raises(Invalid) as err:
        complaint_submit(kind=kind, source="portal", centre=centre, subject="s", text="t", anonymous=True)
    assert err.value.code == "anonymous_not_allowed"


def test_anonymous_suggestion_needs_no_visit(frozen, centre, manager, reviewer):
    s = complaint_submit(
        kind="suggestion",
        source="portal",
        centre=centre,
        subject="增加座椅",
        text="大厅座椅不够",
        anonymous=True,
        name="不保存",
        phone="13700000000",
    )
    assert (s.name, s.phone, s.visit_required) == ("", "", False)
    s = loop_assign(record=s, assignee=reviewer, by=manager)
    s = loop_verify(record=s, founded=False, finding="采纳建议", by=reviewer)
    s = loop_reply(record=s, reply="已增加", by=reviewer)
    s = loop_close(record=s, by=manager)
    assert s.status == S.CLOSED


def test_named_complaint_needs_contact(frozen, centre):
    with pytest.raises(Invalid) as err:
        complaint_submit(kind="complaint", source="portal", centre=centre, subject="s", text="t", name="王五")
    assert err.value.code == "contact_required"


def test_linked_window_of_another_centre_is_refused(frozen, centre, other_centre):
    from tests.factories import WindowFactory

    with pytest.raises(Invalid):
        complaint_submit(
            kind="complaint",
            source="counter",
            centre=centre,
            subject="s",
            text="t",
            name="n",
            phone="13700001234",
            window=WindowFactory(centre=other_centre),
        )
