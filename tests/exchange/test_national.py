"""National exchange export: record kinds, masking, incremental cursors, JSONL and CSV round-trip."""

from __future__ import annotations

import csv
import io
import json

from django.core.management import call_command

from onewindow.cases import services as svc
from onewindow.exchange.models import Cursor
from onewindow.exchange.national import COLUMNS, export_batch, to_csv, to_jsonl


def _decided(case, reviewer, chief):
    svc.case_suspend(case=case, by=reviewer, kind="field_survey", reason="现场踏勘")
    svc.case_resume(case=case, by=reviewer, result="符合")
    return svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")


def test_record_kinds_and_masking(accepted_case, reviewer, chief):
    _decided(accepted_case, reviewer, chief)
    records = export_batch().records
    kinds = [r["record"] for r in records]
    assert {"process", "acceptance", "special_procedure", "result"} <= set(kinds)
    acceptance = next(r for r in records if r["record"] == "acceptance")
    assert acceptance["applicant_id_number"] != accepted_case.applicant.id_number
    assert "*" in acceptance["applicant_id_number"]
    assert acceptance["implementation_code"] == accepted_case.item.implementation_code
    phases = [r["phase"] for r in records if r["record"] == "special_procedure"]
    assert phases == ["start", "end"]
    result = next(r for r in records if r["record"] == "result")
    assert result["outcome"] == "approve" and result["on_time"] is True
    unmasked = export_batch(unmasked=True).records
    assert next(r for r in unmasked if r["record"] == "acceptance")["applicant_id_number"] == \
        accepted_case.applicant.id_number


def test_incremental_by_cursor(accepted_case, reviewer, chief):
    first = export_batch()
    assert export_batch(after_event=first.next_event).records == []
    _decided(accepted_case, reviewer, chief)
    later = export_batch(after_event=first.next_event).records
    assert later and all(r["event_id"] > first.next_event for r in later)


def test_jsonl_and_csv_round_trip(accepted_case, reviewer, chief):
    _decided(accepted_case, reviewer, chief)
    records = export_batch().records
    back = [json.loads(line) for line in to_jsonl(records).splitlines()]
    assert back == records
    for kind in COLUMNS:
        rows = list(csv.DictReader(io.StringIO(to_csv(records, record=kind))))
        expected = [r for r in records if r["record"] == kind]
        assert len(rows) == len(expected)
        for row, rec in zip(rows, expected, strict=True):
            assert row == {k: "" if rec[k] is None else str(rec[k]) for k in COLUMNS[kind]}


def test_command_moves_the_cursor_and_dry_run_does_not(accepted_case, tmp_path):
    call_command("export_national", "--out", str(tmp_path / "a"), "--dry-run")
    assert Cursor.objects.get(name="national_export_events").position == 0
    call_command("export_national", "--out", str(tmp_path / "b"))
    position = Cursor.objects.get(name="national_export_events").position
    assert position == accepted_case.events.order_by("-pk").first().pk
    call_command("export_national", "--out", str(tmp_path / "c"), "--format", "csv")
    files = sorted((tmp_path / "c").iterdir())
    assert len(files) == len(COLUMNS)
    assert all(len(f.read_text(encoding="utf-8").splitlines()) == 1 for f in files)  # header only
