"""Append one benchmark run to docs/performance.md (command, machine, date, data size, result, ratio
against a baseline measured in the same run), as DEVELOPERS.md asks."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path

PERF_MD = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.node()}, {os.cpu_count()} cores, {cpu or platform.processor()}, "
            f"Python {platform.python_version()}")


def database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return "PostgreSQL" if url.startswith(("postgres", "postgresql")) else "SQLite"


def record(*, title: str, data_size: str, results: dict[str, str], baseline: str, ratio: str,
           notes: str = "") -> None:
    """Append a run; never rewrites earlier runs."""
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                             cwd=PERF_MD.parent.parent, check=False).stdout.strip()
    except OSError:
        rev = "?"
    lines = [
        f"\n### {title} — {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        f"- command: `{' '.join(['python', *sys.argv])}`",
        f"- machine: {machine()}; database: {database()}; commit: {rev or '?'}",
        f"- data size: {data_size}",
        *[f"- {k}: {v}" for k, v in results.items()],
        f"- baseline (same run): {baseline}",
        f"- ratio: {ratio}",
    ]
    if notes:
        lines.append(f"- notes: {notes}")
    PERF_MD.parent.mkdir(parents=True, exist_ok=True)
    if not PERF_MD.exists():
        PERF_MD.write_text("# Performance\n\nEvery benchmark run, appended by bench/_record.py. "
                           "Absolute times on shared machines drift; read the ratio.\n", encoding="utf-8")
    with PERF_MD.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
