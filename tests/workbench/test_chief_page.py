"""The chief representative's page: powers of the authorisation, decisions within them (and the
service's refusal beyond them), joint cases side by side, meeting minutes."""

from __future__ import annotations

import datetime as dt

from onewindow.cases.models import Case, JointMeeting
from onewindow.network.models import Authorisation
from tests.workbench.backoffice_support import *  # noqa: F403
from tests.workbench.backoffice_support import post_action

CHIEF_URL = "/workbench/chief/"


def test_chief_sees_powers_and_waiting_cases(client, chief, accepted):
    client.force_login(chief.user)
    resp = client.get(CHIEF_URL)
    page = resp.content.decode()
    assert resp.status_code == 200
    assert page.count('<li class="power-yes"') == 6
    assert accepted.number in page
    assert 'data-granted="yes"' in page
    assert 'data-action="decide"' in page


def test_power_not_granted_is_shown_and_refused_by_the_service(client, chief, accepted, htmx):
    Authorisation.objects.filter(staff=chief).update(first_review=False)
    client.force_login(chief.user)
    page = client.get(CHIEF_URL).content.decode()
    assert 'data-granted="no"' in page and 'class="power-no"' in page
    resp = post_action(client, accepted, "decide", {"outcome": "approve", "panel": "chief"}, **htmx)
    assert resp.status_code == 403
    body = resp.content.decode()
    assert 'role="status"' in body and "status-error" in body and "授权书未授予此项审批权" in body
    assert Case.objects.get(pk=accepted.pk).state == "accepted"


def test_decide_inline_answers_in_the_row(client, chief, accepted, htmx):
    client.force_login(chief.user)
    resp = post_action(client, accepted, "decide", {"outcome": "approve", "panel": "chief"}, **htmx)
    assert resp.status_code == 200
    assert 'data-result-of="decide"' in resp.content.decode()
    assert Case.objects.get(pk=accepted.pk).state == "decided"


def test_no_authorisation_in_force(client, chief, accepted):
    Authorisation.objects.filter(staff=chief).update(valid_to=dt.date(2020, 1, 1))
    client.force_login(chief.user)
    page = client.get(CHIEF_URL).content.decode()
    assert "notice-warn" in page
    assert 'data-granted="no"' in page


def test_joint_case_tasks_side_by_side_and_task_decide(client, chief, other_chief, joint_case, htmx):
    client.force_login(chief.user)
    page = client.get(CHIEF_URL).content.decode()
    assert joint_case.number in page
    assert "测试县市场监督管理局" in page and "测试县公安局" in page
    assert page.count('class="task-card') == 2
    assert page.count('data-action="task_decide"') == 2  # approve + deny of our own task only
    own = joint_case.tasks.get(department=chief.department)
    theirs = joint_case.tasks.exclude(pk=own.pk).get()
    resp = post_action(client, joint_case, "task_decide",
                       {"task": theirs.pk, "outcome": "approve", "panel": "chief"}, **htmx)
    assert resp.status_code == 403
    resp = post_action(client, joint_case, "task_decide",
                       {"task": own.pk, "outcome": "approve", "panel": "chief"}, **htmx)
    assert resp.status_code == 200
    own.refresh_from_db()
    assert own.state == "done"


def test_meeting_minutes(client, chief, joint_case, htmx):
    client.force_login(chief.user)
    resp = post_action(client, joint_case, "meeting", {"attendees": "", "minutes": "x", "panel": "chief"},
                       **htmx)
    assert resp.status_code == 422
    resp = post_action(client, joint_case, "meeting",
                       {"attendees": "张三，李四\n王五", "minutes": "一致同意", "panel": "chief"}, **htmx)
    assert resp.status_code == 200
    meeting = JointMeeting.objects.get(case=joint_case)
    assert meeting.attendees == ["张三", "李四", "王五"]
    page = client.get(f"/workbench/cases/{joint_case.number}/").content.decode()
    assert "一致同意" in page


def test_meeting_on_a_non_joint_case_is_refused(client, chief, accepted, htmx):
    client.force_login(chief.user)
    resp = post_action(client, accepted, "meeting", {"attendees": "张三", "minutes": "x"}, **htmx)
    assert resp.status_code == 409


def test_other_roles_get_403(client, reviewer, manager, outsider, db):
    for staff in (reviewer, manager, outsider):
        client.force_login(staff.user)
        assert client.get(CHIEF_URL).status_code == 403


def test_chief_page_query_count(client, chief, accepted, joint_case, django_assert_max_num_queries):
    client.force_login(chief.user)
    client.get(CHIEF_URL)
    with django_assert_max_num_queries(12):
        assert client.get(CHIEF_URL).status_code == 200


def test_inline_decide_without_javascript_returns_to_the_chief_page(client, chief, accepted):
    Authorisation.objects.filter(staff=chief).update(first_review=False)
    client.force_login(chief.user)
    resp = post_action(client, accepted, "decide", {"outcome": "approve", "panel": "chief"})
    assert resp.status_code == 302 and resp["Location"] == CHIEF_URL
    page = client.get(CHIEF_URL).content.decode()
    assert "message-error" in page and "授权书未授予此项审批权" in page
