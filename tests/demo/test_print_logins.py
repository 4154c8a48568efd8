"""`manage.py print_logins` and the demo logins themselves."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client

from onewindow.demo.data.staff import DEMO_LOGINS, DEMO_PASSWORD


def test_every_demo_login_authenticates_with_the_demo_password(demo):
    for login in DEMO_LOGINS:
        user = authenticate(username=login.username, password=DEMO_PASSWORD)
        assert user is not None and user.username == login.username
    assert authenticate(username="clerk", password="wrong-password") is None


def test_print_logins_lists_every_login_and_the_urls(demo):
    out = StringIO()
    call_command("print_logins", stdout=out)
    text = out.getvalue()
    lines = text.splitlines()
    for login in DEMO_LOGINS:
        row = next(line for line in lines if line.startswith(login.username + " "))
        assert DEMO_PASSWORD in row
    assert "青禾县政务服务中心" in next(line for line in lines if line.startswith("manager "))
    assert "青禾县柳塘镇枫林村便民服务室" in next(line for line in lines if line.startswith("agent "))
    for url in ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/admin/", "http://127.0.0.1:8000/api/v1/docs"):
        assert url in text
    assert "not loaded" not in text


def test_print_logins_takes_another_base_url(demo):
    out = StringIO()
    call_command("print_logins", "--base-url", "http://demo.example:9000/", stdout=out)
    assert "http://demo.example:9000/admin/" in out.getvalue()


def test_the_manager_can_open_the_admin(demo):
    client = Client()
    assert client.login(username="manager", password=DEMO_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert response.context["available_apps"], "the manager sees at least one app"
