"""core.tasks.enqueue: after commit, in-process by default, to Celery when a broker is configured."""

from __future__ import annotations

import logging
from unittest import mock

import pytest
from django.db import transaction

from onewindow.core import tasks

CALLS: list[dict] = []


def record(**kwargs) -> None:
    CALLS.append(kwargs)


def explode(**kwargs) -> None:
    raise RuntimeError("boom")


@pytest.fixture(autouse=True)
def _calls(monkeypatch):
    CALLS.clear()
    # enqueue only accepts onewindow.* paths: expose the probes of this module under one.
    import onewindow.core as core_pkg

    monkeypatch.setattr(core_pkg, "_scale_probe_record", record, raising=False)
    monkeypatch.setattr(core_pkg, "_scale_probe_explode", explode, raising=False)
    yield
    CALLS.clear()


def test_embedded_runs_after_commit_not_before(db, settings, django_capture_on_commit_callbacks):
    settings.CELERY_BROKER_URL = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tasks.enqueue("onewindow.core._scale_probe_record", case_id=7)
        assert CALLS == []  # nothing before the commit
    assert len(callbacks) == 1
    assert CALLS == [{"case_id": 7}]


def test_rolled_back_work_never_runs(transactional_db, settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(ValueError), transaction.atomic():
        tasks.enqueue("onewindow.core._scale_probe_record", case_id=1)
        raise ValueError("rollback")
    assert CALLS == []


def test_outside_a_transaction_runs_at_once(transactional_db, settings):
    settings.CELERY_BROKER_URL = ""
    tasks.enqueue("onewindow.core._scale_probe_record", n=1)
    assert CALLS == [{"n": 1}]


def test_embedded_failure_is_logged_not_raised(transactional_db, settings, caplog):
    settings.CELERY_BROKER_URL = ""
    with caplog.at_level(logging.ERROR, logger="onewindow.core.tasks"):
        tasks.enqueue("onewindow.core._scale_probe_explode")
    assert "background work onewindow.core._scale_probe_explode failed" in caplog.text


def test_with_a_broker_sends_a_celery_task_after_commit(db, settings, django_capture_on_commit_callbacks):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/5"
    settings.CELERY_TASK_DEFAULT_QUEUE = "q-test"
    with mock.patch("onewindow.celery.app.send_task") as send, \
            django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue("onewindow.core._scale_probe_record", notice_id=3)
        send.assert_not_called()
    send.assert_called_once_with("onewindow.run", args=["onewindow.core._scale_probe_record",
                                                        {"notice_id": 3}],
                                 queue="q-test")
    assert CALLS == []  # the worker runs it, not this process


@pytest.mark.parametrize("path", ["os.system", "subprocess.run", "onewindow.core.tasks.nothing_here",
                                  "onewindow"])
def test_only_onewindow_callables_are_accepted(path, db):
    with pytest.raises((ValueError, AttributeError)):
        tasks.enqueue(path)


def test_arguments_must_be_json(db):
    with pytest.raises(TypeError):
        tasks.enqueue("onewindow.core._scale_probe_record", when=object())


def test_worker_task_runs_the_function():
    from onewindow.celery import run

    run("onewindow.core._scale_probe_record", {"x": 2})  # the task body, called directly
    assert CALLS == [{"x": 2}]


def test_beat_schedule_names_existing_commands():
    from django.conf import settings
    from django.core.management import get_commands

    names = {entry["args"][0] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert names == {"cases_sweep", "queue_sweep", "licences_sweep", "supervise", "rollup_update",
                     "notify_applicants", "notifications_retry", "exchange_dispatch", "crossregion_sync",
                     "feedback_collect"}
    assert names <= set(get_commands())


def test_dispatch_runs_now_embedded(db, settings):
    settings.CELERY_BROKER_URL = ""
    tasks.dispatch("onewindow.core._scale_probe_record", notice_id=4)
    assert CALLS == [{"notice_id": 4}]


def test_dispatch_sends_now_with_a_broker(db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/5"
    settings.CELERY_TASK_DEFAULT_QUEUE = "q-test"
    with mock.patch("onewindow.celery.app.send_task") as send:
        tasks.dispatch("onewindow.core._scale_probe_record", notice_id=5)
    send.assert_called_once()
    assert CALLS == []
