"""GET /api/v1/auth/me: who the bearer token belongs to, with the staff profile."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, UserFactory

ME_URL = "/api/v1/auth/me"


@pytest.mark.django_db
def test_clerk_sees_centre_window_and_roles(api_client, token_for, clerk, window, centre):
    headers = token_for(clerk)
    body = api_client.get(ME_URL, **headers).json()
    assert body == {
        "username": "clerk",
        "display_name": "clerk",
        "staff": {
            "id": clerk.pk, "name": "clerk", "employee_no": "",
            "centre": {"id": centre.pk, "name": "测试县政务服务中心"},
            "department": None,
            "window": {"id": window.pk, "number": "A01", "name": "综合受理一号窗"},
            "roles": ["clerk"],
            "duty_status": "on_duty",
        },
    }


@pytest.mark.django_db
def test_reviewer_sees_department(api_client, token_for, reviewer, department):
    staff = api_client.get(ME_URL, **token_for(reviewer)).json()["staff"]
    assert staff["department"] == {"id": department.pk, "code": "SCJG", "name": "测试县市场监督管理局"}
    assert staff["window"] is None
    assert staff["roles"] == ["reviewer"]


@pytest.mark.django_db
def test_login_without_staff_profile_has_null_staff(api_client):
    UserFactory(username="citizen", display_name="张三")
    token = api_client.post("/api/v1/auth/token", {"username": "citizen", "password": PASSWORD},
                            content_type="application/json").json()["token"]
    body = api_client.get(ME_URL, HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body == {"username": "citizen", "display_name": "张三", "staff": None}


@pytest.mark.django_db
def test_me_reads_a_constant_number_of_queries(api_client, token_for, chief, django_assert_max_num_queries):
    headers = token_for(chief)
    # token lookup (+ last_used_at touch) , staff with centre/department/window, roles
    with django_assert_max_num_queries(4):
        resp = api_client.get(ME_URL, **headers)
    assert resp.json()["staff"]["roles"] == ["chief_representative"]
