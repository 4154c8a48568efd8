"""Web security: headers (CSP with nonce, framing, nosniff), rate limits, the staff login lockout,
password policy, uploads checked by content with safe names and size limits, check --deploy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from onewindow.accounts.services import api_token_issue
from onewindow.cases.models import Attachment
from tests.cases.conftest import intake
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_pages_carry_csp_with_a_nonce_and_no_inline_script(client, db):
    resp = client.get("/accounts/login/")
    csp = resp["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Referrer-Policy"] == "same-origin"


def test_api_docs_are_served_from_our_own_static_files(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in page and "/static/ninja/" in page


def test_session_cookie_is_http_only_and_same_site(client, clerk):
    resp = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 302
    cookie = resp.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@override_settings(ONEWINDOW_RATELIMITS={"login": "3/m", "token": "3/m", "progress": "3/m"})
def test_login_is_rate_limited_per_ip(client, db):
    codes = [client.post("/accounts/login/", {"username": f"u{i}", "password": "x"}).status_code
             for i in range(4)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/accounts/login/").status_code == 200  # only attempts count


@override_settings(ONEWINDOW_RATELIMITS={"login": "3/m", "token": "3/m", "progress": "3/m"})
def test_token_endpoint_is_rate_limited_with_the_api_error_format(client, db):
    for i in range(3):
        client.post("/api/v1/auth/token", {"username": f"u{i}", "password": "x"},
                    content_type="application/json")
    resp = client.post("/api/v1/auth/token", {"username": "u9", "password": "x"},
                       content_type="application/json")
    assert resp.status_code == 429
    assert resp.json()["code"] == "too_many_requests" and int(resp["Retry-After"]) >= 1


@override_settings(ONEWINDOW_RATELIMITS={"login": "3/m", "token": "3/m", "progress": "3/m"})
def test_progress_lookup_is_rate_limited_on_page_and_api(client, db):
    codes = [client.get(f"/api/v1/public/progress/X{i}", {"verify": "1234"}).status_code for i in range(3)]
    assert 429 not in codes
    assert client.get("/progress/X9").status_code == 429  # page and API share one count per IP


@override_settings(ONEWINDOW_RATELIMITS={"login": "3/m", "token": "3/m", "progress": "3/m"})
def test_rate_limit_is_per_client_ip(client, db):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "u", "password": "x"}, REMOTE_ADDR="10.0.0.1")
    assert client.post("/accounts/login/", {"username": "u", "password": "x"},
                       REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post("/accounts/login/", {"username": "u", "password": "x"},
                       REMOTE_ADDR="10.0.0.2").status_code == 200


def test_staff_login_page_locks_after_five_failures(client, clerk):
    for _ in range(5):
        assert client.post("/accounts/login/", {"username": "clerk", "password": "wrong"}).status_code == 200
    # Locked: even the right password does not log in.
    resp = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
    assert resp.status_code == 200 and "_auth_user_id" not in client.session


def test_staff_login_success_clears_the_failure_count(client, clerk):
    for _ in range(4):
        client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code == 302
    client.logout()
    for _ in range(4):
        client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})
    assert client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code == 302


def test_token_service_and_backend_count_a_failure_once(clerk):
    """authenticate() without a request (the token service) does not go through the page lockout."""
    from onewindow.core.errors import NotAuthenticated

    for _ in range(4):
        with pytest.raises(NotAuthenticated):
            api_token_issue(username="clerk", password="wrong")
    assert api_token_issue(username="clerk", password=PASSWORD)


@pytest.mark.parametrize("password", ["onlylowercaseletters", "ONLYUPPERCASELETTERS"])
def test_password_policy_wants_mixed_characters(password):
    with pytest.raises(ValidationError) as exc:
        validate_password(password)
    assert "password_too_uniform" in [e.code for e in exc.value.error_list]


def test_password_policy_accepts_a_mixed_passphrase():
    validate_password("qinghe-Online-2026")


def _upload(client, staff, case, name, data):
    token = api_token_issue(username=staff.user.username, password=PASSWORD)
    return client.post(f"/api/v1/cases/{case.number}/attachments",
                       {"file": SimpleUploadedFile(name, data, content_type="application/pdf")},
                       HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def case(frozen, clerk, version):
    return intake(clerk, version).case


def test_upload_type_comes_from_content_not_name(client, clerk, case):
    resp = _upload(client, clerk, case, "scan.pdf", b"<html><script>alert(1)</script></html>")
    assert resp.status_code == 422 and resp.json()["code"] == "file_type_not_allowed"


def test_upload_name_cannot_traverse_paths(client, clerk, case, settings):
    resp = _upload(client, clerk, case, "../../../../etc/passwd.pdf", b"%PDF-1.4\n%%EOF\n")
    assert resp.status_code == 201, resp.content
    stored = Attachment.objects.get()
    path = Path(stored.file.path).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert ".." not in stored.file.name and "passwd" not in stored.file.name


@override_settings(ONEWINDOW_ATTACHMENT_MAX_BYTES=1024)
def test_upload_size_is_limited(client, clerk, case):
    resp = _upload(client, clerk, case, "big.pdf", b"%PDF-1.4\n" + b"0" * 2048)
    assert resp.status_code == 422 and resp.json()["code"] == "file_too_large"


def _check_deploy(extra_env: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ONEWINDOW_"))}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    env.update(extra_env)
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), "check", "--deploy",
                           "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120)


PRODUCTION = {"DJANGO_SECRET_KEY": "k3Yq9-production-secret-" + "Zx81vP0qLm" * 5,
              "DJANGO_SECURE_COOKIES": "1", "DJANGO_ALLOWED_HOSTS": "onewindow.example.gov.cn",
              "ONEWINDOW_CACHE_URL": "redis://127.0.0.1:6379/0"}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check_deploy({**PRODUCTION, "ONEWINDOW_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_flags_the_development_key(tmp_path):
    env = {**PRODUCTION, "ONEWINDOW_VAR_DIR": str(tmp_path)}
    del env["DJANGO_SECRET_KEY"]
    result = _check_deploy(env)
    assert result.returncode != 0 and "onewindow.E001" in result.stdout + result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret"
    key_file.write_text(PRODUCTION["DJANGO_SECRET_KEY"] + "\n")
    env = {**PRODUCTION, "ONEWINDOW_VAR_DIR": str(tmp_path), "DJANGO_SECRET_KEY_FILE": str(key_file)}
    del env["DJANGO_SECRET_KEY"]
    assert _check_deploy(env).returncode == 0
