"""The world the authorisation matrix runs in: one credential per role and one object per scope.

Roles (issue #11 part 1): clerk, reviewer, chief (chief representative), issuer, manager, supervisor,
agent (proxy agent), citizen, org_member (organisation member), api_client (exchange client),
anonymous. Scopes: own (the persona's centre and department), other_centre, other_department (same
centre, another department), other_citizen (a case of a citizen who is not the caller).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from onewindow.accounts.services import api_token_issue
from onewindow.network.models import Role
from tests.cases.conftest import intake
from tests.factories import (
    PASSWORD,
    CentreFactory,
    DepartmentFactory,
    ItemVersionFactory,
    MaterialFactory,
    RegionFactory,
    ServiceItemFactory,
    StaffFactory,
    UserFactory,
)

STAFF_ROLES = ("clerk", "reviewer", "chief", "issuer", "manager", "supervisor", "agent")
ROLES = (*STAFF_ROLES, "citizen", "org_member", "api_client", "anonymous")
SCOPES = ("own", "other_centre", "other_department", "other_citizen")


@dataclass
class World:
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    cases: dict[str, str] = field(default_factory=dict)  # scope → case number
    window_id: int = 0


def _token(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(username=user.username, password=PASSWORD)}"}


def _item(department, code_tail: str):
    item = ServiceItemFactory(department=department, centre=department.centre, name=f"事项{code_tail}",
                              implementation_code=f"11990101MB0000001X4000111009{code_tail}")
    v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="")
    v.m_form = MaterialFactory(version=v, name="申请书", position=1)
    return v


def build_world(p) -> World:
    """p: namespace of the conftest personas plus `version` (an item of p.department)."""
    w = World()
    for role in STAFF_ROLES:
        w.headers[role] = _token(getattr(p, role).user)
    citizen = UserFactory(username="citizen1")
    w.headers["citizen"] = _token(citizen)
    member = UserFactory(username="orgmember1")
    try:
        from onewindow.accounts.models import Organisation, OrganisationMember
        from onewindow.core.timeutil import now

        org = Organisation.objects.create(uscc="91350100M000100Y43", name="测试公司", legal_rep_name="李四",
                                          legal_rep_id_number="11010519491231002X", created_at=now())
        OrganisationMember.objects.create(organisation=org, user=member, added_at=now())
    except ImportError:  # organisations not there yet: the member is a plain citizen login
        pass
    w.headers["org_member"] = _token(member)
    from onewindow.exchange.models import Scope
    from onewindow.exchange.services import api_client_create

    _client, key = api_client_create(name="部门业务系统", scopes=[s.value for s in Scope], centre=p.centre,
                                     department=p.department, acting_staff=p.chief)
    w.headers["api_client"] = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    w.headers["anonymous"] = {}

    w.cases["own"] = intake(p.clerk, p.version).case.number
    w.cases["other_citizen"] = w.cases["own"]  # staff cases belong to no portal login: see other_citizen
    other_dept = DepartmentFactory(centre=p.centre, name="测试县公安局", code="GA")
    w.cases["other_department"] = intake(p.clerk, _item(other_dept, "01")).case.number
    far = CentreFactory(name="远县政务服务中心", region=RegionFactory(code="990199", name="远县"))
    far_dept = DepartmentFactory(centre=far, name="远县市场监督管理局", code="SCJG")
    far_clerk = StaffFactory(user=UserFactory(username="farclerk"), centre=far, roles=[Role.CLERK])
    w.cases["other_centre"] = intake(far_clerk, _item(far_dept, "02")).case.number
    w.window_id = p.clerk.window_id or 0
    return w
