"""The case audit trail is hash-chained; verify_audit finds every kind of tampering."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction

from onewindow.cases.models import Case, CaseEvent
from onewindow.security.audit import audit_anchor_create, audit_verify
from onewindow.security.chain import digest_of_row


def _raw_delete_referrers(model, qs):
    """Plain DELETEs of the rows that point at `qs` (one level), as someone with SQL access would."""
    for rel in model._meta.related_objects:
        try:
            with transaction.atomic():
                rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": qs})._raw_delete(
                    using="default")
        except DatabaseError:  # an app whose tables are not migrated yet holds nothing
            pass


def drop_events(**where):
    events = CaseEvent.objects.filter(**where)
    _raw_delete_referrers(CaseEvent, events)
    events._raw_delete(using="default")


def drop_case(case):
    drop_events(case=case)
    _raw_delete_referrers(Case, Case.objects.filter(pk=case.pk))
    Case.objects.filter(pk=case.pk)._raw_delete(using="default")


def kinds(findings):
    return sorted({f.kind for f in findings})


def test_events_are_chained_per_case(cases_trail):
    for case in cases_trail:
        rows = list(case.events.order_by("seq"))
        assert rows, case
        prev = ""
        for row in rows:
            assert row.prev_hash == prev
            assert row.hash == digest_of_row(row, number=case.number, prev_hash=prev)
            prev = row.hash
        assert case.last_event_hash == prev
        assert case.last_event_seq == rows[-1].seq
    assert audit_verify() == []


def test_verify_audit_command_passes_on_intact_trail(cases_trail):
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_changed_reason_is_found(cases_trail):
    a, _, _ = cases_trail
    CaseEvent.objects.filter(case=a, seq=1).update(reason="改过的理由")
    found = audit_verify()
    assert [(f.kind, f.case, f.seq) for f in found] == [("changed", a.number, 1)]


@pytest.mark.parametrize("field,value", [("actor_role", "chief_representative"), ("to_state", "decided"),
                                         ("payload", {"channel": "x"})])
def test_changed_field_is_found(cases_trail, field, value):
    a, _, _ = cases_trail
    CaseEvent.objects.filter(case=a, seq=1).update(**{field: value})
    assert kinds(audit_verify()) == ["changed"]


def test_changed_time_is_found(cases_trail):
    a, _, _ = cases_trail
    ev = CaseEvent.objects.get(case=a, seq=1)
    CaseEvent.objects.filter(pk=ev.pk).update(at=ev.at.replace(microsecond=(ev.at.microsecond + 1) % 10**6))
    assert kinds(audit_verify()) == ["changed"]


def test_rehashed_change_breaks_the_link_to_the_next_event(cases_trail):
    """A forger who recomputes the changed event's own hash still breaks the next event's link."""
    a, _, _ = cases_trail
    ev = CaseEvent.objects.get(case=a, seq=1)
    ev.reason = "伪造"
    ev.hash = digest_of_row(ev, number=a.number, prev_hash=ev.prev_hash)
    ev.save()
    found = audit_verify()
    assert [(f.kind, f.seq) for f in found] == [("inserted", 2)]


def test_deleted_middle_event_is_found(cases_trail):
    *_, c = cases_trail
    assert c.last_event_seq == 3
    drop_events(case=c, seq=2)
    found = audit_verify()
    assert ("deleted", c.number, 2) in [(f.kind, f.case, f.seq) for f in found]


def test_deleted_last_event_is_found_by_the_case_head(cases_trail):
    *_, c = cases_trail
    drop_events(case=c, seq=3)
    assert [(f.kind, f.seq) for f in audit_verify()] == [("deleted", 3)]


def test_deleted_last_event_with_head_rewound_is_found(cases_trail):
    *_, c = cases_trail
    drop_events(case=c, seq=3)
    Case.objects.filter(pk=c.pk).update(last_event_seq=2)
    assert kinds(audit_verify()) == ["head"]


def test_inserted_event_is_found(cases_trail):
    a, _, _ = cases_trail
    last = CaseEvent.objects.get(case=a, seq=a.last_event_seq)
    CaseEvent.objects.create(case=a, seq=last.seq + 1, actor_role="clerk", action="refuse",
                             from_state=last.to_state, to_state="refused", at=last.at, reason="x")
    assert {"unchained", "inserted"} <= set(kinds(audit_verify()))


def test_inserted_forged_event_with_a_valid_link_is_found_by_the_head(cases_trail):
    a, _, _ = cases_trail
    last = CaseEvent.objects.get(case=a, seq=a.last_event_seq)
    forged = CaseEvent(case=a, seq=last.seq + 1, actor_role="clerk", action="refuse",
                       from_state=last.to_state, to_state="refused", at=last.at, reason="x",
                       prev_hash=last.hash)
    forged.hash = digest_of_row(forged, number=a.number, prev_hash=last.hash)
    forged.save()
    assert [(f.kind, f.seq) for f in audit_verify()] == [("inserted", a.last_event_seq + 1)]


def test_deleted_whole_case_is_found_by_the_anchor(cases_trail):
    audit_anchor_create()
    assert audit_verify() == []
    _, b, _ = cases_trail
    drop_case(b)  # cascades to its events: every per-case check passes
    found = audit_verify()
    assert found and kinds(found) == ["anchor"]
    assert any("cases" in f.detail for f in found)


def test_rewritten_history_is_found_by_the_anchor(cases_trail):
    """Rewrite an event and every hash after it, and the head: only the anchor still knows."""
    audit_anchor_create()
    a, _, _ = cases_trail
    prev = ""
    for row in CaseEvent.objects.filter(case=a).order_by("seq"):
        if row.seq == 1:
            row.reason = "伪造"
        row.prev_hash = prev
        row.hash = prev = digest_of_row(row, number=a.number, prev_hash=prev)
        row.save()
    Case.objects.filter(pk=a.pk).update(last_event_hash=prev)
    assert kinds(audit_verify(anchors=False)) == []
    assert kinds(audit_verify()) == ["anchor"]


def test_anchor_covers_only_its_cut_so_later_work_verifies(cases_trail, clerk, version):
    from tests.cases.conftest import intake

    audit_anchor_create()
    intake(clerk, version)
    audit_anchor_create()
    assert audit_verify(all_anchors=True) == []


def test_changed_anchor_is_found(cases_trail):
    from onewindow.security.models import AuditAnchor

    a = audit_anchor_create()
    AuditAnchor.objects.filter(pk=a.pk).update(case_count=a.case_count + 1)
    assert kinds(audit_verify()) == ["anchor"]


def test_command_exits_non_zero_and_lists_findings(cases_trail):
    a, _, _ = cases_trail
    CaseEvent.objects.filter(case=a, seq=1).update(reason="改")
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("verify_audit", stdout=out)
    assert exc.value.returncode == 1
    assert f"changed   {a.number}#1" in out.getvalue()


def test_rehash_legacy_chains_old_rows_but_not_insertions(cases_trail):
    a, b, c = cases_trail
    # a: legacy (nothing chained yet); c: an unchained event after chained ones (an insertion).
    CaseEvent.objects.filter(case=a).update(hash="", prev_hash="")
    Case.objects.filter(pk=a.pk).update(last_event_hash="")
    CaseEvent.objects.filter(case=c, seq=2).update(hash="", prev_hash="")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", "--rehash-legacy", stdout=out)
    text = out.getvalue()
    assert a.number not in text.split("legacy events", 1)[1]
    assert c.number in text
    assert audit_verify() and all(f.case == c.number for f in audit_verify())
