"""Authorisation matrix (issue #11 part 1): role × API endpoint × scope → allow or deny.

MATRIX holds one row per operation of /api/v1/openapi.json; test_every_endpoint_has_a_row walks the
document, so a new endpoint without a row fails. Each row is then exercised for every role (and, for
rows on one case, for the case of another centre and of another department):

allow — the answer is not 401/403 (nor 404 for the caller's own case): the role got through;
deny  — 401, 403 or 404 (404: existence is not leaked). Rows marked `weak` cannot build a valid
        body for the roles they deny, so a 422 there only shows the call did not succeed; their deny
        is "no 2xx" (listed in docs/security.md as rows to strengthen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from tests.security.authz_support import ROLES, STAFF_ROLES, build_world

ALL = frozenset(ROLES)
STAFF = frozenset(STAFF_ROLES)
LOGINS = frozenset(ROLES) - {"anonymous", "api_client"}  # anyone with an accounts bearer token
NONE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    allow: frozenset[str]
    # A row on one case ({number}): staff roles that also reach the case of another department of
    # the same centre (the case of another centre is denied to every role but api_client's own).
    other_department: frozenset[str] = NONE
    body: dict | None = None
    params: dict = field(default_factory=dict)
    public: bool = False  # no authentication at all: only "never 403/5xx" is checked
    weak: bool = False


def public(**kw) -> Rule:
    return Rule(allow=ALL, public=True, **kw)


INTAKE = {"item": "11990101MB0000001X400011100001", "channel": "window",
          "applicant": {"kind": "person", "name": "张三", "id_type": "resident_id",
                        "id_number": "11010519491231002X", "phone": "13800001234"},
          "materials": []}

NOT_CITIZEN = ALL - {"citizen", "org_member", "api_client"}
PERIOD = {"start": "2026-03-01", "end": "2026-03-31"}
CENTRE_STAFF_VIEW = frozenset({"clerk", "issuer", "manager", "supervisor", "agent"})

MATRIX: dict[str, Rule] = {
    # auth
    "POST /api/v1/auth/token": public(body={"username": "nobody", "password": "wrong"}),
    "GET /api/v1/auth/me": Rule(allow=LOGINS),
    # calendar, catalogue, licences verification: public information
    "GET /api/v1/calendar/due-date": public(params={"start": "2026-03-09", "days": 5}),
    "GET /api/v1/calendar/working-days": public(params={"start": "2026-03-09", "end": "2026-03-20"}),
    "GET /api/v1/items": public(),
    "GET /api/v1/items/{code}": public(),
    "GET /api/v1/licences/verify/{identifier}": public(),
    # cases
    "POST /api/v1/cases": Rule(allow=frozenset({"clerk", "agent"}), body=INTAKE, weak=True),
    "GET /api/v1/cases": Rule(allow=STAFF),
    "GET /api/v1/cases/{number}": Rule(allow=STAFF, other_department=CENTRE_STAFF_VIEW),
    "POST /api/v1/cases/{number}/actions/{action}": Rule(
        allow=frozenset({"reviewer", "chief"}), body={"opinion": "材料审查通过"},
        params={"action": "review"}),
    "POST /api/v1/cases/{number}/attachments": Rule(allow=frozenset({"clerk", "agent", "reviewer", "chief"}),
                                                    weak=True),
    "GET /api/v1/public/progress/{number}": public(params={"verify": "002X"}),
    # queue: the hall's kiosk and appointments are public; window and KPI calls are staff
    "GET /api/v1/queue/lines": public(params={"centre": 1}),
    "POST /api/v1/queue/tickets": public(body={}),
    "GET /api/v1/queue/tickets/{token}": public(),
    "POST /api/v1/queue/windows/{window_id}/call-next": Rule(allow=frozenset({"clerk"}), weak=True),
    "POST /api/v1/queue/tickets/{ticket_id}/actions/{action}": Rule(allow=frozenset({"clerk"}), weak=True,
                                                                    params={"action": "serve"}),
    "GET /api/v1/queue/slots": public(params={"centre": 1}),
    "POST /api/v1/queue/appointments": public(body={}),
    # The appointment code is the credential; a bearer token that is not a staff login is refused
    # (403/401), not ignored (queueing._optional_staff) — harmless, reported.
    "GET /api/v1/queue/appointments/{code}": Rule(allow=NOT_CITIZEN),
    "POST /api/v1/queue/appointments/{code}/cancel": Rule(allow=NOT_CITIZEN, body={}),
    "POST /api/v1/queue/appointments/{code}/reschedule": Rule(allow=NOT_CITIZEN, body={}, weak=True),
    "POST /api/v1/queue/appointments/{code}/check-in": Rule(allow=NOT_CITIZEN, body={}),
    "GET /api/v1/queue/kpis": Rule(allow=frozenset({"manager", "supervisor"}), params=PERIOD),
    # exchange: department systems with a client key of the centre
    "GET /api/v1/exchange/events": Rule(allow=frozenset({"api_client"})),
    "GET /api/v1/exchange/cases/{number}": Rule(allow=frozenset({"api_client"})),
    "POST /api/v1/exchange/cases/{number}/decision": Rule(allow=frozenset({"api_client"}), weak=True),
    "GET /api/v1/exchange/national": Rule(allow=frozenset({"api_client"})),
    # cross-region intake (异地代收): only a registered partner installation's key hands cases in —
    # a department system's key (this world's api_client) is refused like everyone else; our window
    # staff record receipts for applications taken on another region's behalf
    "POST /api/v1/exchange/crossregion/inbound": Rule(allow=NONE),
    "GET /api/v1/exchange/crossregion/inbound/{number}": Rule(allow=NONE),
    "POST /api/v1/exchange/crossregion/receipts": Rule(allow=frozenset({"clerk", "agent"}), weak=True),
    "GET /api/v1/exchange/crossregion/receipts/{ref}": Rule(allow=frozenset({"clerk", "agent"})),
    "POST /api/v1/exchange/crossregion/receipts/{ref}/sync": Rule(allow=frozenset({"clerk", "agent"}),
                                                                  weak=True),
    # feedback (好差评): citizens rate and complain without login; staff handle the loops
    "POST /api/v1/feedback/evaluations": public(body={}),
    "POST /api/v1/feedback/invites": Rule(allow=STAFF, weak=True),
    "POST /api/v1/feedback/complaints": public(body={}),
    "GET /api/v1/feedback/loops/{kind}": Rule(allow=STAFF, params={"kind": "complaint"}),
    "GET /api/v1/feedback/loops/{kind}/{pk}": Rule(allow=STAFF, params={"kind": "complaint"}),
    "POST /api/v1/feedback/loops/{kind}/{pk}/actions/{action}": Rule(allow=STAFF, weak=True,
                                                                     params={"kind": "complaint"}),
    # rates: managers and supervisors of the centre, chiefs for their own department
    "GET /api/v1/feedback/rates": Rule(allow=frozenset({"chief", "manager", "supervisor"}), params=PERIOD),
    # reports and supervision
    "GET /api/v1/reports/monthly": Rule(allow=frozenset({"manager", "supervisor"}),
                                        params={"centre": 1, "month": "2026-03"}),
    # The clock board: department staff see their own department's colours (scoped in the selector).
    "GET /api/v1/supervision/cases": Rule(allow=frozenset({"reviewer", "chief", "manager", "supervisor"})),
    "GET /api/v1/supervision/anomalies": Rule(allow=frozenset({"chief", "manager", "supervisor"})),
    # the duty board of a hall screen: a secret key in the URL, no login
    "GET /api/v1/supervision/duty/{key}": public(),
}

# Placeholders for path parameters that are not the scope's case.
PATH_VALUES = {"action": "review", "kind": "complaint", "pk": "1", "identifier": "NOSUCHLICENCE",
               "token": "nosuchticket", "code": "NOSUCHCODE", "key": "nosuchkey", "ticket_id": "1",
               "ref": "00000000-0000-4000-8000-000000000000"}


def openapi_operations() -> list[str]:
    from onewindow.api.root import api

    doc = api.get_openapi_schema()
    return sorted(f"{method.upper()} {path}" for path, ops in doc["paths"].items() for method in ops)


def test_every_endpoint_has_a_row():
    missing = [op for op in openapi_operations() if op not in MATRIX]
    assert not missing, "endpoints without a row in the authorisation matrix:\n" + "\n".join(missing)


def test_no_row_for_an_endpoint_that_is_gone():
    gone = sorted(set(MATRIX) - set(openapi_operations()))
    assert not gone, f"rows of endpoints that no longer exist: {gone}"


@pytest.fixture
def world(db, frozen, clerk, reviewer, chief, issuer, manager, supervisor, agent, centre, department,
          version):
    p = SimpleNamespace(clerk=clerk, reviewer=reviewer, chief=chief, issuer=issuer, manager=manager,
                        supervisor=supervisor, agent=agent, centre=centre, department=department,
                        version=version)
    return build_world(p)


def _call(client, op: str, rule: Rule, world, role: str, scope: str):
    method, path = op.split(" ", 1)
    values = {**PATH_VALUES, **{k: str(v) for k, v in rule.params.items() if f"{{{k}}}" in path},
              "number": world.cases[scope], "window_id": str(world.window_id)}
    url = path.format(**values)
    query = {k: v for k, v in rule.params.items() if f"{{{k}}}" not in path}
    headers = world.headers[role]
    cache.clear()  # each call starts with no lockout or rate-limit count: the matrix is about roles
    if method == "GET":
        return client.get(url, query, **headers)
    body = rule.body if rule.body is not None else {}
    suffix = ("?" + "&".join(f"{k}={v}" for k, v in query.items())) if query else ""
    return client.generic(method, url + suffix,
                          json.dumps(body), content_type="application/json", **headers)


def _verdict(status: int, rule: Rule, *, expect_allow: bool, scoped_own: bool) -> bool:
    if status >= 500:
        return False
    if rule.public:
        return status != 403
    if expect_allow:
        return status not in (401, 403) and not (scoped_own and status == 404)
    if rule.weak:
        return not 200 <= status < 300
    return status in (401, 403, 404)


@pytest.mark.parametrize("op", sorted(MATRIX))
def test_matrix_row(client, world, op):
    rule = MATRIX[op]
    scoped = "{number}" in op
    wrong = []
    for role in ROLES:
        resp = _call(client, op, rule, world, role, "own")
        if not _verdict(resp.status_code, rule, expect_allow=role in rule.allow, scoped_own=scoped):
            expected = "allow" if role in rule.allow else "deny"
            wrong.append(f"{role}/own: {resp.status_code} (expected {expected})")
    if scoped and not rule.public:
        for role in sorted(rule.allow & STAFF):
            for scope, reach in (("other_centre", NONE), ("other_department", rule.other_department)):
                resp = _call(client, op, rule, world, role, scope)
                if not _verdict(resp.status_code, rule, expect_allow=role in reach, scoped_own=False):
                    wrong.append(f"{role}/{scope}: {resp.status_code}")
    assert not wrong, f"{op}:\n" + "\n".join(wrong)
