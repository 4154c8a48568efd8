"""`make bench`: every benchmark, one after another; each appends its run to docs/performance.md.

The PostgreSQL benchmarks (intake over HTTP, queue) need DATABASE_URL pointing at a local
PostgreSQL server; without it they are skipped with a note.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ANY_DATABASE = ["due_date.py", "catalogue_detail.py"]
POSTGRES_ONLY = ["intake_http.py", "queueing_bench.py", "supervision_sweep.py", "reports_monthly.py"]


def main() -> int:
    on_postgres = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
    failed = []
    for script in ANY_DATABASE + POSTGRES_ONLY:
        if script in POSTGRES_ONLY and not on_postgres:
            print(f"== {script}: skipped (set DATABASE_URL=postgres://postgres@127.0.0.1:5432/x)")
            continue
        print(f"== {script}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script)], check=False).returncode != 0:
            failed.append(script)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
