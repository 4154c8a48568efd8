"""Import of a whole catalogue file (docs/catalogue.md "Import and export").

Two passes inside one transaction:
1. check: every cell is parsed and every row is checked (references, positions, the same rules the
   services apply) without writing;
2. apply: each clean item is written through the catalogue services inside its own savepoint, so a
   rule only a service can check (e.g. a draft already open) is reported against its row too.
Any error in either pass → Invalid("import_invalid", detail=[every row error]) and the transaction
rolls back: nothing is written.

Items are matched by implementation code: new ones are created (and published unless their status is
"draft"); existing ones get a new draft and a publication only when their content differs from the
version in force. Nothing is ever deleted by an import.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from onewindow.catalogue.importexport.exporter import Contents, load_contents, version_rows
from onewindow.catalogue.importexport.reader import RawRow, RowError
from onewindow.catalogue.importexport.spec import (
    ITEM_ONLY_COLUMNS,
    SHEETS,
    STATUS_DRAFT,
    STATUS_PUBLISHED,
    CellError,
    canonical,
    columns,
    parse_cell,
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
from onewindow.catalogue.selectors import item_draft, versions_in_force_on
from onewindow.catalogue.services.bundles import bundle_set_components
from onewindow.catalogue.services.contents import version_replace_contents
from onewindow.catalogue.services.delegations import delegation_grant, delegation_revoke, delegation_update
from onewindow.catalogue.services.items import item_create, item_update
from onewindow.catalogue.services.rules import (
    FieldError,
    code_errors,
    errors_of,
    fee_errors,
    item_choice_errors,
    material_errors,
    model_errors,
    version_errors,
)
from onewindow.catalogue.services.versions import (
    item_version_create_draft,
    item_version_publish,
    item_version_update,
)
from onewindow.core.errors import DomainError, Invalid
from onewindow.core.timeutil import today
from onewindow.network.models import Centre, Department

# Service field names → the column that carries them.
FIELD_COLUMNS = {"centre": "centre_region", "department": "department_code",
                 "entrusted_department": "entrusted_department_code", "to_centre": "to_centre_region",
                 "components": "component"}
ITEM_FLAGS = ("exercise_level", "resident_in_hall", "any_window", "active")


class _RowFailed(Exception):
    """A service refused a write; its errors are recorded and the item's savepoint rolls back."""


@dataclass
class Parsed:
    raw: RawRow
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)


@dataclass
class ItemRecord:
    parsed: Parsed
    code: str
    centre: Centre | None = None
    department: Department | None = None
    entrusted: Department | None = None
    version_values: dict[str, Any] = field(default_factory=dict)
    materials: list[Parsed] = field(default_factory=list)
    fees: list[Parsed] = field(default_factory=list)
    situations: list[Parsed] = field(default_factory=list)
    options: list[Parsed] = field(default_factory=list)
    bad: bool = False


class Importer:
    def __init__(self, sheets: dict[str, list[RawRow]], errors: list[RowError], *, by=None) -> None:
        self.sheets = sheets
        self.errors = list(errors)
        self.by = by
        self.today = today()
        self.items: dict[str, ItemRecord] = {}
        self.db_items: dict[str, ServiceItem] = {}
        self.delegations: list[tuple[Parsed, ServiceItem | None, Centre]] = []
        self.bundles: dict[str, list[Parsed]] = defaultdict(list)
        self.summary: Counter[str] = Counter()
        self._centres: dict[str, list[Centre]] = {}
        self._departments: dict[int, dict[str, Department]] = {}
        self._bundles: set[int] | None = None
        self.references: dict[str, tuple[ItemVersion | None, Contents | None]] = {}

    # --- errors ------------------------------------------------------------------------------------

    def add(self, parsed: Parsed | RawRow, column: str, code: str, message: str, message_en: str) -> None:
        raw = parsed.raw if isinstance(parsed, Parsed) else parsed
        if isinstance(parsed, Parsed) and column in parsed.failed:
            return  # the cell itself is already reported
        self.errors.append(RowError(raw.sheet, raw.row, column, code, message, message_en))

    def add_all(self, parsed: Parsed, errors: list[FieldError]) -> bool:
        for e in errors:
            self.add(parsed, FIELD_COLUMNS.get(e.field, e.field), e.code, e.message, e.message_en)
        return bool(errors)

    def call(self, parsed: Parsed, fn, **kwargs):
        try:
            return fn(**kwargs)
        except DomainError as exc:
            self.add_all(parsed, errors_of(exc))
            raise _RowFailed from exc

    # --- pass 1: check ------------------------------------------------------------------------------

    def parse(self, sheet: str) -> list[Parsed]:
        out = []
        for raw in self.sheets.get(sheet, []):
            parsed = Parsed(raw, {})
            for column in columns()[sheet]:
                try:
                    parsed.values[column.name] = parse_cell(raw.values.get(column.name), column)
                except CellError as exc:
                    self.add(parsed, column.name, exc.code, exc.message, exc.message_en)
                    parsed.failed.add(column.name)
                    parsed.values[column.name] = column.empty()
            out.append(parsed)
        return out

    def centre(self, parsed: Parsed, column: str) -> Centre | None:
        region = parsed.values[column]
        if column in parsed.failed:
            return None
        if region not in self._centres:
            self._centres[region] = list(Centre.objects.filter(region_id=region)[:2])
        found = self._centres[region]
        if len(found) != 1:
            if found:
                self.add(parsed, column, "ambiguous_centre", "该区划代码对应多个中心",
                         "Several centres have this region code")
            else:
                self.add(parsed, column, "unknown_centre", "找不到该区划代码的中心",
                         "No centre has this region code")
            return None
        return found[0]

    def departments_of(self, centre: Centre) -> dict[str, Department]:
        if centre.pk not in self._departments:
            self._departments[centre.pk] = {d.code: d for d in Department.objects.filter(centre=centre)}
        return self._departments[centre.pk]

    def bundle_ids(self) -> set[int]:
        if self._bundles is None:
            self._bundles = set(BundleComponent.objects.values_list("bundle_id", flat=True))
        return self._bundles

    def load_references(self) -> None:
        """For every existing item of the file, the version its row is compared with (the version
        in force for published rows, the latest version for draft rows) and its contents, in bulk."""
        existing = {code: self.db_items[code] for code, record in self.items.items()
                    if not record.bad and code in self.db_items}
        by_id = {item.pk: code for code, item in existing.items()}
        in_force: dict[int, ItemVersion] = {}
        latest: dict[int, ItemVersion] = {}
        ids = sorted(by_id)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for v in versions_in_force_on(self.today).filter(item_id__in=chunk).order_by(
                    "item_id", "-effective_from", "-number"):
                in_force.setdefault(v.item_id, v)
            for v in ItemVersion.objects.filter(item_id__in=chunk).order_by("item_id", "-number"):
                latest.setdefault(v.item_id, v)
        chosen = {}
        for item_id, code in by_id.items():
            published = self.items[code].parsed.values["status"] == STATUS_PUBLISHED
            chosen[code] = (in_force if published else latest).get(item_id)
        contents = load_contents(v.pk for v in chosen.values() if v is not None)
        self.references = {code: (v, contents[v.pk] if v is not None else None) for code, v in chosen.items()}

    def load_db_items(self, codes: set[str]) -> None:
        wanted = sorted(c for c in codes if c and c not in self.db_items)
        for start in range(0, len(wanted), 500):
            for item in (ServiceItem.objects.select_related("centre", "department", "entrusted_department")
                         .filter(implementation_code__in=wanted[start:start + 500])):
                self.db_items[item.implementation_code] = item

    def known_item(self, code: str) -> bool:
        return code in self.items or code in self.db_items

    def check(self) -> None:
        item_rows = self.parse("items")
        child_rows = {sheet: self.parse(sheet) for sheet in ("materials", "fees", "situations", "options")}
        delegation_rows = self.parse("delegations")
        bundle_rows = self.parse("bundles")
        codes = {p.values["implementation_code"] for p in item_rows}
        codes |= {p.values["item"] for p in delegation_rows}
        codes |= {p.values[c] for p in bundle_rows for c in ("bundle", "component")}
        self.load_db_items(codes)
        bundle_codes = {p.values["bundle"] for p in bundle_rows}
        for parsed in item_rows:
            self.check_item(parsed, is_bundle=parsed.values["implementation_code"] in bundle_codes)
        for sheet, rows in child_rows.items():
            for parsed in rows:
                record = self.items.get(parsed.values["item"])
                if record is None:
                    if "item" not in parsed.failed:
                        self.add(parsed, "item", "unknown_item", "导入文件的事项表中没有该实施编码",
                                 "This implementation code is not in the items sheet of the file")
                    continue
                getattr(record, sheet).append(parsed)
                record.bad |= bool(parsed.failed)
        for record in self.items.values():
            self.check_contents(record)
        for parsed in delegation_rows:
            self.check_delegation(parsed)
        for parsed in bundle_rows:
            for column in ("bundle", "component"):
                if column not in parsed.failed and not self.known_item(parsed.values[column]):
                    self.add(parsed, column, "unknown_item", "找不到该实施编码的事项",
                             "No item has this implementation code")
                    parsed.failed.add(column)
            self.bundles[parsed.values["bundle"]].append(parsed)

    def check_item(self, parsed: Parsed, *, is_bundle: bool) -> None:
        v = parsed.values
        code = v["implementation_code"]
        if code in self.items:
            self.add(parsed, "implementation_code", "duplicate_item", "实施编码在文件中重复",
                     "This implementation code appears twice in the file")
            return
        record = ItemRecord(parsed, code, bad=bool(parsed.failed))
        if code:
            self.items[code] = record
        bad = self.add_all(parsed, code_errors(basic_code=v["basic_code"], implementation_code=code))
        bad |= self.add_all(parsed, item_choice_errors(item_type=v["item_type"],
                                                       exercise_level=v["exercise_level"]))
        if v["status"] not in (STATUS_PUBLISHED, STATUS_DRAFT):
            self.add(parsed, "status", "unknown_status", "状态只能是 published 或 draft",
                     "The status must be published or draft")
            bad = True
        record.centre = self.centre(parsed, "centre_region")
        if record.centre is not None:
            departments = self.departments_of(record.centre)
            record.department = departments.get(v["department_code"])
            if record.department is None:
                self.add(parsed, "department_code", "unknown_department", "该中心没有此部门代码",
                         "The centre has no department with this code")
            if v["entrusted_department_code"]:
                record.entrusted = departments.get(v["entrusted_department_code"])
                if record.entrusted is None:
                    self.add(parsed, "entrusted_department_code", "unknown_department",
                             "该中心没有此部门代码", "The centre has no department with this code")
        bad |= record.centre is None or record.department is None
        bad |= bool(v["entrusted_department_code"]) and record.entrusted is None
        existing = self.db_items.get(code)
        if existing is not None and record.centre is not None and record.department is not None and not bad:
            for column, same in (("basic_code", existing.basic_code == v["basic_code"]),
                                 ("centre_region", existing.centre_id == record.centre.pk),
                                 ("department_code", existing.department_id == record.department.pk)):
                if not same:
                    self.add(parsed, column, "item_identity_mismatch", "与已有事项的编码、中心或部门不一致",
                             "Differs from the existing item with this implementation code")
                    bad = True
        record.version_values = {c.name: v[c.name] for c in columns()["items"]
                                 if c.name not in ITEM_ONLY_COLUMNS}
        version = ItemVersion(**record.version_values)
        if existing is not None and not is_bundle:
            is_bundle = existing.pk in self.bundle_ids()
        bad |= self.add_all(parsed, version_errors(version, is_bundle=is_bundle))
        record.bad |= bad

    def check_contents(self, record: ItemRecord) -> None:
        bad = False
        by_position: dict[int, int] = {}  # file position → ordinal
        by_name: dict[str, int] = {}
        record.materials.sort(key=lambda p: p.values["position"])
        for ordinal, parsed in enumerate(record.materials, start=1):
            v = parsed.values
            if v["position"] in by_position:
                self.add(parsed, "position", "position_taken", "序号重复", "This position is used twice")
                bad = True
            if v["name"] in by_name:
                self.add(parsed, "name", "material_name_duplicate", "材料名称重复",
                         "This material name is used twice")
                bad = True
            by_position.setdefault(v["position"], ordinal)
            by_name.setdefault(v["name"], ordinal)
            material = Material(**{k: x for k, x in v.items() if k != "item"})
            bad |= self.add_all(parsed, [e for e in material_errors(material) if e.field != "position"])
        for parsed in record.fees:
            fee = Fee(**{k: x for k, x in parsed.values.items() if k != "item"})
            bad |= self.add_all(parsed, fee_errors(fee))
        situations: dict[int, int] = {}
        record.situations.sort(key=lambda p: p.values["position"])
        for ordinal, parsed in enumerate(record.situations, start=1):
            if parsed.values["position"] in situations:
                self.add(parsed, "position", "position_taken", "序号重复", "This position is used twice")
                bad = True
            situations.setdefault(parsed.values["position"], ordinal)
            situation = Situation(question=parsed.values["question"], position=1)
            bad |= self.add_all(parsed, model_errors(situation, exclude={"id", "version", "position"}))
        seen: set[tuple[int, int]] = set()
        for parsed in record.options:
            v = parsed.values
            if v["situation"] not in situations:
                self.add(parsed, "situation", "unknown_situation", "该事项没有此序号的情形",
                         "The item has no situation at this position")
                bad = True
            elif (v["situation"], v["position"]) in seen:
                self.add(parsed, "position", "position_taken", "序号重复", "This position is used twice")
                bad = True
            seen.add((v["situation"], v["position"]))
            for column in ("adds", "removes"):
                resolved = []
                for ref in v[column]:
                    found = by_position.get(ref) if isinstance(ref, int) else by_name.get(ref)
                    if found is None:
                        self.add(parsed, column, "unknown_material", f"该事项没有材料:{ref}",
                                 f"The item has no material {ref}")
                        bad = True
                    else:
                        resolved.append(found)
                v[f"{column}_ordinals"] = sorted(set(resolved))
            if set(v["adds_ordinals"]) & set(v["removes_ordinals"]):
                self.add(parsed, "removes", "option_adds_and_removes", "同一材料不能既增加又减少",
                         "A material cannot be both added and removed by the same answer")
                bad = True
            bad |= self.add_all(parsed, model_errors(
                SituationOption(label=v["label"], position=1), exclude={"id", "situation", "position"}))
        for parsed in record.options:
            parsed.values["situation_ordinal"] = situations.get(parsed.values["situation"])
        record.options.sort(key=lambda p: (p.values["situation_ordinal"] or 0, p.values["position"]))
        record.bad |= bad

    def check_delegation(self, parsed: Parsed) -> None:
        v = parsed.values
        if "item" not in parsed.failed and not self.known_item(v["item"]):
            self.add(parsed, "item", "unknown_item", "找不到该实施编码的事项",
                     "No item has this implementation code")
            parsed.failed.add("item")
        centre = self.centre(parsed, "to_centre_region")
        key = (v["item"], v["to_centre_region"])
        if any((d.values["item"], d.values["to_centre_region"]) == key for d, _, _ in self.delegations):
            self.add(parsed, "to_centre_region", "duplicate_delegation", "同一事项对同一中心的赋权重复",
                     "The same delegation appears twice")
            return
        if centre is not None and not parsed.failed:
            self.delegations.append((parsed, self.db_items.get(v["item"]), centre))

    # --- pass 2: apply ------------------------------------------------------------------------------

    def payload(self, record: ItemRecord) -> dict[str, list[dict]]:
        code = record.code
        version_cols = [c for c in columns()["items"] if c.name not in ITEM_ONLY_COLUMNS]
        out: dict[str, list[dict]] = {
            "version": [{c.name: canonical(record.version_values[c.name], c.kind) for c in version_cols}]}
        material_cols = columns()["materials"]
        out["materials"] = [
            {**{c.name: canonical(p.values[c.name], c.kind) for c in material_cols},
             "item": code, "position": n}
            for n, p in enumerate(record.materials, start=1)]
        out["fees"] = [{c.name: canonical(p.values[c.name], c.kind) for c in columns()["fees"]}
                       for p in record.fees]
        out["situations"] = [{"item": code, "position": n, "question": p.values["question"]}
                             for n, p in enumerate(record.situations, start=1)]
        options: list[dict[str, Any]] = []
        counters: Counter[int] = Counter()
        for p in record.options:
            s = p.values["situation_ordinal"]
            counters[s] += 1
            options.append({"item": code, "situation": s, "position": counters[s], "label": p.values["label"],
                            "adds": p.values["adds_ordinals"], "removes": p.values["removes_ordinals"]})
        out["options"] = options
        return out

    def reference_payload(self, code: str) -> dict[str, list[dict]] | None:
        version, contents = self.references.get(code, (None, None))
        if version is None or contents is None:
            return None
        return version_rows(code=code, version=version, contents=contents)

    def fill(self, draft: ItemVersion, record: ItemRecord) -> None:
        """Write the file's materials, fees, situations and answers into a draft in one service call;
        an error it reports (as "<list>.<index>.<field>") goes back to the row it came from."""
        rows = {"materials": record.materials, "fees": record.fees, "situations": record.situations,
                "options": record.options}
        materials = [{**{k: x for k, x in p.values.items() if k != "item"}, "position": n}
                     for n, p in enumerate(record.materials, start=1)]
        fees = [{k: x for k, x in p.values.items() if k != "item"} for p in record.fees]
        situations = [{"position": n, "question": p.values["question"]}
                      for n, p in enumerate(record.situations, start=1)]
        options: list[dict[str, Any]] = []
        counters: Counter[int] = Counter()
        for p in record.options:
            s = p.values["situation_ordinal"]
            counters[s] += 1
            options.append({"situation": s, "position": counters[s], "label": p.values["label"],
                            "adds": p.values["adds_ordinals"], "removes": p.values["removes_ordinals"]})
        try:
            version_replace_contents(version=draft, materials=materials, fees=fees, situations=situations,
                                     options=options)
        except DomainError as exc:
            for e in errors_of(exc):
                sheet, _, rest = e.field.partition(".")
                index, _, column = rest.partition(".")
                if sheet in rows and index.isdigit() and int(index) < len(rows[sheet]):
                    self.add(rows[sheet][int(index)], column, e.code, e.message, e.message_en)
                else:
                    self.add(record.parsed, e.field, e.code, e.message, e.message_en)
            raise _RowFailed from exc

    def publish_date(self, record: ItemRecord, *, new: bool) -> dt.date:
        wanted = record.parsed.values["effective_from"]
        if new:
            return wanted or self.today  # a first version may carry its historical date
        return max(wanted or self.today, self.today)  # never rewrite the history of an existing item

    def apply_item(self, record: ItemRecord) -> None:
        p, v = record.parsed, record.parsed.values
        published = v["status"] == STATUS_PUBLISHED
        existing = self.db_items.get(record.code)
        if existing is None:
            values = dict(record.version_values)
            item = self.call(p, item_create, centre=record.centre, department=record.department,
                             basic_code=v["basic_code"], implementation_code=record.code,
                             name=values.pop("name"), item_type=values.pop("item_type"),
                             statutory_days=values.pop("statutory_days"),
                             promised_days=values.pop("promised_days"), exercise_level=v["exercise_level"],
                             entrusted_department=record.entrusted, resident_in_hall=v["resident_in_hall"],
                             any_window=v["any_window"], by=self.by, **values)
            if not v["active"]:
                self.call(p, item_update, item=item, active=False)
            draft = item_draft(item=item)
            assert draft is not None  # item_create made it
            self.fill(draft, record)
            if published or v["effective_from"]:
                self.call(p, item_version_update, version=draft,
                          effective_from=self.publish_date(record, new=True))
            if published:
                self.call(p, item_version_publish, version=draft, by=self.by)
                self.summary["versions_published"] += 1
            self.summary["items_created"] += 1
            self.db_items[record.code] = item
            return
        changes = {name: v[name] for name in ITEM_FLAGS if getattr(existing, name) != v[name]}
        if existing.entrusted_department_id != getattr(record.entrusted, "pk", None):
            changes["entrusted_department"] = record.entrusted
        if changes:
            self.call(p, item_update, item=existing, **changes)
        if self.reference_payload(record.code) == self.payload(record):
            self.summary["items_updated" if changes else "items_unchanged"] += 1
            return
        draft = item_draft(item=existing) if not published else None
        if draft is None:
            draft = self.call(p, item_version_create_draft, item=existing, by=self.by)
        self.call(p, item_version_update, version=draft, **record.version_values,
                  **({"effective_from": self.publish_date(record, new=False)} if published else {}))
        self.fill(draft, record)
        if published:
            self.call(p, item_version_publish, version=draft, by=self.by)
            self.summary["versions_published"] += 1
        else:
            self.summary["drafts_saved"] += 1
        self.summary["items_updated"] += 1

    def apply_delegation(self, parsed: Parsed, centre: Centre) -> None:
        v = parsed.values
        item = self.db_items[v["item"]]
        existing = Delegation.objects.filter(item=item, to_centre=centre).first()
        dates = {"valid_from": v["valid_from"], "valid_to": v["valid_to"], "document_no": v["document_no"]}
        if existing is None or (existing.revoked and not v["revoked"]):
            delegation = self.call(parsed, delegation_grant, item=item, to_centre=centre, by=self.by, **dates)
            self.summary["delegations_granted"] += 1
            if v["revoked"]:
                self.call(parsed, delegation_revoke, delegation=delegation, by=self.by)
            return
        if existing.revoked:
            return  # a revoked delegation stays as it was revoked
        if (existing.valid_from, existing.valid_to, existing.document_no) != tuple(dates.values()):
            self.call(parsed, delegation_update, delegation=existing, **dates)
            self.summary["delegations_updated"] += 1
        if v["revoked"]:
            self.call(parsed, delegation_revoke, delegation=existing, by=self.by)
            self.summary["delegations_revoked"] += 1

    def apply_bundle(self, code: str, rows: list[Parsed]) -> None:
        rows = sorted(rows, key=lambda p: (p.values["position"] is None, p.values["position"] or 0,
                                           p.raw.row))
        bundle = self.db_items[code]
        wanted = [(self.db_items[p.values["component"]], p.values["is_lead"]) for p in rows]
        current = [(c.component_id, c.is_lead) for c in BundleComponent.objects.filter(bundle=bundle)
                   .order_by("position", "id")]
        if current == [(i.pk, lead) for i, lead in wanted]:
            return
        self.call(rows[0], bundle_set_components, bundle=bundle, components=wanted)
        self.summary["bundles_set"] += 1

    def apply(self) -> None:
        self.load_references()
        for record in self.items.values():
            if record.bad:
                continue
            try:
                with transaction.atomic():
                    self.apply_item(record)
            except _RowFailed:
                record.bad = True
        for parsed, _, centre in self.delegations:
            if self.is_bad(parsed.values["item"]):
                continue
            try:
                with transaction.atomic():
                    self.apply_delegation(parsed, centre)
            except _RowFailed:
                pass
        for code, rows in self.bundles.items():
            if any(p.failed for p in rows) or self.is_bad(code) or any(self.is_bad(p.values["component"])
                                                                        for p in rows):
                continue
            try:
                with transaction.atomic():
                    self.apply_bundle(code, rows)
            except _RowFailed:
                pass

    def is_bad(self, code: str) -> bool:
        record = self.items.get(code)
        return (record is not None and record.bad) or code not in self.db_items

    def run(self) -> dict[str, int]:
        self.check()
        self.apply()
        if self.errors:
            order = {s: n for n, s in enumerate(SHEETS)}
            rows = sorted(self.errors, key=lambda e: (order.get(e.sheet, 99), e.row, e.field))
            raise Invalid("import_invalid", f"导入文件有{len(rows)}处错误,未导入任何数据",
                          f"The import file has {len(rows)} errors; nothing was imported",
                          detail=[e.as_dict() for e in rows])
        return {key: self.summary.get(key, 0) for key in (
            "items_created", "items_updated", "items_unchanged", "versions_published", "drafts_saved",
            "delegations_granted", "delegations_updated", "delegations_revoked", "bundles_set")}
