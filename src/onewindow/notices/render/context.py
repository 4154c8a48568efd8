"""Everything a notice prints, read once from the database into a plain object.

The kind-specific facts come from the event the notice is about (its payload and reason, a
snapshot of that moment), falling back to the case's current fields. docs/notices.md lists the
payload keys read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from onewindow.catalogue.models import Material
from onewindow.core.identifiers import mask_id
from onewindow.core.timeutil import today
from onewindow.network.models import Seal, SealStatus

DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


def progress_url(number: str) -> str:
    base = getattr(settings, "ONEWINDOW_PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL) or DEFAULT_PUBLIC_BASE_URL
    return f"{base.rstrip('/')}/progress/{number}"


@dataclass
class MissingItem:
    name: str
    standard: str
    note: str = ""


@dataclass
class NoticeContext:
    kind: str
    case: Any
    event: Any
    centre_name: str
    issuer_name: str
    seal_name: str | None
    applicant_name: str
    id_label: str
    id_masked: str
    item_name: str
    item_type: str
    item_basis: str
    result_type: str
    issued_on: dt.date
    progress_url: str
    payload: dict = field(default_factory=dict)
    reason: str = ""

    def get(self, key: str, default=None):
        """A payload value, else the case field of the same name, else default."""
        value = self.payload.get(key)
        if value in (None, ""):
            value = getattr(self.case, key, None)
        return default if value in (None, "") else value


def _local_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localdate(value)
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_date(value) -> dt.date | None:
    return _local_date(value)


def _seal_for(case, department, day: dt.date) -> Seal | None:
    seals = Seal.objects.filter(status=SealStatus.ACTIVE, registered_on__lte=day).order_by("id")
    if department is not None:
        seal = seals.filter(department=department).first()
        if seal is not None:
            return seal
    return seals.filter(centre_id=case.centre_id, department__isnull=True).first()


def missing_items(case, raw: list) -> list[MissingItem]:
    """The missing materials of a one-time notice. Entries are material ids or dicts with
    material (or material_id / id), name, note — the cases app writes [{"material", "name"}]; names
    and acceptance standards come from the case's pinned version."""
    def material_id(entry) -> int | None:
        mid = next((entry[k] for k in ("material", "material_id", "id") if k in entry), None) \
            if isinstance(entry, dict) else entry
        return int(mid) if isinstance(mid, int) or (isinstance(mid, str) and mid.isdigit()) else None

    ids = [mid for mid in map(material_id, raw) if mid is not None]
    materials = Material.objects.filter(version_id=case.item_version_id, pk__in=ids).in_bulk()
    items = []
    for entry in raw:
        data = entry if isinstance(entry, dict) else {}
        material = materials.get(material_id(entry))
        name = data.get("name") or (material.name if material else "")
        if not name:
            continue
        standard = data.get("acceptance_standard") or (material.acceptance_standard if material else "")
        note = data.get("note") or data.get("reason") or ""
        items.append(MissingItem(name=name, standard=standard or "—", note=note))
    return items


def build_context(notice) -> NoticeContext:
    case = notice.case
    event = notice.event
    department = case.department or case.item.department
    # CaseEvent.at is a non-null aware datetime: the notice is dated on its local day.
    issued_on = timezone.localdate(event.at) if event is not None else today()
    seal = _seal_for(case, department, issued_on)
    if seal is not None and seal.department is not None:
        issuer = seal.department.name
    else:
        issuer = case.centre.standard_name or case.centre.name
    applicant = case.applicant
    version = case.item_version
    return NoticeContext(
        kind=notice.kind, case=case, event=event,
        centre_name=case.centre.standard_name or case.centre.name,
        issuer_name=issuer, seal_name=seal.name if seal else None,
        applicant_name=applicant.name,
        id_label="统一社会信用代码" if applicant.id_type == "uscc" else "身份证件号码",
        id_masked=mask_id(applicant.id_number),
        item_name=version.name, item_type=version.item_type, item_basis=version.legal_basis.strip(),
        result_type=version.result_type,
        issued_on=issued_on, progress_url=progress_url(case.number),
        payload=(event.payload or {}) if event is not None else {},
        reason=(event.reason if event is not None and event.reason else case.reason) or "",
    )
