"""Domain errors with a stable code, a Chinese message and an English one.

Services raise these; the API turns them into `{"code", "message", "detail"}` with the HTTP status
below, and pages show the message. Nothing else should map exceptions to statuses.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    default_code = "bad_request"

    def __init__(self, code: str | None = None, message: str = "", message_en: str = "",
                 detail: Any = None) -> None:
        self.code = code or self.default_code
        self.message = message or self.code
        self.message_en = message_en or self.message
        self.detail = detail
        super().__init__(f"{self.code}: {self.message_en}")

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "message_en": self.message_en,
                "detail": self.detail}


class BadRequest(DomainError):
    status = 400


class NotAuthenticated(DomainError):
    status = 401
    default_code = "not_authenticated"


class Forbidden(DomainError):
    status = 403
    default_code = "forbidden"


class NotFound(DomainError):
    status = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The request is well formed but the current state does not allow it (e.g. a transition)."""

    status = 409
    default_code = "conflict"


class Invalid(DomainError):
    """Semantically invalid input (bad ID number, unknown material, N out of range...)."""

    status = 422
    default_code = "invalid"
