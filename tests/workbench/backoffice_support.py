"""Fixtures of the back-office, chief and manager page tests (import with `from ... import *`).

Cases are made through the services, the same path the counter takes, on a frozen working Monday
(tests.cases.conftest.MONDAY) so that every due date and colour is fixed."""

from __future__ import annotations

import pytest

from tests.cases.conftest import (  # noqa: F401 - fixtures re-exported to the test modules
    MONDAY,
    frozen,
    intake,
    joint_version,
    other_chief,
    version,
)

__all__ = ["MONDAY", "accepted", "frozen", "htmx", "intake", "joint_case", "joint_version", "other_chief",
           "post_action", "version"]

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def htmx():
    return HTMX


@pytest.fixture
def accepted(frozen, clerk, version):
    """An accepted promised case of `department` (10 promised working days)."""
    case = intake(clerk, version).case
    assert case.state == "accepted"
    return case


@pytest.fixture
def joint_case(frozen, clerk, joint_version):
    case = intake(clerk, joint_version).case
    assert case.case_class == "joint"
    return case


def post_action(client, case, action, data=None, **headers):
    return client.post(f"/workbench/cases/{case.number}/actions/{action}/", data or {}, **headers)




