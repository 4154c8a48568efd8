"""POST /api/v1/queue/windows/{id}/call-next and POST /api/v1/queue/tickets/{id}/actions/{action}."""

from __future__ import annotations

import pytest

from onewindow.queueing.models import Ticket, TicketEvent
from tests.api.conftest import assert_error
from tests.factories import DepartmentFactory, WindowFactory
from tests.fees.factories import CaseFactory
from tests.queueing.conftest import at


def call_next(client, window, headers):
    return client.post(f"/api/v1/queue/windows/{window.pk}/call-next", **headers)


def action(client, ticket, name, headers, body=None):
    return client.post(
        f"/api/v1/queue/tickets/{ticket.pk}/actions/{name}",
        body or {},
        content_type="application/json",
        **headers,
    )


@pytest.fixture
def headers(token_for, clerk):
    return token_for(clerk)


def test_call_next_returns_the_called_ticket(api_client, headers, social, take, window, frozen):
    take(social, at_=at(8, 30))
    resp = call_next(api_client, window, headers)
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["number"], body["status"], body["window"]["number"], body["call_count"]) == (
        "A001",
        "called",
        "A01",
        1,
    )
    assert_error(call_next(api_client, window, headers), 409, "ticket_still_called")


def test_empty_queue_is_404_queue_empty(api_client, headers, social, window, frozen):
    body = assert_error(call_next(api_client, window, headers), 404, "queue_empty")
    assert body["detail"] == {"window": "A01"}


def test_huge_or_unknown_ids_are_404(api_client, headers, social, take, frozen):
    assert_error(api_client.post("/api/v1/queue/windows/99999999999999999999/call-next", **headers), 404)
    url = "/api/v1/queue/tickets/99999999999999999999/actions/serve"
    assert_error(
        api_client.post(url, {}, content_type="application/json", **headers), 404, "ticket_not_found"
    )


def test_window_of_another_centre_is_404_and_anonymous_401(
    api_client, token_for, outsider, social, window, frozen
):
    assert_error(call_next(api_client, window, token_for(outsider)), 404, "window_not_found")
    assert_error(call_next(api_client, window, {}), 401, "not_authenticated")


def test_staff_of_another_window_is_403(api_client, token_for, reg_clerk, social, take, window, frozen):
    take(social, at_=at(8, 30))
    assert_error(call_next(api_client, window, token_for(reg_clerk)), 403, "not_at_window")


def test_recall_serve_finish(api_client, headers, social, take, window, clerk, frozen):
    take(social, at_=at(8, 30))
    ticket = Ticket.objects.get(pk=call_next(api_client, window, headers).json()["id"])
    assert action(api_client, ticket, "recall", headers).json()["call_count"] == 2
    assert_error(action(api_client, ticket, "no_show", headers), 409, "too_few_calls")
    assert action(api_client, ticket, "serve", headers).json()["status"] == "serving"
    assert action(api_client, ticket, "finish", headers).json()["status"] == "finished"
    assert list(TicketEvent.objects.filter(ticket=ticket).values_list("action", flat=True)) == [
        "take",
        "call",
        "recall",
        "serve",
        "finish",
    ]


def test_no_show_after_three_calls(api_client, headers, social, take, window, frozen):
    take(social, at_=at(8, 30))
    ticket = Ticket.objects.get(pk=call_next(api_client, window, headers).json()["id"])
    action(api_client, ticket, "recall", headers)
    action(api_client, ticket, "recall", headers)
    assert action(api_client, ticket, "no_show", headers).json()["status"] == "no_show"


def test_transfer_to_a_window_or_line(
    api_client, headers, centre, social, registration, take, window, reg_window, frozen
):
    take(social, at_=at(8, 30))
    ticket = Ticket.objects.get(pk=call_next(api_client, window, headers).json()["id"])
    body = action(api_client, ticket, "transfer", headers, {"window": reg_window.pk, "note": "转登记"}).json()
    assert (body["status"], body["window"], body["number"]) == ("waiting", None, "A001")
    ticket.refresh_from_db()
    assert (ticket.target_window, ticket.sort_at) == (reg_window, at(8, 30))
    assert_error(action(api_client, ticket, "transfer", headers, {"line": "nope"}), 404, "line_not_found")
    foreign = WindowFactory()
    assert_error(
        action(api_client, ticket, "transfer", headers, {"window": foreign.pk}), 404, "window_not_found"
    )
    assert action(api_client, ticket, "transfer", headers, {"line": "registration"}).json()["line"][
        "code"
    ] == ("registration")


def test_link_case(api_client, headers, centre, social, take, window, frozen):
    take(social, at_=at(8, 30))
    ticket = Ticket.objects.get(pk=call_next(api_client, window, headers).json()["id"])
    case = CaseFactory(department=DepartmentFactory(centre=centre))
    assert action(api_client, ticket, "link_case", headers, {"case": case.number}).status_code == 200
    assert list(ticket.cases.all()) == [case]
    assert_error(action(api_client, ticket, "link_case", headers, {"case": "nope"}), 404)
    assert_error(action(api_client, ticket, "link_case", headers), 422, "case_required")


def test_bad_action_and_foreign_ticket(api_client, headers, token_for, outsider, social, take, frozen):
    ticket = take(social, at_=at(8, 30))
    assert_error(action(api_client, ticket, "teleport", headers), 422, "validation_error")
    assert_error(action(api_client, ticket, "serve", token_for(outsider)), 404, "ticket_not_found")
    assert_error(action(api_client, ticket, "serve", headers), 409, "invalid_ticket_state")
    resp = api_client.post(
        f"/api/v1/queue/tickets/{ticket.pk}/actions/transfer",
        "{not json",
        content_type="application/json",
        **headers,
    )
    assert resp.status_code in (400, 422)


def test_call_next_query_count(
    api_client, headers, social, take, window, frozen, django_assert_max_num_queries
):
    for minute in range(20):
        take(social, at_=at(8, minute))
    call_next(api_client, window, headers)  # warm the token and the window's state row
    action(api_client, Ticket.objects.get(status="called"), "serve", headers)
    with django_assert_max_num_queries(21):
        assert call_next(api_client, window, headers).status_code == 200
