"""Pages speak Chinese whatever the browser asks for; English only when chosen (language cookie)."""

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese(client):
    resp = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert resp.status_code == 200
    assert resp["Content-Language"] == "zh-hans"
    assert "登录" in resp.content.decode()


@pytest.mark.django_db
def test_english_when_chosen(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    resp = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert resp["Content-Language"] == "en"
    assert "Log in" in resp.content.decode() or "Sign in" in resp.content.decode()


@pytest.mark.django_db
def test_an_unknown_cookie_value_falls_back_to_chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/accounts/login/")["Content-Language"] == "zh-hans"


@pytest.mark.django_db
def test_the_page_offers_a_switch_and_the_switch_sticks(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'name="language" value="en"' in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert client.get("/accounts/login/")["Content-Language"] == "en"
