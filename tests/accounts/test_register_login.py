"""Citizen registration (SMS-verified phone, password policy, argon2 in production) and login by
password or SMS code behind the shared lockout, through the services and the portal pages."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse

from onewindow.accounts import services
from onewindow.accounts.sms import sms_code_send
from onewindow.core.errors import Conflict, Forbidden, Invalid, NotAuthenticated
from onewindow.notifications.models import Notification
from tests.accounts.citizens import CITIZEN_ID
from tests.factories import PASSWORD

User = get_user_model()
GOOD_PW = "qinghe-Online-2026"


def last_code() -> str:
    text = Notification.objects.filter(channel="sms").order_by("-pk").first().text
    return re.search(r"\d{6}", text).group(0)


def register(phone="13700003333", password=GOOD_PW, name="王五", id_number=CITIZEN_ID, code=None):
    if code is None:
        sms_code_send(phone=phone, purpose="register")
        code = last_code()
    return services.citizen_register(phone=phone, password=password, name=name, id_number=id_number,
                                     sms_code=code)


def test_register_creates_a_citizen_with_verified_phone_and_hashed_password(db, frozen):
    user = register()
    assert user.username == "13700003333" and user.phone == "13700003333"
    assert user.id_number == CITIZEN_ID and user.phone_verified_at is not None
    assert user.check_password(GOOD_PW) and GOOD_PW not in user.password
    assert not hasattr(user, "staff")


def test_production_hasher_is_argon2(db, frozen):
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user = register()
    assert user.password.startswith("argon2")


@pytest.mark.parametrize("password", ["short1!", "1234567890123", "password123", "13700003333a"])
def test_weak_passwords_are_refused_by_the_policy(db, frozen, password):
    with pytest.raises(Invalid) as exc:
        register(password=password)
    assert exc.value.code == "weak_password"
    assert not User.objects.filter(username="13700003333").exists()


def test_wrong_code_bad_id_and_taken_phone_are_refused(db, frozen, citizen):
    with pytest.raises(Invalid) as exc:
        register(code="000000")
    assert exc.value.code in {"sms_code_invalid"}
    with pytest.raises(Invalid) as exc:
        register(id_number="110105198001010011")
    assert exc.value.code == "invalid_resident_id"
    with pytest.raises(Conflict) as exc:
        register(phone=citizen.username, code="123456")
    assert exc.value.code == "phone_registered"


def test_password_login_and_lockout_after_five_failures(db, frozen, citizen):
    user = services.citizen_authenticate(username=citizen.username, password=PASSWORD, ip="1.2.3.4")
    assert user == citizen
    for _ in range(4):
        with pytest.raises(NotAuthenticated):
            services.citizen_authenticate(username=citizen.username, password="wrong", ip="1.2.3.4")
    with pytest.raises(Forbidden) as exc:  # the fifth failure locks
        services.citizen_authenticate(username=citizen.username, password="wrong", ip="1.2.3.4")
    assert exc.value.code == "login_locked"
    with pytest.raises(Forbidden):  # even the right password while locked
        services.citizen_authenticate(username=citizen.username, password=PASSWORD, ip="1.2.3.4")


def test_sms_login(db, frozen, citizen):
    sms_code_send(phone=citizen.username, purpose="login")
    user = services.citizen_authenticate_sms(phone=citizen.username, code=last_code(), ip="1.2.3.4")
    assert user == citizen


def test_sms_login_for_an_unknown_phone_says_wrong_credentials(db, frozen):
    sms_code_send(phone="13600004444", purpose="login")
    with pytest.raises(NotAuthenticated):
        services.citizen_authenticate_sms(phone="13600004444", code=last_code(), ip="1.2.3.4")


def test_api_token_shares_the_lockout(db, frozen, clerk):
    for _ in range(5):
        with pytest.raises(NotAuthenticated):
            services.api_token_issue(username="clerk", password="wrong")
    with pytest.raises(Forbidden):
        services.api_token_issue(username="clerk", password=PASSWORD)


# --- pages ---


def test_login_page_logs_in_and_goes_to_my_cases(db, frozen, citizen):
    c = Client()
    assert c.get(reverse("portal:login")).status_code == 200
    resp = c.post(reverse("portal:login"), {"username": citizen.username, "password": PASSWORD})
    assert resp.status_code == 302 and resp["Location"] == reverse("portal:my_cases")
    assert c.get(reverse("portal:my_cases")).status_code == 200


def test_login_page_follows_only_local_next(db, frozen, citizen):
    c = Client()
    resp = c.post(reverse("portal:login"), {"username": citizen.username, "password": PASSWORD,
                                            "next": "https://evil.example/"})
    assert resp["Location"] == reverse("portal:my_cases")


def test_login_page_shows_the_lock(db, frozen, citizen):
    c = Client()
    for _ in range(4):
        resp = c.post(reverse("portal:login"), {"username": citizen.username, "password": "x"})
        assert resp.status_code == 401
    resp = c.post(reverse("portal:login"), {"username": citizen.username, "password": PASSWORD + "x"})
    assert resp.status_code == 403
    assert "锁定" in resp.content.decode() or "locked" in resp.content.decode()


def test_register_page_with_sms_code(db, frozen):
    c = Client()
    resp = c.post(reverse("portal:sms_send"), {"phone": "13700003333", "purpose": "register"},
                  HTTP_HX_REQUEST="true")
    assert resp.status_code == 200 and b'message-success' in resp.content
    resp = c.post(reverse("portal:register"), {
        "phone": "13700003333", "code": last_code(), "name": "王五", "id_number": CITIZEN_ID,
        "password": GOOD_PW, "password2": GOOD_PW})
    assert resp.status_code == 302
    assert User.objects.filter(username="13700003333").exists()


def test_register_page_rejects_mismatched_passwords(db, frozen):
    resp = Client().post(reverse("portal:register"), {
        "phone": "13700003333", "code": "123456", "name": "王五", "id_number": CITIZEN_ID,
        "password": GOOD_PW, "password2": GOOD_PW + "x"})
    assert resp.status_code == 422
    assert not User.objects.filter(username="13700003333").exists()


def test_logout_is_post_only(db, citizen_client):
    assert citizen_client.get(reverse("portal:logout")).status_code == 405
    assert citizen_client.post(reverse("portal:logout")).status_code == 302
    assert citizen_client.get(reverse("portal:my_cases")).status_code == 302
