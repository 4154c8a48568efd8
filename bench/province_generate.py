"""Generate the province database and record the run (rows, bytes and cases per second).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province .venv/bin/python bench/province_generate.py \
        --cases 1000000 --seed 10
    (--record-output FILE: record a run already made, from the command's saved stdout)

The database must be migrated and hold the demo network and catalogue (docs/scale.md). Baseline in the
same run: COPY of the same number of bare rows into a temporary table (what the disk and PostgreSQL do
without our indexes, constraints and row building).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time

from _scale import ROOT, loadavg, require_local_postgres


def copy_baseline(url: str, rows: int) -> float:
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("CREATE TEMP TABLE bench_copy (a bigint, b text, c timestamptz)")
        t0 = time.monotonic()
        with conn.cursor().copy("COPY bench_copy FROM STDIN") as cp:
            for i in range(rows):
                cp.write_row((i, "x" * 60, "2026-01-01T00:00:00+08:00"))
        conn.commit()
        return rows / (time.monotonic() - t0)


def main() -> None:
    url = require_local_postgres()
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--record-output")
    args = parser.parse_args()
    if args.record_output:
        out = open(args.record_output, encoding="utf-8").read()  # noqa: SIM115
    else:
        out = subprocess.run([sys.executable, str(ROOT / "manage.py"), "generate_province", "--cases",
                              str(args.cases), "--seed", str(args.seed)], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
    m = re.search(r"([\d,]+) cases, ([\d,]+) rows \(([\d.]+) per case\), ([\d,]+) MiB .*\(([\d,]+) bytes per "
                  r"case\) in ([\d,]+) s \(([\d,]+) cases/s\)", out)
    if not m:
        sys.exit(f"unexpected output: {out!r}")
    cases, rows, per, mib, bpc, secs, rate = m.groups()
    row_rate = int(rows.replace(",", "")) / max(int(secs.replace(",", "")), 1)
    base = copy_baseline(url, 500_000)
    from _record import record

    record(title="Province data: generate_province with COPY (bench/province_generate.py)",
           data_size=f"{cases} cases over 12 months (seed {args.seed}) into ow_province, demo network and "
                     "catalogue, indexes kept",
           results={"cases/s": rate,
                    "rows": f"{rows} ({per} per case: applicant, case, ~6.4 events, 0.5 evaluation, 0.6 "
                            "ticket + link)",
                    "disk with indexes": f"{mib} MiB ({bpc} bytes per case)",
                    "wall time": f"{secs} s", "rows/s": f"{row_rate:,.0f}"},
           baseline=f"bare COPY of 3-column rows into a temp table, no index: {base:,.0f} rows/s",
           ratio=f"generator rows/s / bare COPY rows/s = {row_rate / base:.2f}",
           notes="shared 2-core machine; with --record-output the baseline is measured when recording, not "
                 f"during the generation; load average at recording {loadavg()}")


if __name__ == "__main__":
    main()
