"""The one NinjaAPI instance: error format, auth, and every app's router.

Error format for every non-2xx answer: {"code", "message" (Chinese), "message_en", "detail"}.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from onewindow.accounts.services import api_token_user
from onewindow.core.errors import DomainError


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_user(key=token)
        if user is not None:
            request.user = user
        return user


bearer = BearerAuth()
logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="onewindow API",
    version="1",
    description="一窗通办 — catalogue, calendar, cases. Errors: {code, message, message_en, detail}.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(request: HttpRequest, status: int, code: str, message: str, message_en: str,
           detail=None) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, "message_en": message_en,
                                         "detail": detail}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request, exc: DomainError):
    return _error(request, exc.status, exc.code, exc.message, exc.message_en, exc.detail)


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc: NinjaValidationError):
    return _error(request, 422, "validation_error", "请求参数有误", "Invalid request parameters",
                  _jsonable(exc.errors))


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return _error(request, 401, "not_authenticated", "未登录或令牌无效", "Missing or invalid token")


@api.exception_handler(Http404)
def on_404(request, exc):
    return _error(request, 404, "not_found", "未找到", "Not found")


# ninja raises HttpError itself for a body it cannot parse (400) and similar protocol errors.
_HTTP_ERRORS = {
    400: ("malformed_request", "请求格式有误（无法解析请求体）"),
    403: ("forbidden", "无权访问"),
    404: ("not_found", "未找到"),
    405: ("method_not_allowed", "不支持该请求方法"),
    429: ("too_many_requests", "请求过于频繁，请稍后再试"),
}


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    code, message = _HTTP_ERRORS.get(exc.status_code, ("http_error", "请求无法处理"))
    return _error(request, exc.status_code, code, message, str(exc))


@api.exception_handler(Exception)
def on_unexpected(request, exc: Exception):
    # A bug, not bad input: log the traceback and still answer in the error format.
    logger.exception("Unhandled error in %s %s", request.method, request.path)
    return _error(request, 500, "server_error", "服务器内部错误", "Internal server error")


def _jsonable(errors):
    out = []
    for err in errors:
        item = {k: v for k, v in err.items() if k in ("loc", "msg", "type")}
        item["loc"] = [str(x) for x in item.get("loc", [])]
        out.append(item)
    return out


def _register_routers() -> None:
    # Each app owns its router; the order here is the order in the OpenAPI document.
    from onewindow.accounts.api import router as auth_router
    from onewindow.calendar.api import router as calendar_router
    from onewindow.cases.api import router as cases_router
    from onewindow.catalogue.api import router as catalogue_router
    from onewindow.exchange.api import router as exchange_router
    from onewindow.feedback.api import router as feedback_router
    from onewindow.licences.api import router as licences_router
    from onewindow.notifications.api import router as notifications_router
    from onewindow.portal.api import router as portal_router
    from onewindow.queueing.api import router as queue_router
    from onewindow.reports.api import router as reports_router
    from onewindow.security.api import router as security_router
    from onewindow.supervision.api import router as supervision_router

    api.add_router("/auth", auth_router)
    api.add_router("/calendar", calendar_router)
    api.add_router("/items", catalogue_router)
    api.add_router("/queue", queue_router)
    api.add_router("/licences", licences_router)
    api.add_router("/supervision", supervision_router)
    api.add_router("/feedback", feedback_router)
    api.add_router("/reports", reports_router)
    api.add_router("/exchange", exchange_router)
    api.add_router("/notifications", notifications_router)
    api.add_router("/portal", portal_router)
    api.add_router("/security", security_router)
    api.add_router("/", cases_router)
    # Last, so that it only sees paths no router claimed.
    api.add_router("", _fallback_router())


def _fallback_router() -> Router:
    """Any unknown path under /api/v1/ answers a JSON 404 in the error format (not Django's HTML)."""
    router = Router()

    @router.api_operation(["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None,
                          include_in_schema=False)
    def unknown_route(request, rest: str):
        return _error(request, 404, "unknown_route", "接口不存在", "No such API endpoint",
                      {"path": request.path[:200]})

    return router


_register_routers()
