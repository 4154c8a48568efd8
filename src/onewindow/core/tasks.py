"""The background-work seam (docs/deployment.md "Background work").

`enqueue("onewindow.notices.services.notice_generate", notice_id=7)` runs the function after the
current transaction commits:

- embedded default (no CELERY_BROKER_URL): in this process, right after commit — what the apps do today
  with transaction.on_commit; a failure is logged, never raised into the request that committed;
- with CELERY_BROKER_URL set: a Celery task `onewindow.run` is sent after commit; a worker imports the
  function by its dotted path and calls it with the same keyword arguments.

Only keyword arguments that JSON can carry (ids, strings, numbers) — never model instances: a worker
reads the row itself, so the function must be idempotent (the callers' functions already are: one row
per notice / notification, re-running does nothing more).
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

TASK_NAME = "onewindow.run"
# Only our own code may be named: a message on the broker must not import arbitrary modules.
ALLOWED_PREFIX = "onewindow."


def resolve(dotted_path: str) -> Callable[..., Any]:
    if not dotted_path.startswith(ALLOWED_PREFIX):
        raise ValueError(f"background work must live under {ALLOWED_PREFIX}: {dotted_path!r}")
    module_name, _, attr = dotted_path.rpartition(".")
    if not module_name or not attr:
        raise ValueError(f"not a dotted path: {dotted_path!r}")
    fn = getattr(importlib.import_module(module_name), attr)
    if not callable(fn):
        raise ValueError(f"not callable: {dotted_path!r}")
    return fn


def run(dotted_path: str, kwargs: dict[str, Any]) -> Any:
    """What a worker (or the embedded mode) executes."""
    return resolve(dotted_path)(**kwargs)


def uses_celery() -> bool:
    return bool(getattr(settings, "CELERY_BROKER_URL", ""))


def _send(dotted_path: str, kwargs: dict[str, Any]) -> None:
    from onewindow.celery import app

    app.send_task(TASK_NAME, args=[dotted_path, kwargs],
                  queue=getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "onewindow"))


def _run_here(dotted_path: str, kwargs: dict[str, Any]) -> None:
    try:
        run(dotted_path, kwargs)
    except Exception:  # noqa: BLE001 - the request has committed; the job's own row records failures
        logger.exception("background work %s failed", dotted_path)


def dispatch(dotted_path: str, **kwargs: Any) -> None:
    """Run or send now, without waiting for a commit: for callers that already run after commit
    (an existing transaction.on_commit callback, a management command)."""
    resolve(dotted_path)
    json.dumps(kwargs)
    if uses_celery():
        _send(dotted_path, kwargs)
    else:
        _run_here(dotted_path, kwargs)


def enqueue(dotted_path: str, *, using: str | None = None, **kwargs: Any) -> None:
    """Run `dotted_path(**kwargs)` after the current transaction commits (at once outside one)."""
    resolve(dotted_path)  # fail in the caller, not later in a worker, on a typo
    json.dumps(kwargs)  # the same for arguments a broker could not carry
    if uses_celery():
        transaction.on_commit(lambda: _send(dotted_path, kwargs), using=using, robust=True)
    else:
        transaction.on_commit(lambda: _run_here(dotted_path, kwargs), using=using, robust=True)
