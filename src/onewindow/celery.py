"""Celery app: `celery -A onewindow worker` and `celery -A onewindow beat` (docs/deployment.md).

Needed only when CELERY_BROKER_URL is set; the embedded mode runs background work in-process
(onewindow.core.tasks). One generic task runs any `onewindow.*` function by dotted path, so that apps
need no Celery imports; beat runs the periodic management commands.
"""

from __future__ import annotations

import os
from typing import Any

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")

app = Celery("onewindow")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="onewindow.run", acks_late=True)
def run(dotted_path: str, kwargs: dict[str, Any]) -> Any:
    from onewindow.core.tasks import run as run_here

    return run_here(dotted_path, kwargs)


@app.task(name="onewindow.command")
def command(name: str, *args: str) -> None:
    """A periodic management command (the beat schedule in settings)."""
    from django.core.management import call_command

    call_command(name, *args)
