"""Scale-out, for real: two gunicorn app servers and one Celery worker on 127.0.0.1, one PostgreSQL
database (the test database) and Redis (db 5). A login on server A is a login on server B (sessions in
Redis), both answer, and work enqueued here is run by the worker. Bounded: every process is started
here in its own process group and stopped at the end.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection, transaction

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TASKS = 12


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(redis_url: str, queue: str, var: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return dict(os.environ, DATABASE_URL=url, REDIS_URL=redis_url, CELERY_BROKER_URL=redis_url,
                CELERY_TASK_DEFAULT_QUEUE=queue, ONEWINDOW_VAR_DIR=str(var),
                DJANGO_SETTINGS_MODULE="onewindow.settings",
                ONEWINDOW_RATELIMIT_ENABLE="0", PYTHONPATH=str(ROOT / "src"), DB_CONN_MAX_AGE="0")


def _start(cmd: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def _request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request(method, path, body=body, headers=headers or {})
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp, data


def _wait_up(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
        try:
            if _request(port, "GET", "/accounts/login/")[0].status == 200:
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"server on {port} did not start: {log.read_text(errors='replace')[-2000:]}")


def _login(port: int, username: str, password: str) -> str:
    resp, body = _request(port, "GET", "/accounts/login/")
    csrf = re.search(r"csrftoken=([^;]+)", resp.getheader("Set-Cookie", "")).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"username={username}&password={password}&csrfmiddlewaretoken={token}"
    resp, _ = _request(port, "POST", "/accounts/login/", form, {
        "Cookie": f"csrftoken={csrf}", "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{port}/accounts/login/", "Host": f"127.0.0.1:{port}"})
    assert resp.status == 302, resp.status
    session = re.search(r"sessionid=([^;]+)", resp.getheader("Set-Cookie", "")).group(1)
    return session


def test_two_app_servers_and_a_worker_share_the_work(redis_url, clerk, tmp_path, settings):
    from django.contrib.auth.hashers import make_password

    from onewindow.celery import app as celery_app
    from onewindow.core.tasks import enqueue
    from onewindow.notifications.models import Notification

    password = "scale-out-pw-2026"
    with settings_hashers(settings):
        clerk.user.password = make_password(password)
    clerk.user.save(update_fields=["password"])
    queue = f"ow-scale-test-{uuid.uuid4().hex[:8]}"
    env = _env(redis_url, queue, tmp_path)
    procs, logs = [], {}
    try:
        ports = [_port(), _port()]
        for i, port in enumerate(ports):
            logs[port] = tmp_path / f"gunicorn-{i}.log"
            procs.append(_start([str(BIN / "gunicorn"), "onewindow.wsgi:application", "-b",
                                 f"127.0.0.1:{port}",
                                 "-w", "1", "--log-level", "warning", "--timeout", "60"], env, logs[port]))
        worker_log = tmp_path / "worker.log"
        procs.append(_start([str(BIN / "celery"), "-A", "onewindow", "worker", "-Q", queue, "-P", "solo",
                             "-l", "info", "--without-heartbeat", "--without-gossip", "--without-mingle",
                             "-n", f"{queue}@127.0.0.1"], env, worker_log))
        for port, proc in zip(ports, procs, strict=False):
            _wait_up(port, proc, logs[port])

        # Stateless servers: the session made on A is read on B (both from Redis).
        session = _login(ports[0], "clerk", password)
        pids = set()
        for port in ports:
            resp, _ = _request(port, "GET", "/workbench/", headers={"Cookie": f"sessionid={session}"})
            assert resp.status == 200, (port, resp.status)
            pids.add(port)
        assert len(pids) == 2

        # Background work: committed here, run by the worker.
        rows = [Notification.objects.create(dedupe_key=f"scale-{queue}-{i}", channel="inbox",
                                            template="generic",
                                            recipient=clerk.user, text=f"scale-out {i}", created_at=_now())
                for i in range(TASKS)]
        settings.CELERY_BROKER_URL = redis_url
        settings.CELERY_TASK_DEFAULT_QUEUE = queue
        celery_app.conf.broker_url = redis_url
        with transaction.atomic():
            for row in rows:
                enqueue("onewindow.notifications.services.notification_deliver", notification_id=row.pk)
            assert Notification.objects.filter(pk__in=[r.pk for r in rows], status="sent").count() == 0
        deadline = time.monotonic() + 90
        sent = 0
        while time.monotonic() < deadline:
            sent = Notification.objects.filter(pk__in=[r.pk for r in rows], status="sent").count()
            if sent == TASKS:
                break
            time.sleep(0.5)
        assert sent == TASKS, worker_log.read_text(errors="replace")[-3000:]
        done = worker_log.read_text(errors="replace").count("succeeded in")
        assert done == TASKS, worker_log.read_text(errors="replace")[-3000:]
    finally:
        for proc in procs:
            _stop(proc)
        celery_app.conf.broker_url = None
    assert all(p.poll() is not None for p in procs)


def _now():
    from onewindow.core.timeutil import now

    return now()


class settings_hashers:
    """The servers run the production hashers; the test process uses a fast one."""

    def __init__(self, settings):
        self.settings = settings

    def __enter__(self):
        self.old = self.settings.PASSWORD_HASHERS
        self.settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

    def __exit__(self, *exc):
        self.settings.PASSWORD_HASHERS = self.old
