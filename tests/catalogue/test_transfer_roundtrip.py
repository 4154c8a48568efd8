"""Export → import into an empty catalogue (same network) → export again gives the same data."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from onewindow.catalogue import services
from onewindow.catalogue.models import ItemVersion, ServiceItem, SituationOption
from onewindow.catalogue.selectors import materials_for
from tests.catalogue.factories import sample_catalogue, wipe_catalogue


@pytest.fixture
def catalogue(department, other_department, township):
    return sample_catalogue(department=department, other_department=other_department, township=township)


def test_export_json_shape(catalogue):
    data = services.catalogue_export_json()
    assert data["format"] == "onewindow-catalogue" and data["format_version"] == 1
    assert [i["name"] for i in data["items"]] == [
        "食品经营许可", "公章刻制备案", "已停用事项", "企业开办", "草稿事项"]
    food = data["items"][0]
    assert (food["centre_region"], food["department_code"], food["status"], food["effective_from"]) == (
        "990101", "SCJG", "published", "2020-01-01")
    assert food["flow"][0] == {"name": "受理", "description": "窗口受理"}
    draft = data["items"][-1]
    assert (draft["status"], draft["effective_from"]) == ("draft", None)
    # Positions are ordinals and answers refer to them.
    food_code = food["implementation_code"]
    materials = [m for m in data["materials"] if m["item"] == food_code]
    assert [(m["position"], m["name"]) for m in materials] == [
        (1, "营业执照"), (2, "居民身份证"), (3, "授权委托书")]
    options = [o for o in data["options"] if o["item"] == food_code]
    assert options == [
        {"item": food_code, "situation": 1, "position": 1, "label": "租赁", "adds": [], "removes": [1]},
        {"item": food_code, "situation": 2, "position": 1, "label": "否", "adds": [], "removes": []},
        {"item": food_code, "situation": 2, "position": 2, "label": "是", "adds": [3], "removes": [2]}]
    assert [f["amount"] for f in data["fees"]] == ["10.00", "0.50"]
    assert [(d["to_centre_region"], d["revoked"]) for d in data["delegations"]] == [("990101001", False),
                                                                                    ("990101001", True)]
    assert [(b["position"], b["is_lead"]) for b in data["bundles"]] == [(1, True), (2, False)]
    json.dumps(data)  # JSON-ready as it is


def test_json_round_trip(catalogue, manager):
    first = services.catalogue_export_json()
    wipe_catalogue()
    summary = services.catalogue_import(content=json.dumps(first).encode(), format="json", by=manager.user)
    assert summary["items_created"] == 5 and summary["versions_published"] == 4
    assert summary["delegations_granted"] == 2 and summary["bundles_set"] == 1
    assert services.catalogue_export_json() == first
    # The imported catalogue works: answers still add and remove the right materials.
    food = ServiceItem.objects.get(name="食品经营许可")
    version = food.current_version
    assert version.published_by == manager.user
    yes = SituationOption.objects.get(situation__version=version, label="是")
    got = materials_for(version=version, answers={yes.situation_id: yes.pk})
    assert [m.name for m in got] == ["营业执照", "授权委托书"]
    assert ServiceItem.objects.get(name="草稿事项").current_version is None


def test_xlsx_round_trip(catalogue):
    first = services.catalogue_export_json()
    content = services.catalogue_export_xlsx()
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["items", "materials", "fees", "situations", "options", "delegations",
                                   "bundles"]
    assert workbook["items"]["A1"].value == "implementation_code"
    wipe_catalogue()
    services.catalogue_import(content=content, format="xlsx")
    assert services.catalogue_export_json() == first


def test_reimport_is_a_no_op(catalogue):
    first = services.catalogue_export_json()
    versions = ItemVersion.objects.count()
    summary = services.catalogue_import(data=first)
    assert summary["items_unchanged"] == 5 and summary["items_created"] == 0
    assert summary["versions_published"] == 0 and summary["delegations_granted"] == 0
    assert ItemVersion.objects.count() == versions
    assert services.catalogue_export_json() == first


def test_xlsx_text_is_never_a_formula(catalogue):
    draft = services.item_version_create_draft(item=catalogue["food"])
    services.item_version_update(version=draft, content="=HYPERLINK(\"http://evil\")")
    services.item_version_publish(version=draft)
    content = services.catalogue_export_xlsx()
    ws = load_workbook(io.BytesIO(content))["items"]
    column = [c.value for c in ws[1]].index("content") + 1
    cell = ws.cell(row=2, column=column)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://evil\")"


def test_text_keeps_its_spaces_codes_do_not(catalogue):
    data = services.catalogue_export_json()
    data["items"][0]["content"] = "  第一行\n  第二行  "
    data["items"][0]["implementation_code"] = f" {data['items'][0]['implementation_code']} "
    services.catalogue_import(data=data)
    food = ServiceItem.objects.get(name="食品经营许可")
    assert food.current_version.content == "  第一行\n  第二行  "


def test_every_column_is_documented():
    from pathlib import Path

    from onewindow.catalogue.importexport.spec import columns

    doc = (Path(__file__).resolve().parents[2] / "docs" / "catalogue.md").read_text(encoding="utf-8")
    section = doc.split("## 9. Import and export", 1)[1]
    missing = [f"{sheet}.{c.name}" for sheet, cols in columns().items() for c in cols
               if f"`{c.name}`" not in section]
    assert missing == []
    for sheet in columns():
        assert f"**{sheet}**" in section
