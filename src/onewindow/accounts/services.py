from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction

from onewindow.accounts.models import ApiToken, User
from onewindow.core.errors import NotAuthenticated
from onewindow.core.timeutil import now


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, username: str, password: str) -> str:
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        raise NotAuthenticated("invalid_credentials", "用户名或密码错误", "Wrong username or password")
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, key_hash=_hash(key), prefix=key[:8],
                            expires_at=now() + dt.timedelta(days=settings.ONEWINDOW_API_TOKEN_DAYS))
    return key


def api_token_user(*, key: str) -> User | None:
    """The active user behind a bearer key, or None. Touches last_used_at at most once a minute."""
    token = (ApiToken.objects.select_related("user")
             .filter(key_hash=_hash(key), revoked=False, expires_at__gt=now()).first())
    if token is None or not token.user.is_active:
        return None
    moment = now()
    if token.last_used_at is None or moment - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
    return token.user
