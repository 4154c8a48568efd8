"""Rate limits per client IP on the doors people guess at: login forms (staff, admin, citizen), the
API token endpoint and the public progress lookup (pages and API). One middleware, one table, so a
new login page cannot forget its limit; the rates are settings.ONEWINDOW_RATELIMITS.

Over the limit: 429 — JSON in the API's error format under /api/, a short page elsewhere."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from onewindow.security.ip import client_ip

# (group, methods, path pattern, URL names). A request counts when its path matches or it resolves
# to one of the names (any namespace: "login", "admin:login", "portal:login").
RULES: list[tuple[str, frozenset[str], re.Pattern[str] | None, frozenset[str]]] = [
    ("login", frozenset({"POST"}), None, frozenset({"login"})),
    ("token", frozenset({"POST"}), re.compile(r"^/api/v1/auth/token/?$"), frozenset()),
    ("progress", frozenset({"GET", "POST"}), re.compile(r"^/(api/v1/public/progress|progress)/"),
     frozenset()),
]


def _group_for(request: HttpRequest) -> str | None:
    url_name: str | None = None
    for group, methods, pattern, names in RULES:
        if request.method not in methods:
            continue
        if pattern is not None and pattern.match(request.path_info):
            return group
        if names:
            if url_name is None:
                try:
                    url_name = resolve(request.path_info).url_name or ""
                except Resolver404:
                    url_name = ""
            if url_name in names:
                return group
    return None


def _ip_key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        group = _group_for(request)
        if group is not None:
            rate = settings.ONEWINDOW_RATELIMITS.get(group)
            usage = get_usage(request, group=f"ow:{group}", key=_ip_key, rate=rate,
                              increment=True) if rate else None
            if usage is not None and usage["should_limit"]:
                return self._refuse(request, usage)
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, usage) -> HttpResponse:
        retry = str(max(1, int(usage.get("time_left", 60))))
        response: HttpResponse
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"code": "too_many_requests", "message": "请求过于频繁，请稍后再试",
                                     "message_en": "Too many requests, try again later",
                                     "detail": {"retry_after": int(retry)}}, status=429)
        else:
            response = HttpResponse(_("Too many attempts. Please wait a minute and try again."),
                                    status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = retry
        return response
