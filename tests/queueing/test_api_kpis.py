"""GET /api/v1/queue/kpis: the caller's centre, managers and supervisors only."""

from __future__ import annotations

from tests.api.conftest import assert_error
from tests.queueing.conftest import DAY, at

URL = "/api/v1/queue/kpis"


def test_kpis_by_window(api_client, token_for, manager, morning):
    resp = api_client.get(
        URL, {"start": DAY.isoformat(), "end": DAY.isoformat(), "group_by": "window"}, **token_for(manager)
    )
    assert resp.status_code == 200, resp.content
    rows = {r["group"]["window"]: r for r in resp.json()}
    assert (rows["A01"]["served"], rows["A01"]["no_show"], rows["A01"]["service_level"]) == (3, 1, 0.5)
    assert rows["A02"]["waiting_avg_minutes"] == 3


def test_kpis_roles_and_bad_input(api_client, token_for, clerk, manager, supervisor, social, take):
    take(social, at_=at(9))
    assert_error(
        api_client.get(URL, {"start": "2026-03-11", "end": "2026-03-11"}, **token_for(clerk)),
        403,
        "role_not_allowed",
    )
    (row,) = api_client.get(URL, {"start": "2026-03-11", "end": "2026-03-11"}, **token_for(supervisor)).json()
    assert row["taken"] == 1
    headers = token_for(manager)
    assert_error(
        api_client.get(URL, {"start": "2026-03-11", "end": "2026-03-10"}, **headers), 422, "invalid_range"
    )
    assert_error(
        api_client.get(URL, {"start": "2026-03-11", "end": "2026-03-11", "group_by": "mood"}, **headers),
        422,
        "invalid_group_by",
    )
    assert_error(
        api_client.get(URL, {"start": "yesterday", "end": "2026-03-11"}, **headers), 422, "validation_error"
    )
    assert_error(api_client.get(URL, {"start": "2026-03-11", "end": "2026-03-11"}), 401, "not_authenticated")
