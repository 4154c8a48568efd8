from ninja import Schema


class ErrorOut(Schema):
    """Every error answer of the API."""

    code: str
    message: str
    message_en: str | None = None
    detail: object | None = None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
