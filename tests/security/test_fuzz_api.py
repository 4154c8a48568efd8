"""Fuzzing the JSON API from its own OpenAPI document (schemathesis), bounded for CI on SQLite.

Every operation gets FUZZ_EXAMPLES generated requests (ONEWINDOW_FUZZ_EXAMPLES, default 8) as a
staff member holding every staff role, with a published item and a case in the database: no answer
may be a 5xx, and every documented answer must match its schema. Findings: docs/reliability.md.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from onewindow.accounts.services import api_token_issue
from onewindow.network.models import Role
from tests.cases.conftest import intake
from tests.factories import PASSWORD, StaffFactory, UserFactory

FUZZ_EXAMPLES = int(os.environ.get("ONEWINDOW_FUZZ_EXAMPLES", "8"))

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def _keep_test_connection():
    """schemathesis calls the WSGI app directly, and Django closes a connection that is not in
    autocommit at the end of each request — the test's own transaction on PostgreSQL. Detach that
    handler for the test, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_headers(_keep_test_connection, frozen, centre, department, window, version, clerk, settings):  # noqa: F811
    settings.RATELIMIT_ENABLE = False  # a fuzzer is one client hammering: limits would hide answers
    everything = StaffFactory(user=UserFactory(username="fuzzer"), name="fuzzer", centre=centre,
                              department=department, window=window,
                              roles=[Role.CLERK, Role.REVIEWER, Role.CHIEF_REPRESENTATIVE, Role.ISSUER,
                                     Role.CENTRE_MANAGER, Role.SUPERVISOR])
    intake(clerk, version)
    token = api_token_issue(username=everything.user.username, password=PASSWORD)
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=FUZZ_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case, fuzz_headers):
    cache.clear()  # the login lockout must not turn the token endpoint into undocumented 403s
    case.call_and_validate(headers=fuzz_headers, checks=[not_a_server_error, response_schema_conformance])
