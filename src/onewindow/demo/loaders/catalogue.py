"""Step load_catalogue: every demo item with its published version(s), the joint bundles and the
delegations to the townships, written through catalogue.services (item_create, material_add, …,
item_version_publish, bundle_set_components, delegation_grant).

An item whose current version already exists is skipped, so the step can run again; an item with a
history publishes its earlier versions first (each later one supersedes the one before)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from onewindow.catalogue.models import BundleComponent, Delegation, ItemVersion, ServiceItem, VersionStatus
from onewindow.catalogue.services import (
    bundle_set_components,
    delegation_grant,
    fee_add,
    item_create,
    item_version_create_draft,
    item_version_publish,
    item_version_update,
    material_add,
    situation_add,
    situation_option_add,
    version_clear_contents,
)
from onewindow.core.errors import Invalid
from onewindow.demo import refs
from onewindow.demo.codes import implementation_code
from onewindow.demo.data import ALL_ITEMS, BUNDLES, DELEGATIONS
from onewindow.demo.data.dsl import ItemDef
from onewindow.demo.data.network import COUNTY, DEPARTMENT_BY_KEY, HOURS_COUNTY
from onewindow.demo.data.staff import AUTHORISATIONS
from onewindow.demo.loaders import guide_text
from onewindow.network.models import Centre, Department, Role, Window

PUBLISHER = "zhangyu"  # the county data bureau's catalogue administrator
COMPLAINT_PHONE = "12345"
# catalogue.rules caps the one-time notice at 5 days and extensions at 15 working days (Administrative
# Licensing Law art. 32, 42). The Government Information Disclosure Regulation is a special law with
# 7 and 20 (art. 30, 33; DOMAIN §8), which the rules do not know yet: such an item is published with
# the capped values and then given its statutory ones (see _publish_special_law).
SPECIAL_LAW_CODES = frozenset({"notice_days_out_of_range", "max_extension_out_of_range"})


class _Context:
    def __init__(self) -> None:
        self.centres = refs.centres()
        self.depts = refs.departments()
        key_of = {c.pk: key for key, c in self.centres.items()}
        self.windows = {(key_of[w.centre_id], w.number): w
                        for w in Window.objects.filter(centre_id__in=key_of)}
        self.by = get_user_model().objects.filter(username=PUBLISHER).first()
        self.chief_depts = {a.dept for a in AUTHORISATIONS}
        self.special_law_items: list[str] = []

    def decider(self, d: ItemDef) -> str:
        if d.centre != COUNTY:
            return Role.CENTRE_MANAGER.value
        if d.dept in self.chief_depts:
            return Role.CHIEF_REPRESENTATIVE.value
        return Role.DEPARTMENT_ADMIN.value


def _content_fields(d: ItemDef, ctx: _Context, centre: Centre, dept: Department) -> dict[str, Any]:
    """ItemVersion content fields (everything but name, item_type and the limits)."""
    window = ctx.windows.get((d.centre, d.window)) if d.window else None
    return {
        "content": guide_text.content(d, department_name=dept.name), "conditions": d.conditions,
        "legal_basis": d.basis, "max_extension_days": d.max_extension, "notice_days": d.notice_days,
        "case_class": d.case_class, "visits_required": d.visits, "handling_forms": list(d.forms),
        "online_depth": d.depth, "theme": d.theme, "life_events": list(d.events), "keywords": d.keywords,
        "special_procedures": list(d.special), "flow": guide_text.flow(d),
        "review_steps": guide_text.review_steps(d, decider=ctx.decider(d)), "result_type": d.result,
        "result_licence_type": d.result_licence, "faq": [{"question": q, "answer": a} for q, a in d.faq],
        "address": guide_text.address(d, centre_name=centre.standard_name or centre.name,
                                      window_name=window.name if window else ""),
        "office_hours": centre.opening_hours or HOURS_COUNTY,
        "phone": DEPARTMENT_BY_KEY[(d.centre, d.dept)].phone or centre.phone,
        "complaint_phone": COMPLAINT_PHONE, "delivery_methods": list(d.delivery),
    }


def _add_contents(version: ItemVersion, d: ItemDef) -> None:
    # Explicit positions spare the services a "next position" query per row.
    ids = {m.name: material_add(version=version, name=m.name, position=n, **m.service_fields()).pk
           for n, m in enumerate(d.materials, start=1)}
    for n, s in enumerate(d.situations, start=1):
        situation = situation_add(version=version, question=s.question, position=n)
        for k, o in enumerate(s.options, start=1):
            situation_option_add(situation=situation, label=o.label, position=k,
                                 adds=[ids[x] for x in o.adds], removes=[ids[x] for x in o.removes])
    for f in d.fees:
        fee_add(version=version, name=f.name, amount=f.amount, standard=f.standard, basis=f.basis,
                waivers=f.waivers)


def _versions(d: ItemDef) -> list[ItemDef]:
    """The item's versions, oldest first: its history overrides, then the definition itself."""
    old = [replace(d, **h) for h in d.history]
    return [*old, d]


def _publish_versions(d: ItemDef, ctx: _Context, *, clamp: bool) -> ServiceItem:
    centre, dept = ctx.centres[d.centre], ctx.depts[(d.centre, d.dept)]
    code = implementation_code(uscc=dept.uscc, level=d.level, basic_code=d.basic_code)
    item = ServiceItem.objects.filter(implementation_code=code).first()
    done = item.versions.filter(status=VersionStatus.PUBLISHED).count() if item else 0
    for number, v in enumerate(_versions(d), start=1):
        if number <= done:
            continue
        fields = _content_fields(v, ctx, centre, dept)
        if clamp:
            fields["notice_days"] = min(fields["notice_days"], 5)
            fields["max_extension_days"] = min(fields["max_extension_days"], 15)
        if item is None:
            entrusted = ctx.depts[(d.centre, d.entrusted)] if d.entrusted else None
            item = item_create(centre=centre, department=dept, basic_code=d.basic_code,
                               implementation_code=code, exercise_level=d.level, resident_in_hall=d.resident,
                               any_window=d.any_window, entrusted_department=entrusted, by=ctx.by,
                               name=v.name, item_type=v.item_type, statutory_days=v.statutory,
                               promised_days=v.promised, **fields)
            draft = item.versions.get(number=1)
            item_version_update(version=draft, effective_from=dt.date.fromisoformat(v.effective))
        else:
            draft = (item.versions.filter(status=VersionStatus.DRAFT).first()
                     or item_version_create_draft(item=item, by=ctx.by))
            version_clear_contents(version=draft)
            item_version_update(version=draft, effective_from=dt.date.fromisoformat(v.effective),
                                name=v.name, item_type=v.item_type, statutory_days=v.statutory,
                                promised_days=v.promised, **fields)
        _add_contents(draft, v)
        item_version_publish(version=draft, by=ctx.by)
    assert item is not None  # _versions() is never empty, so the loop created or found the item
    return item


def _publish_special_law(d: ItemDef, ctx: _Context) -> ServiceItem:
    """Publish with the capped limits through the services, then set the statutory ones."""
    item = _publish_versions(d, ctx, clamp=True)
    item.refresh_from_db(fields=["current_version"])
    assert item.current_version_id is not None  # just published
    ItemVersion.objects.filter(pk=item.current_version_id).update(notice_days=d.notice_days,
                                                                   max_extension_days=d.max_extension)
    ctx.special_law_items.append(d.name)
    return item


def _ensure_item(d: ItemDef, ctx: _Context) -> bool:
    """Create and publish the item unless its current version exists. True when it was created."""
    dept = ctx.depts[(d.centre, d.dept)]
    code = implementation_code(uscc=dept.uscc, level=d.level, basic_code=d.basic_code)
    if ServiceItem.objects.filter(implementation_code=code, current_version__isnull=False).exists():
        return False
    try:
        with transaction.atomic():
            _publish_versions(d, ctx, clamp=False)
    except Invalid as exc:
        if exc.code not in SPECIAL_LAW_CODES:
            raise
        _publish_special_law(d, ctx)
    return True


def _bundles(ctx: _Context) -> int:
    county = ctx.centres[COUNTY]
    by_main = {i.basic_code[2:7]: i for i in ServiceItem.objects.filter(centre=county)}
    changed = 0
    for b in BUNDLES:
        bundle = by_main[b.item.main]
        wanted = [(by_main[main].pk, n == 0) for n, main in enumerate(b.components)]
        have = list(BundleComponent.objects.filter(bundle=bundle).order_by("position")
                    .values_list("component_id", "is_lead"))
        if have != wanted:
            bundle_set_components(bundle=bundle, components=[(by_main[main], n == 0)
                                                             for n, main in enumerate(b.components)])
            changed += 1
    return changed


def _delegations(ctx: _Context) -> int:
    county = ctx.centres[COUNTY]
    by_main = {i.basic_code[2:7]: i for i in ServiceItem.objects.filter(centre=county)}
    made = 0
    for d in DELEGATIONS:
        item = by_main[d.main]
        for township in d.townships:
            to_centre = ctx.centres[township]
            if not Delegation.objects.filter(item=item, to_centre=to_centre).exists():
                delegation_grant(item=item, to_centre=to_centre,
                                 valid_from=dt.date.fromisoformat(d.valid_from), document_no=d.document_no,
                                 by=ctx.by)
                made += 1
    return made


@transaction.atomic
def load_catalogue() -> str:
    """Service items of every type and case class, published, with bundles and delegations."""
    ctx = _Context()
    created = sum(_ensure_item(d, ctx) for d in ALL_ITEMS)
    bundles = _bundles(ctx)
    delegations = _delegations(ctx)
    note = f"; statutory notice/extension days set directly on: {', '.join(ctx.special_law_items)}" \
        if ctx.special_law_items else ""
    return (f"{len(ALL_ITEMS)} items ({created} new), {len(BUNDLES)} bundles ({bundles} set), "
            f"{delegations} new delegations{note}")
