"""catalogue_import: error reporting (all or nothing), updates by implementation code, commands."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from onewindow.catalogue import services
from onewindow.catalogue.models import Delegation, ItemVersion, Material, ServiceItem, VersionStatus
from onewindow.core.errors import Invalid
from tests.catalogue.conftest import TODAY
from tests.catalogue.factories import sample_catalogue, wipe_catalogue


@pytest.fixture
def exported(department, other_department, township):
    sample_catalogue(department=department, other_department=other_department, township=township)
    return services.catalogue_export_json()


def counts():
    return (ServiceItem.objects.count(), ItemVersion.objects.count(), Material.objects.count(),
            Delegation.objects.count())


def minimal(code="11990100MB0000000X4000900000001", **fields):
    row = {"implementation_code": code, "basic_code": code[-12:], "centre_region": "990101",
           "department_code": "SCJG", "name": "新事项", "item_type": "01", "statutory_days": 20,
           "promised_days": 10}
    row.update(fields)
    return row


def errors_of(exc):
    return {(e["sheet"], e["row"], e["field"], e["code"]) for e in exc.value.detail}


def test_every_bad_row_in_every_sheet_is_reported_and_nothing_written(exported):
    data = copy.deepcopy(exported)
    food = data["items"][0]["implementation_code"]
    data["items"].append(minimal(promised_days=30, theme="sports"))                  # row 6: two rule errors
    data["items"].append(minimal(code="11990100MB0000000X4000900000002", basic_code="short",
                                 department_code="NOPE", statutory_days="many"))       # row 7
    data["items"].append(minimal(code="11990100MB0000000X4000900000003", centre_region="000000"))  # row 8
    data["materials"].append({"item": food, "position": 99, "name": "新材料", "copies": 0})   # row 5
    data["materials"].append({"item": "NOSUCHITEM", "position": 1, "name": "x"})          # row 6
    data["fees"].append({"item": food, "name": "费", "amount": "-3"})                     # row 3
    data["options"].append({"item": food, "situation": 9, "position": 1, "label": "?"})   # row 4
    data["options"].append({"item": food, "situation": 2, "position": 3, "label": "也许",
                            "adds": ["不存在的材料"], "removes": [1]})                       # row 5
    data["delegations"].append({"item": food, "to_centre_region": "990101",
                                "valid_from": "2025-13-01"})                           # row 3
    data["bundles"].append({"bundle": "NOSUCHBUNDLE", "component": food, "is_lead": "maybe"})  # row 3
    data["situations"][0]["colour"] = "red"                                                # row 1
    before = counts()
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data=data)
    assert exc.value.code == "import_invalid" and exc.value.status == 422
    found = errors_of(exc)
    assert {
        ("items", 6, "promised_days", "promised_exceeds_statutory"),
        ("items", 6, "theme", "unknown_theme"),
        ("items", 7, "basic_code", "invalid_basic_code"),
        ("items", 7, "department_code", "unknown_department"),
        ("items", 7, "statutory_days", "not_int"),
        ("items", 8, "centre_region", "unknown_centre"),
        ("materials", 5, "copies", "copies_too_small"),
        ("materials", 6, "item", "unknown_item"),
        ("fees", 3, "amount", "fee_amount_negative"),
        ("situations", 1, "colour", "unknown_column"),
        ("options", 4, "situation", "unknown_situation"),
        ("options", 5, "adds", "unknown_material"),
        ("delegations", 3, "valid_from", "not_date"),
        ("bundles", 3, "bundle", "unknown_item"),
        ("bundles", 3, "is_lead", "not_boolean"),
    } <= found
    sheets = [e["sheet"] for e in exc.value.detail]
    assert sheets == sorted(sheets, key=["items", "materials", "fees", "situations", "options", "delegations",
                                         "bundles"].index)
    assert all(e["message"] and e["message_en"] for e in exc.value.detail)
    assert counts() == before
    assert services.catalogue_export_json() == exported


def test_xlsx_errors_carry_spreadsheet_rows(exported):
    data = copy.deepcopy(exported)
    data["items"][1]["promised_days"] = 2          # seal: statutory 1 → error on spreadsheet row 3
    data["materials"][2]["copies"] = 0             # third material → spreadsheet row 4
    from onewindow.catalogue.importexport.exporter import to_xlsx

    content = to_xlsx(data)
    wipe_catalogue()
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(content=content, format="xlsx")
    assert errors_of(exc) == {("items", 3, "promised_days", "promised_exceeds_statutory"),
                              ("materials", 4, "copies", "copies_too_small")}
    assert not ServiceItem.objects.exists()


def test_service_level_errors_are_reported_per_row(exported, department, township):
    food = ServiceItem.objects.get(name="食品经营许可")
    services.item_version_create_draft(item=food)  # an open draft blocks publishing imported changes
    data = copy.deepcopy(exported)
    data["items"][0]["conditions"] = "新的受理条件"
    data["delegations"].append({"item": data["items"][1]["implementation_code"], "to_centre_region": "990102",
                                "valid_from": "2025-01-01"})  # to a county: not allowed
    from tests.factories import CentreFactory, RegionFactory

    CentreFactory(region=RegionFactory(code="990102"), level="county")
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data=data)
    assert errors_of(exc) == {("items", 1, "", "draft_exists"),
                              ("delegations", 3, "to_centre_region", "delegation_target_level")}
    assert ItemVersion.objects.get(item=food, status=VersionStatus.PUBLISHED).conditions == "有固定场所"


def test_changed_item_gets_a_new_published_version(exported, manager):
    data = copy.deepcopy(exported)
    food = data["items"][0]
    food["conditions"] = "有固定经营场所"
    food["effective_from"] = "2020-01-01"  # in the past: the new version takes effect today
    data["materials"] = [m for m in data["materials"] if not (m["item"] == food["implementation_code"]
                                                              and m["name"] == "授权委托书")]
    for option in data["options"]:
        if option["item"] == food["implementation_code"]:
            option["adds"] = []
    data["items"][2]["active"] = True                  # the inactive item is reactivated
    summary = services.catalogue_import(data=data, by=manager.user)
    assert summary["items_updated"] == 2 and summary["versions_published"] == 1
    item = ServiceItem.objects.get(implementation_code=food["implementation_code"])
    v1, v2 = ItemVersion.objects.filter(item=item).order_by("number")
    assert (v2.status, v2.effective_from, v2.conditions, v2.published_by) == ("published", TODAY,
                                                                              "有固定经营场所", manager.user)
    assert item.current_version == v2 and v1.effective_to == TODAY and v1.conditions == "有固定场所"
    assert [m.name for m in v2.materials.all()] == ["营业执照", "居民身份证"]
    assert ServiceItem.objects.get(name="已停用事项").active is True
    again = services.catalogue_export_json()
    assert again["items"][0]["conditions"] == "有固定经营场所"
    assert services.catalogue_import(data=again)["items_unchanged"] == 5


def test_future_effective_date_schedules_the_new_version(exported):
    data = copy.deepcopy(exported)
    data["items"][0]["name"] = "食品经营许可(新)"
    data["items"][0]["effective_from"] = "2025-07-01"
    services.catalogue_import(data=data)
    item = ServiceItem.objects.get(implementation_code=data["items"][0]["implementation_code"])
    assert item.name == "食品经营许可" and item.versions.filter(effective_from=dt.date(2025, 7, 1)).exists()
    services.items_refresh_current(on=dt.date(2025, 7, 1))
    item.refresh_from_db()
    assert item.name == "食品经营许可(新)"


def test_identity_mismatch(exported):
    data = copy.deepcopy(exported)
    data["items"][0]["department_code"] = "GA"
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data=data)
    assert errors_of(exc) == {("items", 1, "department_code", "item_identity_mismatch")}


def test_references_by_name_and_duplicate_rows(db, department):
    code = "11990100MB0000000X4000900000001"
    data = {"items": [minimal(code), minimal(code)],
            "materials": [{"item": code, "position": 10, "name": "居民身份证"},
                          {"item": code, "position": 20, "name": "委托书", "requirement": "conditional"}],
            "situations": [{"item": code, "position": 3, "question": "是否委托?"}],
            "options": [{"item": code, "situation": 3, "position": 1, "label": "是", "adds": "委托书;10"}]}
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data=data)
    assert errors_of(exc) == {("items", 2, "implementation_code", "duplicate_item")}
    assert not ServiceItem.objects.exists()
    data["items"].pop()
    services.catalogue_import(data=data)
    item = ServiceItem.objects.get(implementation_code=code)
    option = item.current_version.situations.get().options.get()
    assert sorted(m.name for m in option.adds.all()) == ["委托书", "居民身份证"]
    assert [(m.position, m.name) for m in item.current_version.materials.all()] == [(1, "居民身份证"),
                                                                                   (2, "委托书")]


@pytest.mark.parametrize(("content", "fmt"), [(b"not json", "json"), (b"PK\x03\x04garbage", "xlsx"),
                                              (b"[1, 2]", "json"),
                                              (b'{"format": "other"}', "json")])
def test_unreadable_files(db, content, fmt):
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(content=content, format=fmt)
    assert exc.value.code == "import_unreadable"


def test_bad_arguments(db):
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data={}, format="csv")
    assert exc.value.code == "unknown_format"
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(data={}, content=b"{}")
    assert exc.value.code == "import_source"


def test_xlsx_header_problems(db, department):
    workbook = Workbook()
    ws = workbook.active
    ws.title = "items"
    ws.append(["implementation_code", "basic_code", "colour"])
    ws.append(["11990100MB0000000X4000900000001", "000900000001", "red"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(Invalid) as exc:
        services.catalogue_import(content=buffer.getvalue(), format="xlsx")
    found = errors_of(exc)
    assert ("items", 1, "colour", "unknown_column") in found
    assert ("items", 1, "centre_region", "missing_column") in found
    assert ("items", 2, "name", "required") in found


def test_commands_export_and_import(exported, tmp_path):
    xlsx = tmp_path / "catalogue.xlsx"
    call_command("catalogue_export", format="xlsx", output=str(xlsx), stderr=StringIO())
    assert load_workbook(xlsx).sheetnames[0] == "items"
    out = StringIO()
    call_command("catalogue_export", stdout=out)
    assert json.loads(out.getvalue()) == exported
    wipe_catalogue()
    out = StringIO()
    call_command("catalogue_import", str(xlsx), stdout=out)
    assert "items_created: 5" in out.getvalue()
    assert services.catalogue_export_json() == exported
    bad = tmp_path / "bad.json"
    broken = copy.deepcopy(exported)
    broken["items"][0]["promised_days"] = 99
    bad.write_text(json.dumps(broken), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("catalogue_import", str(bad), stderr=err)
    assert "items:1 promised_days promised_exceeds_statutory" in err.getvalue()
