"""Scanned and uploaded files. The type is detected from the content (magic bytes), never from the
name; size and allowed types are settings:

ONEWINDOW_ATTACHMENT_MAX_BYTES (default 20 MB), ONEWINDOW_ATTACHMENT_TYPES (default pdf,jpeg,png,ofd).
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from onewindow.cases.models import Attachment, Case, CaseMaterial
from onewindow.cases.services._base import clean_text, move_begin, move_finish
from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now
from onewindow.network.models import Staff

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_TYPES = ("pdf", "jpeg", "png", "ofd")
CONTENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png", "ofd": "application/ofd"}


def max_bytes() -> int:
    return int(getattr(settings, "ONEWINDOW_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_types() -> tuple[str, ...]:
    value = getattr(settings, "ONEWINDOW_ATTACHMENT_TYPES", DEFAULT_TYPES)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",")]
    return tuple(v for v in value if v)


def sniff(data: bytes) -> str | None:
    """"pdf", "jpeg", "png", "ofd" (a zip with OFD.xml at its root, GB/T 33190) or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if any(name.lower() == "ofd.xml" for name in archive.namelist()):
                    return "ofd"
        except zipfile.BadZipFile:
            return None
    return None


def _read_bounded(upload, limit: int) -> bytes:
    chunks, size = [], 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            raise Invalid("file_too_large", "文件过大", "The file is too large", detail={"max_bytes": limit})
        chunks.append(chunk)
    return b"".join(chunks)


def upload_check(upload) -> tuple[bytes, str, str]:
    """The checks every upload passes before anything is written (window and online alike): size by
    setting, not empty, type by content (magic bytes, never the name). Returns (data, kind, name)."""
    limit = max_bytes()
    if getattr(upload, "size", 0) and upload.size > limit:
        raise Invalid("file_too_large", "文件过大", "The file is too large", detail={"max_bytes": limit})
    data = _read_bounded(upload, limit)
    if not data:
        raise Invalid("file_empty", "文件为空", "The file is empty")
    kind = sniff(data)
    if kind is None or kind not in allowed_types():
        raise Invalid("file_type_not_allowed", "文件类型不允许", "This file type is not allowed",
                      detail={"detected": kind, "allowed": list(allowed_types())})
    name = clean_text(getattr(upload, "name", "") or "", field="name", max_length=200)
    return data, kind, name


@transaction.atomic
def attachment_add(*, case: Case, by: Staff, upload, material_id: int | None = None) -> Attachment:
    data, kind, name = upload_check(upload)
    move = move_begin(case=case, by=by, action="attach")
    case_material = None
    if material_id is not None:
        case_material = CaseMaterial.objects.filter(case=move.case, material_id=material_id).first()
        if case_material is None:
            raise Invalid("material_not_in_list", "材料不在该办件的材料清单中",
                          "Material not in the case's list", detail={"materials": [material_id]})
    digest = hashlib.sha256(data).hexdigest()
    attachment = Attachment(case=move.case, case_material=case_material, original_name=name, sha256=digest,
                            size=len(data), content_type=CONTENT_TYPES[kind], uploaded_by_id=by.user_id,
                            uploaded_at=now())
    attachment.file.save(f"{digest[:16]}.{kind}", ContentFile(data), save=False)
    attachment.save()
    move_finish(move, payload={"attachment": attachment.pk, "sha256": digest, "size": len(data),
                               "content_type": attachment.content_type, "material": material_id})
    return attachment
