"""The queue endpoints are in the OpenAPI document with their parameters and fields."""

from __future__ import annotations

import pytest

PATHS = {
    ("/api/v1/queue/lines", "get"),
    ("/api/v1/queue/tickets", "post"),
    ("/api/v1/queue/tickets/{token}", "get"),
    ("/api/v1/queue/windows/{window_id}/call-next", "post"),
    ("/api/v1/queue/tickets/{ticket_id}/actions/{action}", "post"),
    ("/api/v1/queue/slots", "get"),
    ("/api/v1/queue/appointments", "post"),
    ("/api/v1/queue/appointments/{code}", "get"),
    ("/api/v1/queue/appointments/{code}/cancel", "post"),
    ("/api/v1/queue/appointments/{code}/reschedule", "post"),
    ("/api/v1/queue/appointments/{code}/check-in", "post"),
    ("/api/v1/queue/kpis", "get"),
}


@pytest.fixture
def spec(api_client, db):
    return api_client.get("/api/v1/openapi.json").json()


def test_queue_paths_are_documented(spec):
    present = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert present >= PATHS


def test_ticket_fields_and_security(spec):
    ticket = spec["components"]["schemas"]["TicketOut"]["properties"]
    assert {"number", "token", "people_ahead", "predicted_wait_minutes", "status", "line", "window"} <= set(
        ticket
    )
    assert spec["paths"]["/api/v1/queue/tickets"]["post"].get("security") is None  # public
    assert spec["paths"]["/api/v1/queue/windows/{window_id}/call-next"]["post"]["security"] == [
        {"BearerAuth": []}
    ]
    responses = spec["paths"]["/api/v1/queue/windows/{window_id}/call-next"]["post"]["responses"]
    assert {"200", "403", "404", "409"} <= set(responses)
