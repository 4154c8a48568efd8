"""generate_province on PostgreSQL: deterministic, valid state sequences, intact audit chain, numbering
that intake continues without collisions."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.db import connection

from onewindow.cases.states import TRANSITIONS

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
END = "2026-06-30"


@pytest.fixture
def network(transactional_db):
    call_command("load_demo", "--step", "load_network", "--step", "load_staff", "--step", "load_catalogue",
                 stdout=io.StringIO())


def _fingerprint() -> str:
    with connection.cursor() as c:
        c.execute("SELECT string_agg(number || ':' || state || ':' || last_event_hash, ',' ORDER BY number) "
                  "FROM cases_case")
        return hashlib.sha256((c.fetchone()[0] or "").encode()).hexdigest()


def _generate(n: int, seed: int) -> str:
    out = io.StringIO()
    call_command("generate_province", "--cases", str(n), "--seed", str(seed), "--today", END, stdout=out,
                 stderr=io.StringIO())
    return out.getvalue()


def test_rows_are_valid_and_the_chain_verifies(network):
    report = _generate(400, 3)
    assert "400 cases" in report and "bytes per case" in report
    allowed = {(t.action, s, t.target or s) for t in TRANSITIONS for s in t.sources}
    with connection.cursor() as c:
        c.execute("SELECT action, from_state, to_state FROM cases_caseevent")
        moves = set(c.fetchall())
        c.execute("SELECT count(*) FROM cases_case c WHERE c.last_event_seq <> "
                  "(SELECT count(*) FROM cases_caseevent e WHERE e.case_id = c.id)")
        assert c.fetchone()[0] == 0
        c.execute("SELECT min(received_on), max(received_on), count(DISTINCT state) FROM cases_case")
        first, last, states = c.fetchone()
        c.execute("SELECT count(*) FROM feedback_evaluation")
        evaluations = c.fetchone()[0]
        c.execute("SELECT count(*) FROM queueing_ticketcase")
        tickets = c.fetchone()[0]
    assert moves <= allowed, moves - allowed
    assert dt.date(2025, 6, 30) <= first and last <= dt.date(2026, 6, 30)
    assert states >= 4 and evaluations > 50 and tickets > 100
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_same_seed_same_cases(network):
    _generate(150, 11)
    first = _fingerprint()
    with connection.cursor() as c:
        c.execute("TRUNCATE cases_case, cases_applicant, cases_caseevent, feedback_evaluation, "
                  "queueing_ticket, "
                  "queueing_ticketcase, cases_casenumbersequence CASCADE")
    _generate(150, 11)
    assert _fingerprint() == first
    with connection.cursor() as c:
        c.execute("TRUNCATE cases_case, cases_applicant, cases_caseevent, feedback_evaluation, "
                  "queueing_ticket, "
                  "queueing_ticketcase, cases_casenumbersequence CASCADE")
    _generate(150, 12)
    assert _fingerprint() != first


def test_intake_numbering_continues_after_generated_cases(network):
    from django.db import transaction

    from onewindow.cases.models import Case, CaseNumberSequence
    from onewindow.cases.services.numbering import case_number_allocate

    _generate(200, 5)
    seq = CaseNumberSequence.objects.order_by("-last").select_related("centre").first()
    with transaction.atomic():
        number = case_number_allocate(centre=seq.centre, day=seq.day)
    assert not Case.objects.filter(number=number).exists()


def test_refuses_sqlite_and_bad_counts(network):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("generate_province", "--cases", "0")
