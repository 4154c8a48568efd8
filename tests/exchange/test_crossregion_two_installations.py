"""Two installations on 127.0.0.1:8181 (A, receives on B's behalf) and :8182 (B, owns the item), each a
`runserver --noreload` process with its own SQLite database under /tmp/cr-a and /tmp/cr-b:
A receives for B → B has the case → B accepts and decides → A sees the status. Bounded in time; the
processes are always stopped. Touches no test database (its own files only)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PORT_A, PORT_B = 8181, 8182
SECRET = "cross-region-shared-secret-for-the-two-installation-test"
PDF = b"%PDF-1.4\n% two installations\n"
STEP_TIMEOUT = 120

SEED_B = """
import json
from onewindow.exchange.crossregion.partners import partner_register
from onewindow.network.models import Role
from tests.factories import (AuthorisationFactory, CentreFactory, DepartmentFactory, ItemVersionFactory,
                             MaterialFactory, RegionFactory, ServiceItemFactory, StaffFactory, UserFactory)
centre = CentreFactory(name="B 县政务服务中心", region=RegionFactory(code="330101", name="B 县"))
dept = DepartmentFactory(centre=centre, code="SCJG", name="B 县市场监督管理局")
clerk = StaffFactory(user=UserFactory(username="clerk_b"), centre=centre, roles=[Role.CLERK])
chief = StaffFactory(user=UserFactory(username="chief_b"), centre=centre, department=dept,
                     roles=[Role.CHIEF_REPRESENTATIVE])
AuthorisationFactory(staff=chief, department=dept)
item = ServiceItemFactory(department=dept, centre=centre, name="食品经营许可",
                          implementation_code="33010100MB0000001X400011100001")
version = ItemVersionFactory(item=item, statutory_days=20, promised_days=10, result_type="",
                             conclude_on_delivery=False)
m1 = MaterialFactory(version=version, name="申请书", position=1)
m2 = MaterialFactory(version=version, name="身份证明", position=2)
partner, key = partner_register(name="A 市政务服务中心", base_url="http://127.0.0.1:8181", secret=SECRET,
                                region_codes=["110101"], inbound_centre=centre, inbound_staff=clerk)
print("SEED" + json.dumps({"key": key, "item": item.implementation_code, "materials": [m1.pk, m2.pk]}))
"""

SEED_A = """
import json
from onewindow.exchange.crossregion.partners import partner_register
from onewindow.network.models import Role
from tests.factories import CentreFactory, RegionFactory, StaffFactory, UserFactory
centre = CentreFactory(name="A 市政务服务中心", region=RegionFactory(code="110101", name="A 市"))
StaffFactory(user=UserFactory(username="clerk_a"), centre=centre, roles=[Role.CLERK])
partner, _ = partner_register(name="B 县政务服务中心", base_url="http://127.0.0.1:8182", secret=SECRET,
                              region_codes=["3301"], outbound_key=KEY)
print("SEED" + json.dumps({"partner": partner.pk}))
"""


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def _env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_SETTINGS", "PYTEST"))}
    env.update(ONEWINDOW_VAR_DIR=str(var), DATABASE_URL=f"sqlite:///{var}/onewindow.sqlite3",
               DJANGO_DEBUG="0", LOG_LEVEL="ERROR")
    return env


def _manage(var: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=_env(var), capture_output=True,
                          text=True, timeout=STEP_TIMEOUT, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _seed(var: Path, code: str) -> dict:
    out = _manage(var, "shell", "-c", code)
    return json.loads(next(line for line in out.splitlines() if line.startswith("SEED"))[4:])


def _http(method: str, url: str, data=None, token: str = "") -> tuple[int, dict]:
    body = json.dumps(data).encode() if data is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def _token(port: int, username: str) -> str:
    status, data = _http("POST", f"http://127.0.0.1:{port}/api/v1/auth/token",
                         {"username": username, "password": "onewindow-test-pw"})
    assert status == 200, data
    return data["token"]


def _wait_up(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read().decode()[-3000:] if proc.stderr else "server exited"
        if not _port_free(port):
            return
        time.sleep(0.3)
    raise AssertionError(f"server on {port} did not start")


@pytest.fixture
def installations(tmp_path):
    if not (_port_free(PORT_A) and _port_free(PORT_B)):
        pytest.skip("ports 8181/8182 are in use")
    a, b = Path("/tmp/cr-a"), Path("/tmp/cr-b")
    for var in (a, b):
        shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True)
    _manage(b, "migrate", "-v0")
    shutil.copy(b / "onewindow.sqlite3", a / "onewindow.sqlite3")  # one migrate, two databases
    seed_b = _seed(b, f"SECRET={SECRET!r}\n" + SEED_B)
    seed_a = _seed(a, f"SECRET={SECRET!r}\nKEY={seed_b['key']!r}\n" + SEED_A)
    procs = []
    try:
        for var, port in ((a, PORT_A), (b, PORT_B)):
            command = [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
            proc = subprocess.Popen(command, cwd=ROOT, env=_env(var), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            procs.append(proc)
            _wait_up(port, proc)
        yield {"a": a, "b": b, **seed_b, **seed_a}
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def test_receive_at_a_case_at_b_decided_at_b_seen_at_a(installations):
    started = time.monotonic()
    digest = hashlib.sha256(PDF).hexdigest()
    ref = str(uuid.uuid4())
    receipt_in = {
        "id": ref, "region": "330101", "item": installations["item"],
        "applicant": {"kind": "person", "name": "张三", "id_type": "resident_id",
                      "id_number": "11010519491231002X", "phone": "13800138000"},
        "materials": [{"material": m, "provided": "electronic",
                       "file": {"name": f"{m}.pdf", "sha256": digest, "size": len(PDF),
                                "content": base64.b64encode(PDF).decode()}}
                      for m in installations["materials"]],
    }
    a_url = f"http://127.0.0.1:{PORT_A}/api/v1/exchange/crossregion/receipts"
    token_a = _token(PORT_A, "clerk_a")

    # 1. A receives on B's behalf; the hand-in is forwarded, signed, right after commit.
    status, receipt = _http("POST", a_url, receipt_in, token_a)
    assert status == 201, receipt
    assert receipt["status"] == "forwarded", receipt
    number = receipt["remote_case_number"]

    # 2. B has the case, received, in its clerk's name.
    token_b = _token(PORT_B, "clerk_b")
    status, case = _http("GET", f"http://127.0.0.1:{PORT_B}/api/v1/cases/{number}", token=token_b)
    assert status == 200 and case["state"] == "received", case

    # 3. B accepts and decides.
    b_case = f"http://127.0.0.1:{PORT_B}/api/v1/cases/{number}"
    status, case = _http("POST", f"{b_case}/actions/accept", {}, token_b)
    assert status == 200 and case["state"] == "accepted", case
    token_chief = _token(PORT_B, "chief_b")
    status, case = _http("POST", f"{b_case}/actions/decide",
                         {"outcome": "approve", "opinion": "同意"}, token_chief)
    assert status == 200 and case["state"] == "decided", case

    # 4. A's scheduled job reads the progress back; A's receipt shows B's state and trail.
    assert "polled=1" in _manage(installations["a"], "crossregion_sync")
    status, receipt = _http("GET", f"{a_url}/{ref}", token=token_a)
    assert status == 200
    assert receipt["remote_state"] == "decided" and receipt["remote_outcome"] == "approve"
    actions = [e["action"] for e in receipt["remote_timeline"] if e["action"] != "attach"]
    assert actions == ["receive", "accept", "decide"]
    # A retried receipt (same id, same body) is the same receipt: nothing new at B.
    status, again = _http("POST", a_url, receipt_in, token_a)
    assert status == 200 and again["remote_case_number"] == number
    assert time.monotonic() - started < 120
