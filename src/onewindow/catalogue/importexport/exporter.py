"""Export of the whole catalogue: rows per sheet (JSON) and the same rows as an .xlsx workbook.

Each item is exported with the version in force today (status "published"); an item with none is
exported with its latest version (status "draft"). Positions are exported as ordinals 1…n in the
published order, and answers refer to materials by those ordinals, so the output is deterministic
and re-imports to the same catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from onewindow.catalogue.importexport.spec import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ITEM_ONLY_COLUMNS,
    LIST_SEPARATOR,
    SHEETS,
    STATUS_DRAFT,
    STATUS_PUBLISHED,
    canonical,
    columns,
)
from onewindow.catalogue.models import (
    BundleComponent,
    Delegation,
    Fee,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    SituationOption,
)
from onewindow.catalogue.selectors import versions_in_force_on
from onewindow.core.timeutil import today

CHUNK = 500


@dataclass
class Contents:
    materials: list[Material] = field(default_factory=list)
    fees: list[Fee] = field(default_factory=list)
    situations: list[Situation] = field(default_factory=list)
    options: dict[int, list[SituationOption]] = field(default_factory=lambda: defaultdict(list))
    adds: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    removes: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def load_contents(version_ids: Iterable[int]) -> dict[int, Contents]:
    """Materials, fees, situations, answers and answer links of many versions in a few queries."""
    out: dict[int, Contents] = defaultdict(Contents)
    ids = sorted(set(version_ids))
    adds_through, removes_through = SituationOption.adds.through, SituationOption.removes.through
    for chunk in _chunks(ids):
        for m in Material.objects.filter(version_id__in=chunk).order_by("version_id", "position", "id"):
            out[m.version_id].materials.append(m)
        for f in Fee.objects.filter(version_id__in=chunk).order_by("version_id", "id"):
            out[f.version_id].fees.append(f)
        situation_version = {}
        for s in Situation.objects.filter(version_id__in=chunk).order_by("version_id", "position", "id"):
            out[s.version_id].situations.append(s)
            situation_version[s.pk] = s.version_id
        option_version = {}
        for o in SituationOption.objects.filter(situation__version_id__in=chunk).order_by(
                "situation_id", "position", "id"):
            out[situation_version[o.situation_id]].options[o.situation_id].append(o)
            option_version[o.pk] = situation_version[o.situation_id]
        for through, attr in ((adds_through, "adds"), (removes_through, "removes")):
            rows = through.objects.filter(situationoption__situation__version_id__in=chunk).values_list(
                "situationoption_id", "material_id")
            for option_id, material_id in rows:
                getattr(out[option_version[option_id]], attr)[option_id].append(material_id)
    return out


def _version_values(version: ItemVersion) -> dict[str, Any]:
    cols = columns()["items"]
    return {c.name: canonical(getattr(version, c.name), c.kind)
            for c in cols if c.name not in ITEM_ONLY_COLUMNS}


def _row(sheet: str, obj: Any, **fixed: Any) -> dict[str, Any]:
    row = {}
    for c in columns()[sheet]:
        row[c.name] = fixed[c.name] if c.name in fixed else canonical(getattr(obj, c.name), c.kind)
    return row


def version_rows(*, code: str, version: ItemVersion, contents: Contents) -> dict[str, list[dict]]:
    """The content rows (every sheet but items/delegations/bundles) of one version, plus the version
    columns of its item row under "version". Used by the exporter and by the importer to compare."""
    ordinal = {m.pk: n for n, m in enumerate(contents.materials, start=1)}
    materials = [_row("materials", m, item=code, position=n)
                 for n, m in enumerate(contents.materials, start=1)]
    fees = [_row("fees", f, item=code) for f in contents.fees]
    situations, options = [], []
    for s_n, situation in enumerate(contents.situations, start=1):
        situations.append({"item": code, "position": s_n, "question": situation.question})
        for o_n, option in enumerate(contents.options.get(situation.pk, []), start=1):
            options.append({"item": code, "situation": s_n, "position": o_n, "label": option.label,
                            "adds": sorted(ordinal[m] for m in contents.adds.get(option.pk, [])),
                            "removes": sorted(ordinal[m] for m in contents.removes.get(option.pk, []))})
    return {"version": [_version_values(version)], "materials": materials, "fees": fees,
            "situations": situations, "options": options}


def item_row(*, item: ServiceItem, version: ItemVersion, status: str) -> dict[str, Any]:
    entrusted = item.entrusted_department
    row = {
        "implementation_code": item.implementation_code,
        "basic_code": item.basic_code,
        "centre_region": item.centre.region_id,
        "department_code": item.department.code,
        "entrusted_department_code": entrusted.code if entrusted else "",
        "exercise_level": item.exercise_level,
        "resident_in_hall": item.resident_in_hall,
        "any_window": item.any_window,
        "active": item.active,
        "status": status,
        "effective_from": canonical(version.effective_from, "date"),
    }
    row.update(_version_values(version))
    return row


def exported_versions(items: list[ServiceItem], on: dt.date) -> dict[int, tuple[ItemVersion, str]]:
    """item id → (version to export, status) for the given items."""
    chosen: dict[int, tuple[ItemVersion, str]] = {}
    ids = [i.pk for i in items]
    for chunk in _chunks(ids):
        for v in versions_in_force_on(on).filter(item_id__in=chunk).order_by("item_id", "-effective_from",
                                                                             "-number"):
            chosen.setdefault(v.item_id, (v, STATUS_PUBLISHED))
        missing = [i for i in chunk if i not in chosen]
        for v in ItemVersion.objects.filter(item_id__in=missing).order_by("item_id", "-number"):
            chosen.setdefault(v.item_id, (v, STATUS_DRAFT))
    return chosen


def export_data() -> dict[str, Any]:
    """The whole catalogue as {"format", "format_version", <sheet>: [row, ...]}."""
    items = list(ServiceItem.objects.select_related("centre", "department", "entrusted_department")
                 .order_by("implementation_code"))
    chosen = exported_versions(items, today())
    contents = load_contents(v.pk for v, _ in chosen.values())
    data: dict[str, Any] = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION}
    data.update({sheet: [] for sheet in SHEETS})
    for item in items:
        if item.pk not in chosen:
            continue  # an item without any version has nothing to publish
        version, status = chosen[item.pk]
        data["items"].append(item_row(item=item, version=version, status=status))
        rows = version_rows(code=item.implementation_code, version=version, contents=contents[version.pk])
        for sheet in ("materials", "fees", "situations", "options"):
            data[sheet].extend(rows[sheet])
    for d in (Delegation.objects.select_related("item", "to_centre")
              .order_by("item__implementation_code", "to_centre__region_id", "id")):
        data["delegations"].append({
            "item": d.item.implementation_code, "to_centre_region": d.to_centre.region_id,
            "valid_from": canonical(d.valid_from, "date"), "valid_to": canonical(d.valid_to, "date"),
            "document_no": d.document_no, "revoked": d.revoked})
    ordinal: dict[int, int] = defaultdict(int)
    for b in (BundleComponent.objects.select_related("bundle", "component")
              .order_by("bundle__implementation_code", "position", "id")):
        ordinal[b.bundle_id] += 1
        data["bundles"].append({"bundle": b.bundle.implementation_code,
                                "component": b.component.implementation_code,
                                "is_lead": b.is_lead, "position": ordinal[b.bundle_id]})
    return data


def _cell_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind in ("list", "refs"):
        return LIST_SEPARATOR.join(str(v) for v in value) or None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False) if value else None
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def to_xlsx(data: dict[str, Any]) -> bytes:
    """One worksheet per sheet; row 1 holds the column names."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for sheet in SHEETS:
        ws = workbook.create_sheet(sheet)
        cols = columns()[sheet]
        ws.append([c.name for c in cols])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        for r, row in enumerate(data.get(sheet, []), start=2):
            for c_n, col in enumerate(cols, start=1):
                value = _cell_value(row.get(col.name), col.kind)
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c_n, value=value)
                if col.kind == "date":
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(value, str):
                    cell.data_type = "s"  # text starting with "=" stays text, never a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
