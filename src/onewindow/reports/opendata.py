"""Open data (政务公开): anonymised monthly statistics per centre and department, public.

No personal data: only counts and rates per centre and department (no staff, no applicants, no
case numbers). Small counts are suppressed: a cell below OPEN_DATA_MIN_COUNT (default 5) is
published as null ("<5" in CSV), and a rate whose denominator is below it as null, so that a single
applicant's case cannot be singled out in a village's figures."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings

from onewindow.network.models import Centre, Department
from onewindow.reports.indicators.compute import case_rates, dims_sum
from onewindow.reports.periods import Period
from onewindow.reports.rollup import figures_query

PUBLISHED = ("received", "accepted", "decided", "concluded", "refused", "returned")
RATES = ("on_time_rate", "early_rate", "avg_working_days")


def min_count() -> int:
    return int(getattr(settings, "ONEWINDOW_OPEN_DATA_MIN_COUNT", 5))


def _suppress(row: dict[str, int]) -> dict[str, Any]:
    k = min_count()
    out: dict[str, Any] = {m: (row.get(m, 0) if row.get(m, 0) >= k or row.get(m, 0) == 0 else None)
                           for m in PUBLISHED}
    rates = case_rates(row)
    ok = row.get("decided", 0) >= k
    out.update({r: (rates[r] if ok else None) for r in RATES})
    return out


def open_statistics(*, period: Period) -> dict[str, Any]:
    rows = figures_query(centres=None, start=period.start, end=period.end,
                         group=("centre_id", "department_id"))
    centres = {c.pk: c for c in Centre.objects.filter(active=True)}
    departments = dict(Department.objects.values_list("pk", "name"))
    per_centre = dims_sum([{k: v for k, v in r.items() if k != "department_id"} for r in rows], "centre_id")
    out = []
    for cid, totals in sorted(per_centre.items()):
        c = centres.get(cid)
        if c is None:
            continue
        deps = [{"department": departments.get(r["department_id"], ""), **_suppress(r)}
                for r in rows if r["centre_id"] == cid and r["department_id"]]
        out.append({"centre": c.name, "level": c.level, "region": c.region_id, **_suppress(totals),
                    "departments": deps})
    return {"month": period.month, "period_start": period.start.isoformat(),
            "period_end": period.end.isoformat(), "suppressed_below": min_count(), "centres": out}


def open_statistics_csv(data: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["month", "centre", "level", "region", "department", *PUBLISHED, *RATES])

    def cell(v):
        return f"<{min_count()}" if v is None else v

    for c in data["centres"]:
        for dep in [{"department": "", **{k: c[k] for k in (*PUBLISHED, *RATES)}}, *c["departments"]]:
            w.writerow([data["month"], c["centre"], c["level"], c["region"], dep["department"],
                        *[cell(dep[m]) for m in PUBLISHED], *[cell(dep[r]) for r in RATES]])
    return buf.getvalue()
