"""The read-replica router sends report reads to the replica and everything else to the primary."""

from __future__ import annotations

from onewindow.cases.models import Case
from onewindow.core.dbrouter import ReplicaRouter


class _Model:
    class _meta:  # noqa: N801 - stands in for a model's _meta
        app_label = "reports"


def test_without_a_replica_everything_stays_on_default(settings):
    router = ReplicaRouter()
    assert "replica" not in settings.DATABASES
    assert router.db_for_read(_Model) is None
    assert router.db_for_write(_Model) == "default"


def test_reports_read_from_the_replica_cases_do_not(settings, monkeypatch):
    monkeypatch.setattr("onewindow.core.dbrouter.has_replica", lambda: True)
    settings.ONEWINDOW_REPLICA_APPS = ["reports"]
    router = ReplicaRouter()
    assert router.db_for_read(_Model) == "replica"
    assert router.db_for_read(Case) is None  # a clerk reads their own write from the primary
    assert router.db_for_write(_Model) == "default"
    assert router.allow_migrate("replica", "reports") is False
    assert router.allow_migrate("default", "reports") is True
