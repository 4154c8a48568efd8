"""POST /api/v1/auth/token and the bearer token's life: good login, bad password, inactive user,
expired and revoked tokens."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import time_machine
from django.conf import settings

from onewindow.accounts.models import ApiToken
from tests.api.conftest import assert_error
from tests.factories import PASSWORD

TOKEN_URL = "/api/v1/auth/token"
ME_URL = "/api/v1/auth/me"
START = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _login(client, username, password=PASSWORD):
    return client.post(TOKEN_URL, {"username": username, "password": password},
                       content_type="application/json")


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.mark.django_db
def test_good_login_gives_a_working_token_stored_only_as_hash(api_client, clerk):
    resp = _login(api_client, "clerk")
    assert resp.status_code == 200
    token = resp.json()["token"]
    assert len(token) >= 40
    stored = ApiToken.objects.get(user=clerk.user)
    assert stored.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (stored.key_hash, stored.prefix)
    me = api_client.get(ME_URL, **_bearer(token))
    assert me.status_code == 200
    assert me.json()["username"] == "clerk"


@pytest.mark.django_db
def test_each_login_issues_a_distinct_token(api_client, clerk):
    first, second = (_login(api_client, "clerk").json()["token"] for _ in range(2))
    assert first != second
    assert ApiToken.objects.filter(user=clerk.user).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("username,password", [("clerk", "wrong-password"), ("nobody", PASSWORD)])
def test_bad_credentials_are_401_in_error_format_and_issue_nothing(api_client, clerk, username, password):
    body = assert_error(_login(api_client, username, password), 401, "invalid_credentials")
    assert body["message"] == "用户名或密码错误"
    assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_inactive_user_cannot_log_in(api_client, clerk):
    clerk.user.is_active = False
    clerk.user.save()
    assert_error(_login(api_client, "clerk"), 401, "invalid_credentials")


@pytest.mark.django_db
def test_token_stops_working_when_the_user_is_deactivated(api_client, clerk):
    token = _login(api_client, "clerk").json()["token"]
    clerk.user.is_active = False
    clerk.user.save()
    assert_error(api_client.get(ME_URL, **_bearer(token)), 401, "not_authenticated")


@pytest.mark.django_db
def test_token_expires_after_the_configured_days(api_client, clerk):
    days = settings.ONEWINDOW_API_TOKEN_DAYS
    with time_machine.travel(START, tick=False):
        token = _login(api_client, "clerk").json()["token"]
    with time_machine.travel(START + dt.timedelta(days=days) - dt.timedelta(minutes=1), tick=False):
        assert api_client.get(ME_URL, **_bearer(token)).status_code == 200
    with time_machine.travel(START + dt.timedelta(days=days, minutes=1), tick=False):
        assert_error(api_client.get(ME_URL, **_bearer(token)), 401, "not_authenticated")


@pytest.mark.django_db
def test_revoked_token_is_refused(api_client, clerk):
    token = _login(api_client, "clerk").json()["token"]
    ApiToken.objects.filter(user=clerk.user).update(revoked=True)
    assert_error(api_client.get(ME_URL, **_bearer(token)), 401, "not_authenticated")


@pytest.mark.django_db
@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic Y2xlcms6eA==", "Token abc"])
def test_missing_or_malformed_authorization_is_401(api_client, clerk, header):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    assert_error(api_client.get(ME_URL, **extra), 401, "not_authenticated")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", [
    {"username": "clerk"},
    {"username": "", "password": PASSWORD},
    {"username": "cl\x00erk", "password": PASSWORD},
    {"username": "clerk", "password": 123},
    {"username": "x" * 151, "password": PASSWORD},
])
def test_invalid_login_body_is_422_never_500(api_client, clerk, payload):
    body = assert_error(api_client.post(TOKEN_URL, payload, content_type="application/json"), 422,
                        "validation_error")
    assert body["detail"] and all("loc" in e for e in body["detail"])
    assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_last_used_is_recorded(api_client, clerk):
    with time_machine.travel(START, tick=False):
        token = _login(api_client, "clerk").json()["token"]
        api_client.get(ME_URL, **_bearer(token))
    assert ApiToken.objects.get(user=clerk.user).last_used_at == START
