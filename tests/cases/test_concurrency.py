"""PostgreSQL only: row locks decide races. Each thread has its own connection (closed at its end)."""

from __future__ import annotations

import pytest

from onewindow.cases import services as svc
from onewindow.cases.models import Case, CaseEvent, CaseNumberSequence
from onewindow.core.errors import DomainError
from onewindow.network.models import Role
from tests.cases.conftest import intake
from tests.concurrency import require_postgres, run_threads
from tests.factories import AuthorisationFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only():
    require_postgres()


def test_two_chiefs_decide_at_once_exactly_one_wins(transactional_db, frozen, clerk, chief, department,
                                                    version):
    second = StaffFactory(user=UserFactory(username="chief-b"), centre=department.centre,
                          department=department,
                          roles=[Role.CHIEF_REPRESENTATIVE])
    AuthorisationFactory(staff=second, department=department)
    case = intake(clerk, version).case
    chiefs = [chief, second]

    def decide(i):
        return svc.case_decide(case=Case.objects.get(pk=case.pk), by=chiefs[i],
                               outcome="approve" if i == 0 else "deny", opinion=f"意见{i}")

    results = run_threads(2, decide)
    wins = [r for r in results if isinstance(r, Case)]
    losses = [r for r in results if isinstance(r, DomainError)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert losses[0].status == 409 and losses[0].code == "invalid_transition"
    case.refresh_from_db()
    assert case.state == "decided" and case.outcome == wins[0].outcome
    assert CaseEvent.objects.filter(case=case, action="decide").count() == 1


def test_fifty_parallel_intakes_get_gap_free_numbers(transactional_db, frozen, clerk, version):
    def one(i):
        return intake(clerk, version).case.number

    numbers = run_threads(50, one)
    errors = [n for n in numbers if not isinstance(n, str)]
    assert not errors, errors[:3]
    assert sorted(numbers) == [f"99010120260309{n:06d}" for n in range(1, 51)]
    assert CaseNumberSequence.objects.get(centre=clerk.centre).last == 50
    assert Case.objects.count() == 50


def test_rolled_back_intake_gives_its_number_back(transactional_db, frozen, clerk, version):
    from onewindow.core.errors import Invalid

    assert intake(clerk, version).case.number.endswith("000001")
    with pytest.raises(Invalid):
        intake(clerk, version, materials=[svc.MaterialIn(material=version.m_form.pk, provided="original"),
                                          svc.MaterialIn(material=version.m_form.pk, provided="copy")])
    assert intake(clerk, version).case.number.endswith("000002")


def test_parallel_retries_with_one_idempotency_key_make_one_case(transactional_db, frozen, clerk, version,
                                                                 token_for):
    from django.test import Client

    from tests.cases.test_api_intake import body

    headers = token_for(clerk)
    data = body(version)

    def post(i):
        resp = Client().post("/api/v1/cases", data, content_type="application/json",
                             HTTP_IDEMPOTENCY_KEY="same-key", **headers)
        return resp.status_code, resp.json().get("number")

    results = run_threads(5, post)
    assert all(isinstance(r, tuple) for r in results), results
    assert sorted(code for code, _ in results) == [200, 200, 200, 200, 201]
    assert len({number for _, number in results}) == 1
    assert Case.objects.count() == 1
    assert CaseNumberSequence.objects.get().last == 1  # the losers' numbers were rolled back
