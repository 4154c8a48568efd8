"""Where a request's time goes: cProfile over in-process requests (Django test client, no HTTP server)
for the clerk's case list and the public progress lookup, on the province database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ow_province .venv/bin/python bench/province_profile.py

Prints the top functions by own time; docs/performance.md
quotes it where a target is missed. Nothing is recorded (it is a profile, not a benchmark).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import random
import time

from _scale import require_local_postgres

N = int(os.environ.get("BENCH_REQUESTS", "300"))


def main() -> None:
    require_local_postgres()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onewindow.settings")
    os.environ["ONEWINDOW_RATELIMIT_ENABLE"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from onewindow.accounts.services import api_token_issue

    token = api_token_issue(username="clerk", password="onewindow-demo")
    with connection.cursor() as c:
        c.execute("SELECT c.number, right(a.phone, 4) FROM cases_case c JOIN cases_applicant a "
                  "ON a.id = c.applicant_id ORDER BY c.id DESC LIMIT 2000")
        cases = c.fetchall()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def progress():
        number, verify = random.choice(cases)  # noqa: S311 - load generation
        return client.get(f"/api/v1/public/progress/{number}", {"verify": verify})

    shapes = {
        "clerk list": lambda: client.get("/api/v1/cases", {"state": random.choice(["", "accepted"])}),  # noqa: S311
        "progress lookup": progress,
    }
    for name, fn in shapes.items():
        for _ in range(20):
            status = fn().status_code
            assert status == 200, (name, status)
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        for _ in range(N):
            fn()
        prof.disable()
        per = (time.perf_counter() - t0) / N * 1000
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(15)
        print(f"== {name}: {per:.1f} ms per request in process (with the profiler's overhead); "
              "psycopg wait() calls / requests = SQL round trips per request")
        print("\n".join(out.getvalue().splitlines()[6:26]))


if __name__ == "__main__":
    main()
