"""PostgreSQL only: one evaluation per event and per case, and one use per SMS token, when several
submits arrive at the same moment (each thread its own connection)."""

from __future__ import annotations

import pytest

from onewindow.cases.models import Case
from onewindow.core.errors import Conflict
from onewindow.feedback.models import Evaluation, Rectification, ServiceEvent
from onewindow.feedback.services import (
    evaluation_invite_send,
    evaluation_submit,
    evaluation_submit_with_token,
)
from tests.concurrency import require_postgres, run_threads

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only():
    require_postgres()


def _outcome(results):
    ok = [r for r in results if isinstance(r, Evaluation)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(ok) + len(conflicts) == len(results), results
    return ok, conflicts


def test_four_submits_for_one_event_give_one_evaluation(transactional_db, event):
    results = run_threads(
        4,
        lambda i: evaluation_submit(
            level=1 + i, channel="window", event=ServiceEvent.objects.get(pk=event.pk)
        ),
    )
    ok, conflicts = _outcome(results)
    assert len(ok) == 1 and len(conflicts) == 3
    assert {c.code for c in conflicts} == {"already_evaluated"}
    assert Evaluation.objects.count() == 1
    # a loop only if the one stored evaluation is bad
    assert Rectification.objects.count() == (1 if ok[0].level <= 2 else 0)


def test_four_submits_for_one_case_give_one_evaluation(transactional_db, case):
    results = run_threads(
        4, lambda i: evaluation_submit(level=5, channel="web", case=Case.objects.get(pk=case.pk))
    )
    ok, _ = _outcome(results)
    assert len(ok) == 1 and Evaluation.objects.count() == 1


def test_one_token_used_four_times_at_once(transactional_db, event):
    _invite, token = evaluation_invite_send(event=event)
    results = run_threads(4, lambda i: evaluation_submit_with_token(token=token, level=4))
    ok, conflicts = _outcome(results)
    assert len(ok) == 1
    assert {c.code for c in conflicts} <= {"invite_used", "already_evaluated"}
