"""GET /api/v1/feedback/rates: a period the date arithmetic cannot hold is 422, never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("query", ["start=0001-01-01&end=0001-01-01", "start=9999-12-30&end=9999-12-31",
                                   "start=2026-03-10&end=2026-03-01"])
def test_rates_bad_period_is_422(api_client, token_for, manager, query):
    resp = api_client.get(f"/api/v1/feedback/rates?{query}", **token_for(manager))
    assert resp.status_code == 422
    assert resp.json()["code"] == "bad_period"


def test_rates_answer_for_a_normal_month(api_client, token_for, manager):
    resp = api_client.get("/api/v1/feedback/rates?start=2026-02-25&end=2026-03-24", **token_for(manager))
    assert resp.status_code == 200
