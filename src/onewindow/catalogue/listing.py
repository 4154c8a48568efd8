"""Public reads of the catalogue: the item list (search, filters, keyset pages) and the full guide.

Only items that are active and whose current version is published are public. Every read here runs
a constant number of queries, whatever the number of materials, options or pages.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Value

from onewindow.catalogue.models import (
    Fee,
    ItemType,
    ItemVersion,
    Material,
    ServiceItem,
    Situation,
    SituationOption,
    VersionStatus,
)
from onewindow.catalogue.search import normalise_query
from onewindow.catalogue.selectors import delegations_valid_on
from onewindow.core.errors import Conflict, Invalid, NotFound
from onewindow.core.timeutil import today

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_QUERY_TERMS = 8
MAX_CANDIDATES = 50

# Columns the list reads; the long guide texts of the version stay in the database.
_LIST_FIELDS = (
    "basic_code", "implementation_code", "name", "item_type", "theme", "centre_id", "department_id",
    "current_version_id", "centre__id", "centre__name", "centre__region_id",
    "department__id", "department__code", "department__name",
    "current_version__id", "current_version__case_class", "current_version__promised_days",
    "current_version__statutory_days", "current_version__visits_required",
    "current_version__handling_forms",
)


def public_items() -> QuerySet[ServiceItem]:
    """Items the public may see: active, with a current version that is published."""
    return ServiceItem.objects.filter(active=True, current_version__status=VersionStatus.PUBLISHED)


def _reject_nul(name: str, value: str) -> str:
    # PostgreSQL refuses NUL in text parameters; answer 422 instead of letting it become a 500.
    if "\x00" in value:
        raise Invalid("invalid_parameter", "参数含有非法字符", "The parameter contains an invalid character",
                      detail={"parameter": name})
    return value


# --- cursor ---------------------------------------------------------------------------------------

def encode_cursor(key: str) -> str:
    """Opaque cursor: URL-safe base64 of the last implementation code seen (the sort key)."""
    return base64.urlsafe_b64encode(json.dumps([key]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> str:
    invalid = Invalid("invalid_cursor", "分页游标无效", "Invalid pagination cursor",
                      detail={"cursor": cursor[:100]})
    if len(cursor) > 200:
        raise invalid
    try:
        raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        value = json.loads(raw.decode())
    except (binascii.Error, ValueError):
        raise invalid from None
    if not (isinstance(value, list) and len(value) == 1 and isinstance(value[0], str)
            and 0 < len(value[0]) <= 40 and "\x00" not in value[0]):
        raise invalid
    return value[0]


# --- list -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemFilters:
    q: str = ""
    department: str = ""  # department code, or id when all digits
    item_type: str = ""
    theme: str = ""
    centre: int | None = None
    region: str = ""  # GB/T 2260 code of the implementing centre's region
    available_at: int | None = None  # centre id: its own items plus those delegated to it today


@dataclass
class ItemPage:
    items: list[ServiceItem]
    count: int
    next_cursor: str | None


def _filtered(filters: ItemFilters) -> QuerySet[ServiceItem]:
    qs = public_items()
    terms = normalise_query(_reject_nul("q", filters.q)).split()
    if len(terms) > MAX_QUERY_TERMS:
        raise Invalid("too_many_terms", "搜索词过多", "Too many search terms",
                      detail={"max": MAX_QUERY_TERMS})
    for term in terms:
        # search_text holds name, codes, keywords and their pinyin (full and initials), lower-cased.
        qs = qs.filter(search_text__contains=term)
    if filters.item_type:
        if filters.item_type not in ItemType.values:
            raise Invalid("invalid_item_type", "事项类型无效", "Unknown item type",
                          detail={"item_type": filters.item_type[:10], "allowed": list(ItemType.values)})
        qs = qs.filter(item_type=filters.item_type)
    if filters.department:
        dept = _reject_nul("department", filters.department)
        match = Q(department__code=dept)
        if dept.isascii() and dept.isdigit() and len(dept) < 19:
            match |= Q(department_id=int(dept))
        qs = qs.filter(match)
    if filters.theme:
        qs = qs.filter(theme=_reject_nul("theme", filters.theme))
    if filters.centre is not None:
        qs = qs.filter(centre_id=filters.centre)
    if filters.region:
        qs = qs.filter(centre__region_id=_reject_nul("region", filters.region))
    if filters.available_at is not None:
        delegated = delegations_valid_on(today()).filter(to_centre_id=filters.available_at).values("item_id")
        qs = qs.filter(Q(centre_id=filters.available_at) | Q(pk__in=delegated))
    return qs


def item_page(*, filters: ItemFilters, cursor: str | None = None, limit: int = PAGE_SIZE) -> ItemPage:
    """One page of public items ordered by implementation code, after the cursor's key."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    after = decode_cursor(cursor) if cursor else None
    qs = _filtered(filters)
    count = qs.count()
    page_qs = qs.select_related("current_version", "department", "centre").only(*_LIST_FIELDS)
    if after is not None:
        page_qs = page_qs.filter(implementation_code__gt=after)
    rows = list(page_qs.order_by("implementation_code")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    return ItemPage(items=rows, count=count,
                    next_cursor=encode_cursor(rows[-1].implementation_code) if more else None)


# --- detail ---------------------------------------------------------------------------------------

@dataclass
class OptionView:
    id: int
    label: str
    adds: list[int] = field(default_factory=list)
    removes: list[int] = field(default_factory=list)


@dataclass
class SituationView:
    id: int
    question: str
    options: list[OptionView] = field(default_factory=list)


@dataclass
class Guide:
    """The published guide of one item: the item, its current version and everything under it."""

    item: ServiceItem
    version: ItemVersion
    materials: list[Material]
    fees: list[Fee]
    situations: list[SituationView]
    delegated_to: list[int]


def guide_item(*, code: str, centre: int | None = None) -> ServiceItem:
    """The public item whose implementation code is `code`, or the only one with that basic code.

    Several items share a basic code (one per implementing body): then ?centre= must narrow it down,
    or the answer is 409 with the candidates.
    """
    not_found = NotFound("item_not_found", "未找到该事项或事项未发布", "No published item with this code",
                         detail={"code": code[:60]})
    if not code or len(code) > 40 or "\x00" in code:
        raise not_found
    qs = (public_items().filter(Q(implementation_code=code) | Q(basic_code=code))
          .select_related("current_version", "department", "centre", "entrusted_department"))
    if centre is not None:
        qs = qs.filter(centre_id=centre)
    matches = list(qs.order_by("implementation_code")[: MAX_CANDIDATES + 1])
    exact = [m for m in matches if m.implementation_code == code]
    if exact:
        return exact[0]
    if not matches:
        raise not_found
    if len(matches) > 1:
        raise Conflict(
            "ambiguous_item_code", "该基本编码对应多个实施事项，请使用实施编码或指定服务中心",
            "Several items share this basic code; use an implementation code or pass ?centre=",
            detail={"code": code, "truncated": len(matches) > MAX_CANDIDATES, "candidates": [
                {"implementation_code": m.implementation_code, "name": m.name,
                 "centre": {"id": m.centre_id, "name": m.centre.name},
                 "department": {"id": m.department_id, "code": m.department.code, "name": m.department.name}}
                for m in matches[:MAX_CANDIDATES]
            ]})
    return matches[0]


def _situations(version: ItemVersion) -> list[SituationView]:
    """Situations with their options and material changes in two queries, none per option."""
    situations: dict[int, SituationView] = {}
    options: dict[int, OptionView] = {}
    # LEFT JOIN: a situation without options still comes back (with a NULL option).
    rows = (Situation.objects.filter(version_id=version.pk)
            .order_by("position", "id", "options__position", "options__id")
            .values_list("id", "question", "options__id", "options__label"))
    for sid, question, oid, label in rows:
        view = situations.get(sid)
        if view is None:
            view = situations[sid] = SituationView(id=sid, question=question)
        if oid is not None:
            options[oid] = OptionView(id=oid, label=label)
            view.options.append(options[oid])
    if options:
        adds = (SituationOption.adds.through.objects.filter(situationoption_id__in=list(options))
                .annotate(kind=Value("adds"))
                # django-stubs cannot see annotate()d names on an auto-created through model.
                .values_list("situationoption_id", "material_id", "kind"))  # type: ignore[misc]
        removes = (SituationOption.removes.through.objects.filter(situationoption_id__in=list(options))
                   .annotate(kind=Value("removes"))
                   .values_list("situationoption_id", "material_id", "kind"))  # type: ignore[misc]
        for option_id, material_id, kind in sorted(adds.union(removes, all=True)):
            getattr(options[option_id], kind).append(material_id)
    return list(situations.values())


def guide_detail(*, code: str, centre: int | None = None) -> Guide:
    item = guide_item(code=code, centre=centre)
    version = item.current_version
    # guide_item only returns items with a version in force; a 404 came earlier otherwise.
    assert version is not None
    delegated_to = list(delegations_valid_on(today()).filter(item_id=item.pk)
                        .order_by("to_centre_id").values_list("to_centre_id", flat=True))
    return Guide(
        item=item,
        version=version,
        materials=list(Material.objects.filter(version_id=version.pk)),
        fees=list(Fee.objects.filter(version_id=version.pk).order_by("id")),
        situations=_situations(version),
        delegated_to=delegated_to,
    )
