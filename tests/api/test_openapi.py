"""/api/v1/openapi.json is a valid OpenAPI 3 document and carries every path and field of the
contract that outside clients rely on."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

CONTRACT = {
    ("/api/v1/auth/token", "post"),
    ("/api/v1/auth/me", "get"),
    ("/api/v1/items", "get"),
    ("/api/v1/items/{code}", "get"),
}


@pytest.fixture
def spec(api_client, db):
    resp = api_client.get("/api/v1/openapi.json")
    assert resp.status_code == 200
    return resp.json()


def _schema(spec, path, method, status="200"):
    ref = spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]["$ref"]
    return spec["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_openapi_document_is_valid(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.")


def test_every_contract_path_is_present(spec):
    present = {(path, method) for path, ops in spec["paths"].items() for method in ops}
    assert present >= CONTRACT


def test_catch_all_route_is_not_published(spec):
    assert not any("rest" in path for path in spec["paths"])


def test_list_parameters_and_fields(spec):
    params = {p["name"] for p in spec["paths"]["/api/v1/items"]["get"]["parameters"]}
    assert {"q", "department", "item_type", "theme", "centre", "region", "available_at", "cursor",
            "limit"} <= params
    page = _schema(spec, "/api/v1/items", "get")
    assert {"count", "results", "next"} <= set(page["properties"])
    summary = spec["components"]["schemas"]["ItemSummaryOut"]["properties"]
    assert {"code", "implementation_code", "name", "item_type", "item_type_name", "department", "centre",
            "theme", "case_class", "promised_days", "statutory_days", "visits_required",
            "handling_forms"} <= set(summary)


def test_guide_fields(spec):
    guide = _schema(spec, "/api/v1/items/{code}", "get")["properties"]
    assert {"code", "implementation_code", "name", "item_type", "department", "legal_basis", "conditions",
            "statutory_days", "promised_days", "case_class", "fees", "flow", "materials", "version",
            "max_extension_days", "notice_days", "content", "special_procedures", "result_type", "faq",
            "situations", "delegated_to"} <= set(guide)
    schemas = spec["components"]["schemas"]
    assert {"id", "name", "required", "form", "copies", "source", "acceptance_standard", "medium",
            "blank_form", "sample", "legal_basis"} <= set(schemas["GuideMaterialOut"]["properties"])
    assert {"name", "amount", "standard", "basis", "waivers"} <= set(schemas["GuideFeeOut"]["properties"])
    assert schemas["GuideFeeOut"]["properties"]["amount"]["type"] == "string"
    assert {"id", "label", "adds", "removes"} <= set(schemas["GuideOptionOut"]["properties"])


def test_error_responses_are_declared(spec):
    detail = spec["paths"]["/api/v1/items/{code}"]["get"]["responses"]
    assert {"404", "409"} <= set(detail)
    me = spec["paths"]["/api/v1/auth/me"]["get"]
    assert "401" in me["responses"]
    assert me.get("security"), "the bearer scheme is declared"
    assert not spec["paths"]["/api/v1/items"]["get"].get("security")  # public
