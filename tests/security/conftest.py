"""Fixtures of the security tests: the cases tests' published item and intake helpers, and a few
cases driven through the services (so their events are written by the one real path)."""

from __future__ import annotations

import pytest

from onewindow.cases import services as svc
from tests.cases.conftest import complete, frozen, intake, version  # noqa: F401 - fixtures reused


@pytest.fixture
def cases_trail(frozen, clerk, reviewer, chief, version):  # noqa: F811
    """Three cases with 1-3 events each, all through the services."""
    a = intake(clerk, version).case                       # receive, accept
    b = intake(clerk, version, materials=complete(version, skip=(version.m_id,))).case  # receive, notice
    c = intake(clerk, version).case
    svc.case_review(case=c, by=reviewer, opinion="材料审查通过")
    for x in (a, b, c):
        x.refresh_from_db()
    return a, b, c
