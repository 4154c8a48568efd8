"""Fault: Redis (the shared cache) goes down and comes back. The site keeps serving; rate limits and
the login lockout fail open meanwhile (documented); the cache is used again once Redis is back.
A private redis-server on 127.0.0.1:6399; skipped when redis-server is not installed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import PASSWORD

PORT = 6399
CACHES = {"default": {"BACKEND": "onewindow.security.cache.TolerantRedisCache",
                      "LOCATION": f"redis://127.0.0.1:{PORT}/0",
                      "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}


def _wait_port(up: bool, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
            if up:
                return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise TimeoutError(f"redis on {PORT} did not go {'up' if up else 'down'}")


def _start(tmp_path) -> subprocess.Popen:
    proc = subprocess.Popen(["redis-server", "--port", str(PORT), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait_port(True)
    return proc


@pytest.fixture
def redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
        pytest.skip(f"port {PORT} is taken")
    except OSError:
        pass
    state = {"proc": _start(tmp_path)}

    def stop():
        state["proc"].kill()
        state["proc"].wait(10)
        _wait_port(False)

    def start():
        state["proc"] = _start(tmp_path)

    # Sessions as recommended with Redis (docs/reliability.md): cached_db reads through to the database
    # when the cache misses, so logins survive an outage.
    with override_settings(CACHES=CACHES, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        yield type("Redis", (), {"stop": staticmethod(stop), "start": staticmethod(start)})
    if state["proc"].poll() is None:
        state["proc"].kill()
        state["proc"].wait(10)


def _serve(client, staff_username: str) -> list[int]:
    codes = [client.get("/accounts/login/").status_code,
             client.post("/api/v1/auth/token", {"username": staff_username, "password": PASSWORD},
                         content_type="application/json").status_code,
             client.get("/api/v1/public/progress/NOSUCH", {"verify": "1234"}).status_code,
             client.get("/api/v1/items").status_code]
    client.logout()
    login = client.post("/accounts/login/", {"username": staff_username, "password": PASSWORD})
    codes.append(login.status_code)
    codes.append(client.get("/workbench/").status_code)  # the session holds without the cache
    return codes


def test_site_keeps_serving_while_redis_is_down_and_uses_it_again_after(redis, client, clerk):
    cache.set("ow:probe", "up", 60)
    assert cache.get("ow:probe") == "up"
    assert _serve(client, "clerk") == [200, 200, 404, 200, 302, 200]

    redis.stop()
    started = time.monotonic()
    assert cache.get("ow:probe") is None            # a miss, not an exception
    assert _serve(client, "clerk") == [200, 200, 404, 200, 302, 200]
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"serving without Redis took {elapsed:.1f}s"

    redis.start()
    cache.set("ow:probe", "back", 60)
    assert cache.get("ow:probe") == "back"
    assert _serve(client, "clerk") == [200, 200, 404, 200, 302, 200]
