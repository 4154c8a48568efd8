"""Locust scenario: clerks, reviewers and citizens on one installation (bench/province_locust.py runs it
bounded and records it; 127.0.0.1 only).

    locust -f bench/locustfile.py --headless -u 40 -r 10 --run-time 150s --host http://127.0.0.1:8191

Staff log in once through POST /api/v1/auth/token (demo logins, password onewindow-demo) and then read
their case lists and open cases from them; citizens look up progress with the last 4 digits of the
phone, read item guides (API) and open the online hall's home page. Case numbers and item codes are
sampled from the database named by DATABASE_URL when the test starts.
"""

from __future__ import annotations

import os
import random
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

SAMPLE: dict[str, list] = {"cases": [], "items": []}
PASSWORD = os.environ.get("BENCH_PASSWORD", "onewindow-demo")


@events.test_start.add_listener
def _sample(environment, **kwargs) -> None:
    import psycopg

    host = urlparse(environment.host or "http://127.0.0.1").hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit("this scenario only runs against 127.0.0.1")
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        SAMPLE["cases"] = conn.execute(
            "SELECT c.number, right(a.phone, 4) FROM cases_case c JOIN cases_applicant a ON a.id = "
            "c.applicant_id "
            "WHERE a.phone <> '' ORDER BY c.id DESC LIMIT 20000").fetchall()
        SAMPLE["items"] = [r[0] for r in conn.execute(
            "SELECT implementation_code FROM catalogue_serviceitem WHERE current_version_id IS NOT NULL")]


class Staff(HttpUser):
    abstract = True
    username = ""
    filters: tuple[str, ...] = ("",)
    wait_time = between(1, 3)  # a person at a desk, not a loop

    def on_start(self) -> None:
        r = self.client.post("/api/v1/auth/token", json={"username": self.username, "password": PASSWORD},
                             name="/api/v1/auth/token")
        self.headers = {"Authorization": f"Bearer {r.json()['token']}"} if r.ok else {}
        self.numbers: list[str] = []
        self.next: str | None = None

    @task(5)
    def case_list(self) -> None:
        state = random.choice(self.filters)  # noqa: S311
        path = "/api/v1/cases" + (f"?state={state}" if state else "")
        with self.client.get(path, headers=self.headers, name="/api/v1/cases [list]",
                             catch_response=True) as r:
            if r.ok:
                body = r.json()
                self.numbers = [c["number"] for c in body["results"]]
                self.next = body.get("next")

    @task(2)
    def next_page(self) -> None:
        if self.next:
            self.client.get(self.next, headers=self.headers, name="/api/v1/cases [next page]")

    @task(3)
    def case_detail(self) -> None:
        if self.numbers:
            self.client.get(f"/api/v1/cases/{random.choice(self.numbers)}", headers=self.headers,
                             # noqa: S311
                            name="/api/v1/cases/{number}")


class Clerk(Staff):
    weight = 3
    username = "clerk"
    filters = ("", "", "accepted", "supplement_required")


class Reviewer(Staff):
    weight = 2
    username = "reviewer"
    filters = ("in_review", "accepted", "suspended")


class Citizen(HttpUser):
    weight = 6
    wait_time = between(2, 6)

    @task(5)
    def progress(self) -> None:
        if SAMPLE["cases"]:
            number, verify = random.choice(SAMPLE["cases"])  # noqa: S311
            self.client.get(f"/api/v1/public/progress/{number}?verify={verify}",
                            name="/api/v1/public/progress/{number}")

    @task(3)
    def guide(self) -> None:
        if SAMPLE["items"]:
            self.client.get(f"/api/v1/items/{random.choice(SAMPLE['items'])}",
                            name="/api/v1/items/{code}")  # noqa: S311

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="/ (online hall)")
