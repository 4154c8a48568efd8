"""The reviewer's task list /workbench/tasks/: whose cases, order by working days left, colours."""

from __future__ import annotations

import datetime as dt

import time_machine

from onewindow.cases import services as svc
from tests.workbench.backoffice_support import *  # noqa: F403
from tests.workbench.backoffice_support import MONDAY, intake


def test_lists_department_cases_soonest_due_first_with_colours(client, clerk, reviewer, version, frozen):
    early = intake(clerk, version).case
    frozen.move_to(MONDAY + dt.timedelta(days=7))
    late = intake(clerk, version).case
    frozen.move_to(MONDAY + dt.timedelta(days=21))  # `early` is overdue now, `late` 3 days from due
    client.force_login(reviewer.user)
    resp = client.get("/workbench/tasks/")
    page = resp.content.decode()
    assert resp.status_code == 200
    assert page.index(early.number) < page.index(late.number)
    assert 'data-colour="red"' in page
    assert 'data-colour="yellow"' in page


def test_assigned_to_another_reviewer_is_not_listed(client, clerk, reviewer, chief, version, frozen, centre,
                                                    department):
    from onewindow.network.models import Role
    from tests.factories import StaffFactory, UserFactory

    other = StaffFactory(user=UserFactory(username="rev2"), centre=centre, department=department,
                         roles=[Role.REVIEWER])
    case = intake(clerk, version).case
    svc.case_assign(case=case, by=chief, reviewer_id=other.pk)
    client.force_login(reviewer.user)
    assert case.number not in client.get("/workbench/tasks/").content.decode()
    client.force_login(other.user)
    assert case.number in client.get("/workbench/tasks/").content.decode()
    client.force_login(chief.user)  # the chief sees the whole department
    assert case.number in client.get("/workbench/tasks/").content.decode()


def test_decided_cases_leave_the_list(client, clerk, reviewer, chief, version, frozen):
    case = intake(clerk, version).case
    svc.case_decide(case=case, by=chief, outcome="approve", opinion="同意")
    client.force_login(reviewer.user)
    assert case.number not in client.get("/workbench/tasks/").content.decode()


def test_joint_case_part_of_the_department(client, reviewer, joint_case):
    client.force_login(reviewer.user)
    page = client.get("/workbench/tasks/").content.decode()
    assert joint_case.number in page


def test_roles_without_tasks_get_403_and_citizens_the_notice(client, clerk, outsider, db):
    client.force_login(clerk.user)
    assert client.get("/workbench/tasks/").status_code == 403
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="citizen"))
    assert client.get("/workbench/tasks/").status_code == 403


def test_outsider_sees_none_of_our_cases(client, outsider, accepted):
    client.force_login(outsider.user)
    resp = client.get("/workbench/tasks/")
    assert resp.status_code == 200 and accepted.number not in resp.content.decode()


def test_task_list_query_count_does_not_grow(client, clerk, reviewer, version, django_assert_max_num_queries):
    with time_machine.travel(MONDAY, tick=False):
        for _ in range(12):
            intake(clerk, version)
        client.force_login(reviewer.user)
        client.get("/workbench/tasks/")
        with django_assert_max_num_queries(8):
            page = client.get("/workbench/tasks/").content.decode()
    assert page.count('data-colour="green"') == 12
