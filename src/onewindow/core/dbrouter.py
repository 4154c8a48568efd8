"""Read-replica router (docs/deployment.md "Read replica").

Active only when DATABASE_REPLICA_URL is set (settings add DATABASES["replica"] and this router).
Reads of the apps named in REPLICA_APPS (reports and statistics: large scans that tolerate seconds of
lag) go to the replica; every write, and every read of other apps (cases, queueing, anything a
clerk just changed), stays on the primary, so no one reads their own write from a lagging copy.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULT_REPLICA_APPS = ("reports",)


def _replica_apps() -> tuple[str, ...]:
    return tuple(getattr(settings, "ONEWINDOW_REPLICA_APPS", DEFAULT_REPLICA_APPS))


def has_replica() -> bool:
    return "replica" in settings.DATABASES


class ReplicaRouter:
    replica = "replica"

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if has_replica() and model._meta.app_label in _replica_apps():
            return self.replica
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: objects from either are the same rows.
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == "default"
