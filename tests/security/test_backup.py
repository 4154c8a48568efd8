"""manage.py backup / restore round trip: every table's row count and the audit chain come back."""

from __future__ import annotations

import io
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from onewindow.cases.models import Case, CaseEvent
from onewindow.security.audit import audit_anchor_create, audit_verify
from tests.cases.conftest import intake


def counts() -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()
            if m._meta.db_table in tables and m._meta.managed}


@pytest.fixture
def filled(transactional_db, frozen, clerk, reviewer, version):
    from onewindow.cases import services as svc

    cases = [intake(clerk, version).case for _ in range(3)]
    svc.case_review(case=cases[0], by=reviewer, opinion="通过")
    audit_anchor_create()
    return cases


def _round_trip(tmp_path, clerk, version):
    before = counts()
    assert before["cases.Case"] == 3 and before["cases.CaseEvent"] >= 7
    path = tmp_path / ("db" + (".sqlite3" if connection.vendor == "sqlite" else ".pgdump"))
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert path.stat().st_size > 0 and "backup written" in out.getvalue()

    # Life goes on after the backup: a new case, and an old one damaged.
    intake(clerk, version)
    CaseEvent.objects.filter(seq=1).update(reason="损坏")
    assert audit_verify()

    call_command("restore", str(path), "--yes", stdout=io.StringIO())
    assert counts() == before
    assert audit_verify(all_anchors=True) == []
    call_command("verify_audit", stdout=io.StringIO())


def test_sqlite_round_trip_keeps_counts_and_chain(filled, tmp_path, clerk, version):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite backend")
    _round_trip(tmp_path, clerk, version)


@pytest.mark.postgres
def test_postgres_round_trip_keeps_counts_and_chain(filled, tmp_path, clerk, version):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL backend")
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore not installed")
    _round_trip(tmp_path, clerk, version)


def test_restore_needs_confirmation(tmp_path, db):
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "x"))


def test_backup_refuses_to_overwrite(tmp_path, db):
    target = tmp_path / "existing"
    target.write_text("keep me")
    with pytest.raises(CommandError):
        call_command("backup", str(target))
    assert target.read_text() == "keep me"


def test_restore_refuses_a_corrupt_file(tmp_path, db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite integrity check")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception):  # noqa: B017 - sqlite3.DatabaseError or our CommandError
        call_command("restore", str(bad), "--yes")
    assert Case.objects.count() == 0
