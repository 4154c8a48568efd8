"""Authorisation matrix of the pages (issue #11 part 1): role × staff page / citizen case page × scope.

Walks the URL resolver: every page under workbench:, supervision:, reports:, feedback:staff_* and
portal:my_* needs a row in PAGES, so a new page without one fails. GET rows are exercised for every
role with a session login (anonymous: none); pages on one case ({number}) also for the case of
another centre, of another department, and (portal) of another citizen.

allow — not a redirect to a login page, not 403 (nor 404 on the caller's own case);
deny  — a redirect to a login page, 403 or 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver

from onewindow.accounts.models import User
from tests.security.authz_support import ROLES, STAFF_ROLES, build_world

STAFF = frozenset(STAFF_ROLES)
NONE: frozenset[str] = frozenset()
PAGE_ROLES = tuple(r for r in ROLES if r != "api_client")  # API keys do not open pages
CENTRE_VIEW = frozenset({"clerk", "issuer", "manager", "supervisor", "agent"})


@dataclass(frozen=True)
class Page:
    allow: frozenset[str]
    other_department: frozenset[str] = NONE  # staff roles that also reach another department's case
    # Not exercised here: an action (POST) endpoint, a GET needing data the world lacks, or a screen
    # behind a URL key. The row still forces a decision when the page appears.
    post_only: bool = False
    params: tuple[tuple[str, str], ...] = ()


MGMT = frozenset({"manager", "supervisor"})
LOGINS = frozenset(PAGE_ROLES) - {"anonymous"}
ISSUING = frozenset({"issuer", "clerk"})
PAGES: dict[str, Page] = {
    # A login without a staff profile gets the staff home's "no profile" page, not a 403 (reported).
    "workbench:home": Page(LOGINS),
    "workbench:counter": Page(frozenset({"clerk"})),
    "workbench:counter_items": Page(frozenset({"clerk"})),
    "workbench:counter_form": Page(frozenset({"clerk"})),
    "workbench:counter_id_check": Page(frozenset({"clerk"})),
    "workbench:counter_intake": Page(frozenset({"clerk"}), post_only=True),
    "workbench:counter_today": Page(frozenset({"clerk"})),
    "workbench:counter_call_next": Page(frozenset({"clerk"}), post_only=True),
    "workbench:counter_ticket_serve": Page(frozenset({"clerk"}), post_only=True),
    # The comprehensive window serves every department of its centre.
    "workbench:counter_case": Page(frozenset({"clerk"}), other_department=frozenset({"clerk"})),
    "workbench:counter_notices": Page(frozenset({"clerk"}), other_department=frozenset({"clerk"})),
    "workbench:counter_supplement": Page(frozenset({"clerk"}), post_only=True),
    # The state table lets a clerk deliver too (issuer or clerk); the issuing window is centre-wide.
    "workbench:issuing": Page(ISSUING),
    "workbench:issuing_case": Page(ISSUING, other_department=ISSUING),
    "workbench:issuing_issue": Page(frozenset({"issuer"}), post_only=True),
    "workbench:issuing_deliver": Page(frozenset({"issuer"}), post_only=True),
    "workbench:issuing_receipt": Page(frozenset({"issuer"}), post_only=True),
    "workbench:prereview": Page(frozenset({"clerk"})),
    # Shows submitted online cases only; the world has none (row kept, exercised when it has one).
    "workbench:prereview_case": Page(frozenset({"clerk"}), post_only=True),
    "workbench:prereview_accept": Page(frozenset({"clerk"}), post_only=True),
    "workbench:prereview_notice": Page(frozenset({"clerk"}), post_only=True),
    "workbench:prereview_file": Page(frozenset({"clerk"}), post_only=True),
    "workbench:chief": Page(frozenset({"chief"})),
    "workbench:manager": Page(frozenset({"manager"})),
    "workbench:manager_overview": Page(frozenset({"manager"})),
    "workbench:tasks": Page(frozenset({"reviewer", "chief"})),
    "workbench:case_detail": Page(STAFF, other_department=CENTRE_VIEW),
    "workbench:case_action": Page(STAFF, post_only=True),
    "workbench:inbox_read": Page(STAFF, post_only=True),
    # Department staff see their own department's clocks; chiefs their department's anomalies;
    # everyone their own attendance (scoped in supervision's selectors).
    "supervision:board": Page(MGMT | {"reviewer", "chief"}),
    "supervision:anomalies": Page(MGMT | {"chief"}),
    "supervision:attendance": Page(STAFF),
    "supervision:check_in": Page(STAFF, post_only=True),
    "supervision:check_out": Page(STAFF, post_only=True),
    "supervision:assessment": Page(MGMT),
    "supervision:duty": Page(frozenset(PAGE_ROLES), post_only=True),  # a hall screen behind a URL key
    "reports:dashboard": Page(MGMT),
    "reports:counters": Page(MGMT),
    "reports:monthly": Page(MGMT),
    "reports:monthly_file": Page(MGMT, post_only=True),
    "reports:open_data_json": Page(frozenset(PAGE_ROLES)),
    "reports:open_data_csv": Page(frozenset(PAGE_ROLES)),
    "feedback:staff_loops": Page(STAFF),
    "feedback:staff_loop": Page(STAFF, post_only=True),
    "feedback:staff_loop_action": Page(STAFF, post_only=True),
    "feedback:staff_hotline": Page(STAFF),
    "feedback:staff_complaint_new": Page(STAFF),
    # Any login's own applications (staff logins have none): the list is scoped to the login.
    "portal:my_cases": Page(LOGINS),
    # A citizen opens only their own cases: the world's cases were made at the counter for no login,
    # so for citizens every case below is "another citizen's".
    "portal:my_case": Page(NONE),
    "portal:case_upload": Page(NONE, post_only=True),
    "portal:case_submit": Page(NONE, post_only=True),
    "portal:case_resubmit": Page(NONE, post_only=True),
    "portal:case_withdraw": Page(NONE, post_only=True),
    "portal:case_delivery": Page(NONE, post_only=True),
    "portal:notice_download": Page(NONE, post_only=True),
    "portal:licence_download": Page(NONE, post_only=True),
    "portal:attachment_download": Page(NONE, post_only=True),
}
WALKED = ("workbench:", "supervision:", "reports:", "feedback:staff_", "portal:my_", "portal:case_",
          "portal:notice_", "portal:licence_", "portal:attachment_")


def _patterns(resolver=None, prefix="", ns=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern), ns + (f"{p.namespace}:" if p.namespace else ""))
        elif isinstance(p, URLPattern) and p.name:
            yield ns + p.name, prefix + str(p.pattern)


def walked_pages() -> dict[str, str]:
    return {name: route for name, route in _patterns() if name.startswith(WALKED)}


def test_every_page_has_a_row():
    missing = sorted(set(walked_pages()) - set(PAGES))
    assert not missing, "pages without a row in the page authorisation matrix:\n" + "\n".join(missing)


@pytest.fixture
def world(db, frozen, clerk, reviewer, chief, issuer, manager, supervisor, agent, centre, department,
          version):
    p = SimpleNamespace(clerk=clerk, reviewer=reviewer, chief=chief, issuer=issuer, manager=manager,
                        supervisor=supervisor, agent=agent, centre=centre, department=department,
                        version=version)
    w = build_world(p)
    w.users = {"clerk": clerk.user, "reviewer": reviewer.user, "chief": chief.user, "issuer": issuer.user,
               "manager": manager.user, "supervisor": supervisor.user, "agent": agent.user,
               "citizen": User.objects.get(username="citizen1"),
               "org_member": User.objects.get(username="orgmember1")}
    return w


def _url(route: str, number: str) -> str:
    out = route.replace("<str:number>", number)
    for conv, value in (("<int:", "1"), ("<str:", "x"), ("<slug:", "review")):
        while conv in out:
            start = out.index(conv)
            out = out[:start] + value + out[out.index(">", start) + 1:]
    return "/" + out


def _denied(resp) -> bool:
    if resp.status_code in (403, 404):
        return True
    return resp.status_code == 302 and "login" in resp.get("Location", "")


GET_ROWS = sorted(name for name, rule in PAGES.items() if not rule.post_only)


@pytest.mark.parametrize("name", GET_ROWS)
def test_page_row(client, world, name):
    route = walked_pages().get(name)
    if route is None:
        pytest.skip(f"{name} is not mounted")
    rule = PAGES[name]
    scoped = "<str:number>" in route
    wrong = []

    def get(role, scope):
        cache.clear()
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client.get(_url(route, world.cases[scope]))

    for role in PAGE_ROLES:
        resp = get(role, "own")
        allowed = role in rule.allow
        ok = (not _denied(resp)) if allowed else _denied(resp)
        if resp.status_code >= 500 or not ok:
            wrong.append(f"{role}/own: {resp.status_code} {resp.get('Location', '')} "
                         f"(expected {'allow' if allowed else 'deny'})")
    if scoped:
        for role in sorted(rule.allow & STAFF):
            for scope, reach in (("other_centre", NONE), ("other_department", rule.other_department)):
                resp = get(role, scope)
                ok = (not _denied(resp)) if role in reach else _denied(resp)
                if not ok:
                    wrong.append(f"{role}/{scope}: {resp.status_code}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
