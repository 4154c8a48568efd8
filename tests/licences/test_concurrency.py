"""PostgreSQL only: two issuing clerks on one case get one licence; parallel issues get gap-free
serials. Each thread has its own connection (closed at its end)."""

from __future__ import annotations

import pytest

from onewindow.cases import services as case_svc
from onewindow.cases.models import Case
from onewindow.licences.models import Licence, LicenceEvent
from onewindow.licences.services import licence_issue_for_case
from tests.concurrency import require_postgres, run_threads
from tests.licences.conftest import intake

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only():
    require_postgres()


def test_one_case_issued_four_times_at_once_gives_one_licence(transactional_db, frozen, clerk, chief, issuer,
                                                               version, seal):
    case = case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve")
    results = run_threads(4, lambda i: licence_issue_for_case(case=Case.objects.get(pk=case.pk), by=issuer))
    assert all(isinstance(r, Licence) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Licence.objects.count() == 1 and LicenceEvent.objects.filter(kind="issued").count() == 1


def test_parallel_issues_get_gap_free_serials(transactional_db, frozen, clerk, chief, issuer, version, seal):
    cases = [case_svc.case_decide(case=intake(clerk, version), by=chief, outcome="approve") for _ in range(4)]
    results = run_threads(4, lambda i: licence_issue_for_case(case=Case.objects.get(pk=cases[i].pk),
                                                              by=issuer))
    assert all(isinstance(r, Licence) for r in results), results
    assert sorted(r.serial for r in results) == [f"2026{n:06d}" for n in range(1, 5)]
