from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils import translation

from tests.factories import PASSWORD


def test_login_page_renders_with_labelled_fields(client, db):
    resp = client.get(reverse("login"))
    page = resp.content.decode()
    assert resp.status_code == 200
    assert '<label for="id_username">' in page
    assert '<label for="id_password">' in page
    assert 'autocomplete="current-password"' in page
    assert 'lang="zh-Hans"' in page


def test_wrong_password_shows_an_error(client, clerk):
    resp = client.post(reverse("login"), {"username": "clerk", "password": "wrong-password"})
    page = resp.content.decode()
    assert resp.status_code == 200
    assert 'role="alert"' in page
    with translation.override("zh-hans"):
        expected = str(AuthenticationForm.error_messages["invalid_login"]) % {"username": "用户名"}
    assert expected in page


def test_login_lands_on_the_staff_home(client, clerk):
    resp = client.post(reverse("login"), {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 302
    assert resp["Location"] == reverse("workbench:home")
    assert "测试县政务服务中心" in client.get(resp["Location"]).content.decode()


def test_logout_is_a_post_form_on_the_page(client, clerk):
    client.force_login(clerk.user)
    page = client.get("/workbench/").content.decode()
    assert f'action="{reverse("logout")}"' in page
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/workbench/").status_code == 302
