"""The error format {code, message, message_en, detail} on paths no router claims and on bodies the
API cannot parse: always JSON, always 4xx, never a 500 or Django's HTML page."""

from __future__ import annotations

import pytest

from tests.api.conftest import assert_error

TOKEN_URL = "/api/v1/auth/token"


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/items/x/y", "/api/v1/auth/token/extra",
                                  "/api/v1/items/"])
def test_unknown_route_is_json_404(api_client, method, path):
    body = assert_error(getattr(api_client, method)(path), 404, "unknown_route")
    assert body["message"] == "接口不存在"
    assert body["detail"] == {"path": path}


@pytest.mark.django_db
def test_unknown_route_needs_no_token_to_get_its_404(api_client):
    # The catch-all must not turn a typo into a 401 that hides the real problem.
    assert_error(api_client.get("/api/v1/cases-typo/1"), 404, "unknown_route")


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [b"{bad json", b'{"username": "a", ', b"\xff\xfe\x00",
                                 b"username=a&password=b"])
def test_malformed_json_body_is_400_in_error_format(api_client, raw):
    body = assert_error(api_client.post(TOKEN_URL, data=raw, content_type="application/json"), 400,
                        "malformed_request")
    assert body["message_en"].startswith("Cannot parse request body")


@pytest.mark.django_db
@pytest.mark.parametrize("raw", [b"[1, 2]", b"null", b'"text"', b"42",
                                 b'{"username": ["a"], "password": {}}'])
def test_well_formed_json_of_the_wrong_shape_is_422(api_client, raw):
    body = assert_error(api_client.post(TOKEN_URL, data=raw, content_type="application/json"), 422,
                        "validation_error")
    assert isinstance(body["detail"], list) and body["detail"]


@pytest.mark.django_db
def test_validation_error_detail_names_the_field(api_client):
    body = assert_error(api_client.get("/api/v1/items", {"limit": "many"}), 422, "validation_error")
    assert body["detail"][0]["loc"][-1] == "limit"
