"""Shared harness of the scale benchmarks (bench/clerk_list.py, bench/servers_compare.py, …): start an
app server on 127.0.0.1, drive it from threads with keep-alive connections, read worker RSS.

Only 127.0.0.1; every server runs in its own process group and is stopped with it.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def require_local_postgres() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province (generate_province first).")
    if urlparse(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("The benchmark only runs against a local PostgreSQL (127.0.0.1).")
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, DJANGO_SETTINGS_MODULE="onewindow.settings", ONEWINDOW_RATELIMIT_ENABLE="0",
                ONEWINDOW_VAR_DIR=os.environ.get("ONEWINDOW_VAR_DIR", "/tmp/scale-var"),
                PYTHONPATH=f"{ROOT / 'src'}:{os.environ.get('PYTHONPATH', '')}", **extra)


def server_cmd(kind: str, port: int, workers: int, threads: int) -> list[str]:
    if kind == "gunicorn":
        return [str(BIN / "gunicorn"), "onewindow.wsgi:application", "-b", f"127.0.0.1:{port}", "-w",
                str(workers),
                "--threads", str(threads), "-k", "gthread" if threads > 1 else "sync", "--log-level",
                "warning",
                "--timeout", "60"]
    if kind == "granian":
        return [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers), "--blocking-threads", str(threads), "--log-level", "warning",
                "onewindow.wsgi:application"]
    raise ValueError(kind)


def serve(kind: str, port: int, *, workers: int = 2, threads: int = 4, env: dict | None = None,
          probe: str = "/api/v1/openapi.json") -> subprocess.Popen:
    proc = subprocess.Popen(server_cmd(kind, port, workers, threads), env=env or server_env(), cwd=ROOT,
                            start_new_session=True, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{kind} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", probe)
            if conn.getresponse().status < 500:
                return proc
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise RuntimeError(f"{kind} did not start")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def rss_mb(proc: subprocess.Popen) -> dict[str, float]:
    """Resident set size (MB) of each process in the server's group (master and workers)."""
    out: dict[str, float] = {}
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        try:
            if os.getpgid(int(pid_dir.name)) != proc.pid:
                continue
            status = (pid_dir / "status").read_text()
        except (OSError, ProcessLookupError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                out[pid_dir.name] = int(line.split()[1]) / 1024
    return out


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s))) - 1))]


def summary(ok: int, lat: list[float], errors: list[str], seconds: float) -> dict:
    return {"rps": ok / seconds if seconds else 0.0, "p50": pct(lat, 50) * 1000, "p95": pct(lat, 95) * 1000,
            "p99": pct(lat,
                       99) * 1000, "n": ok, "errors": len(errors), "first_error": errors[0] if errors else "",
            "seconds": seconds}


def fmt(r: dict) -> str:
    return (f"{r['rps']:,.0f} req/s, p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms "
            f"({r['n']} requests in {r['seconds']:.1f} s, {r['errors']} errors)")


def load(seconds: float, clients: int, make_fn, max_requests: int = 10**9) -> dict:
    """make_fn() -> fn (one per thread, e.g. holding a keep-alive connection); fn() -> error or None."""
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    lat: list[float] = []
    errors: list[str] = []
    count = [0]

    def worker():
        fn = make_fn()
        while time.monotonic() < stop_at:
            with lock:
                if count[0] >= max_requests:
                    return
                count[0] += 1
            t0 = time.perf_counter()
            try:
                err = fn()
            except Exception as exc:  # noqa: BLE001 - counted
                err = repr(exc)[:160]
            dt_ = time.perf_counter() - t0
            with lock:
                (errors.append(err) if err else lat.append(dt_))

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return summary(len(lat), lat, errors, time.monotonic() - t0)


def http_getter(port: int, path_fn, headers: dict | None = None):
    """A make_fn for load(): one keep-alive connection per thread, GET path_fn() expecting 200."""
    def make():
        state = {"conn": http.client.HTTPConnection("127.0.0.1", port, timeout=30)}

        def one():
            try:
                state["conn"].request("GET", path_fn(), headers=headers or {})
                resp = state["conn"].getresponse()
                body = resp.read()
            except (OSError, http.client.HTTPException) as exc:
                state["conn"].close()
                state["conn"] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                return repr(exc)[:160]
            return None if resp.status == 200 else f"{resp.status} {body[:120]!r}"
        return one
    return make


def loadavg() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())
