"""Bearer auth for API clients (department systems): keys start with "owc_"; scopes per endpoint."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.http import HttpRequest
from ninja.security import HttpBearer

from onewindow.core.errors import Forbidden
from onewindow.core.timeutil import now
from onewindow.exchange.models import ApiClient

PREFIX = "owc_"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def client_for_key(key: str) -> ApiClient | None:
    if not key.startswith(PREFIX):
        return None
    client = (ApiClient.objects.select_related("centre", "department")
              .filter(key_hash=key_hash(key), active=True).first())
    if client is None:
        return None
    moment = now()
    if client.last_used_at is None or moment - client.last_used_at > dt.timedelta(minutes=1):
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=moment)
    return client


class ClientAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        client = client_for_key(token)
        if client is not None:
            request.api_client = client  # type: ignore[attr-defined]
        return client


client_auth = ClientAuth()


def require_scope(request: HttpRequest, scope: str) -> ApiClient:
    client: ApiClient = request.api_client  # type: ignore[attr-defined]
    if scope not in client.scopes:
        raise Forbidden("scope_missing", "该接入系统没有此权限范围", "The API client lacks this scope",
                        detail={"scope": scope})
    return client
