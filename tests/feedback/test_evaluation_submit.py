"""evaluation_submit: levels, tags, subjects, real name, one evaluation per event and per case."""

from __future__ import annotations

import pytest

from onewindow.core.errors import Conflict, Invalid
from onewindow.feedback.models import Evaluation, LoopStatus, Rectification
from onewindow.feedback.services import evaluation_submit


def test_event_evaluation_copies_the_scope_of_the_event(event, clerk, window, centre, department):
    e = evaluation_submit(level=5, channel="window", event=event, tags=["efficient"])
    assert (e.subject, e.staff, e.window, e.centre, e.department) == (
        "event",
        clerk,
        window,
        centre,
        department,
    )
    assert not Rectification.objects.exists()


def test_second_evaluation_of_the_same_event_is_a_conflict(event):
    evaluation_submit(level=4, channel="window", event=event)
    with pytest.raises(Conflict) as err:
        evaluation_submit(level=1, channel="sms", event=event)
    assert err.value.code == "already_evaluated"
    assert Evaluation.objects.count() == 1


def test_one_evaluation_per_case(case):
    evaluation_submit(level=3, channel="web", case=case)
    with pytest.raises(Conflict):
        evaluation_submit(level=5, channel="hotline", case=case)


def test_the_database_refuses_a_second_case_evaluation_even_without_the_check(case, centre):
    from django.db import IntegrityError, transaction

    evaluation_submit(level=3, channel="web", case=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evaluation.objects.create(
            level=5, subject="case", case=case, centre=centre, channel="web", created_at=case.created_at
        )


@pytest.mark.parametrize("level", [0, 6, -1])
def test_level_out_of_range(event, level):
    with pytest.raises(Invalid) as err:
        evaluation_submit(level=level, channel="window", event=event)
    assert err.value.code == "level_out_of_range"


def test_tag_must_fit_the_level(event):
    with pytest.raises(Invalid) as err:
        evaluation_submit(level=5, channel="window", event=event, tags=["attitude"])
    assert err.value.code == "unknown_tag"


def test_tags_are_configurable_per_level(event, settings):
    settings.ONEWINDOW_FEEDBACK_TAGS = {5: ["only_this"]}
    e = evaluation_submit(level=5, channel="window", event=event, tags=["only_this"])
    assert e.tags == ["only_this"]


def test_exactly_one_subject(event, case):
    with pytest.raises(Invalid):
        evaluation_submit(level=5, channel="web", event=event, case=case)
    with pytest.raises(Invalid):
        evaluation_submit(level=5, channel="web")


def test_real_name_needs_name_and_phone(event):
    with pytest.raises(Invalid) as err:
        evaluation_submit(level=2, channel="window", event=event, real_name=True, name="张三")
    assert err.value.code == "real_name_needs_contact"


def test_bad_review_opens_a_loop_due_in_one_working_day(event):
    e = evaluation_submit(
        level=2, channel="window", event=event, real_name=True, name="张三", phone="13900001111"
    )
    loop = e.rectification
    assert loop.status == LoopStatus.OPEN
    assert str(loop.step_due) == "2026-03-10"
    assert loop.visit_required is True
    assert loop.events.get().action == "open"


def test_anonymous_bad_review_does_not_require_a_visit(event):
    e = evaluation_submit(level=1, channel="window", event=event, name="ignored")
    assert e.rectification.visit_required is False
    assert e.evaluator_name == ""  # anonymous: nothing personal kept


def test_bad_review_notifies_the_centre_manager_inbox(event, manager, django_capture_on_commit_callbacks):
    from onewindow.notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        e = evaluation_submit(level=1, channel="window", event=event)
    note = Notification.objects.get(channel="inbox", recipient=manager.user)
    assert note.template == "feedback.loop_opened"
    assert f"R{e.rectification.pk}" in note.text and "2026-03-10" in note.text
