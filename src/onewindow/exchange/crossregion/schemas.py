"""The hand-in body (the same shape at both installations): validated before anything is written."""

from __future__ import annotations

import base64
import binascii
import hashlib
import uuid

from django.conf import settings
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from onewindow.core.errors import Invalid

DEFAULT_MAX_CONTENT = 1_500_000  # decoded bytes of all files; base64 stays under Django's 2.5 MB body


class ApplicantBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: str = Field(max_length=12)
    name: str = Field(max_length=200)
    id_type: str = Field(max_length=12)
    id_number: str = Field(max_length=18)
    phone: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    agent_name: str = Field("", max_length=60)
    agent_id_number: str = Field("", max_length=18)
    agent_phone: str = Field("", max_length=30)
    authorisation_letter: bool = False


class FileBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(max_length=200)
    sha256: str = Field(pattern="^[0-9a-f]{64}$")
    size: int = Field(ge=1)
    # base64 of the file; absent: the original travels by post and is checked against sha256 there.
    content: str | None = None


class MaterialBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    material: int = Field(ge=1, le=2**62)  # the material's id in the competent installation's guide
    provided: str = Field(pattern="^(original|copy|electronic|missing)$")
    note: str = Field("", max_length=300)
    file: FileBody | None = None


class HandInBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: uuid.UUID
    item: str = Field(min_length=1, max_length=60)
    applicant: ApplicantBody
    materials: list[MaterialBody] = Field(default_factory=list, max_length=200)
    received_at: str = Field(max_length=40)
    received_by: str = Field("", max_length=200)  # the receiving centre, for the competent one's record


def max_content() -> int:
    return int(getattr(settings, "ONEWINDOW_CROSSREGION_MAX_CONTENT_BYTES", DEFAULT_MAX_CONTENT))


def hand_in_parse(data) -> tuple[HandInBody, dict[int, bytes]]:
    """Validate the body and decode every file; each must match its SHA-256 and size, and all of them
    together stay within the limit. Returns the body and {material id: file bytes}. 422 otherwise."""
    try:
        body = HandInBody.model_validate(data)
    except ValidationError as exc:
        raise Invalid("validation_error", "请求参数有误", "Invalid request parameters",
                      detail=[{"loc": [str(x) for x in e["loc"]], "msg": e["msg"]} for e in exc.errors()]
                      ) from None
    files: dict[int, bytes] = {}
    total = 0
    for line in body.materials:
        if line.file is None or line.file.content is None:
            continue
        try:
            raw = base64.b64decode(line.file.content, validate=True)
        except (binascii.Error, ValueError):
            raise Invalid("bad_file_content", "文件内容不是有效的 base64", "File content is not base64",
                          detail={"material": line.material}) from None
        total += len(raw)
        if total > max_content():
            raise Invalid("payload_too_large", "随件传送的文件过大，请邮寄原件",
                          "Files too large to send inline", detail={"max_bytes": max_content()})
        if hashlib.sha256(raw).hexdigest() != line.file.sha256 or len(raw) != line.file.size:
            raise Invalid("file_hash_mismatch", "文件与其 SHA-256 摘要不符",
                          "A file does not match its SHA-256", detail={"material": line.material})
        files[line.material] = raw
    return body, files
