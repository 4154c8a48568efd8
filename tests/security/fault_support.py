"""Shared by the fault tests: a seeded private database, a gunicorn server on 127.0.0.1, and
intake clients that retry with an Idempotency-Key until acknowledged."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SEED = """
from onewindow.accounts.services import api_token_issue
from onewindow.network.models import Role
from tests.factories import (PASSWORD, CentreFactory, DepartmentFactory, ItemVersionFactory, MaterialFactory,
                             RegionFactory, ServiceItemFactory, StaffFactory, UserFactory, WindowFactory)
import json
centre = CentreFactory(name="故障测试中心", region=RegionFactory(code="990177", name="故障县"))
dept = DepartmentFactory(centre=centre, name="故障测试局", code="GZ")
window = WindowFactory(centre=centre, number="A01", name="一号窗")
StaffFactory(user=UserFactory(username="faultclerk"), centre=centre, window=window, roles=[Role.CLERK])
item = ServiceItemFactory(department=dept, centre=centre, name="故障测试事项",
                          implementation_code="11990177MB0000001X400011100001")
v = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="")
m = MaterialFactory(version=v, name="申请书", position=1)
print("SEED" + json.dumps({"token": api_token_issue(username="faultclerk", password=PASSWORD),
                           "item": item.implementation_code, "material": m.pk}))
"""


def fault_env(tmp: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ONEWINDOW_", "DATABASE_"))}
    env.update({"ONEWINDOW_VAR_DIR": str(tmp), "DATABASE_URL": database_url, "DB_CONN_MAX_AGE": "60",
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "ONEWINDOW_RATELIMIT_ENABLE": "0",
                "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]), "LOG_LEVEL": "ERROR"})
    return env


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("gunicorn did not start")


def seed_and_serve(env: dict[str, str], port: int) -> tuple[subprocess.Popen, dict]:
    """Migrate, seed one clerk and one published item, start gunicorn (3 workers) on `port`."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True, timeout=600)
    seeded = subprocess.run([*manage, "shell", "-c", SEED], env=env, check=True, capture_output=True,
                            text=True,
                            timeout=120, cwd=ROOT)
    seed = json.loads(seeded.stdout.split("SEED", 1)[1])
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen([str(gunicorn), "onewindow.wsgi:application", "-w", "3",
                             "-b", f"127.0.0.1:{port}",
                             "--timeout", "60", "--graceful-timeout", "2"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    return proc, seed


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()


def intake_until_acked(port: int, i: int, seed: dict, acked: dict, stats: dict, lock: threading.Lock) -> None:
    body = json.dumps({"item": seed["item"], "channel": "window",
                       "applicant": {"kind": "person", "name": f"申请人{i}", "id_type": "resident_id",
                                     "id_number": "11010519491231002X", "phone": "13800001234"},
                       "materials": [{"material": seed["material"], "provided": "original"}]}).encode()
    for attempt in range(60):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/cases", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Idempotency-Key": f"fault-{i}",
                                              "Authorization": f"Bearer {seed['token']}"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                number = json.loads(resp.read())["number"]
                with lock:
                    acked[i] = number
                    stats["retries"] += attempt
                return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                raise AssertionError(f"intake {i}: {exc.code} {exc.read()[:300]!r}") from exc
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.1 * min(attempt + 1, 10))
    raise AssertionError(f"intake {i} never acknowledged")


