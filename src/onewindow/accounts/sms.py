"""SMS one-time codes (login, registration, phone verification) through notification_send channel "sms".

The gateway is pluggable (ONEWINDOW_NOTIFICATION_BACKENDS["sms"]); the default console backend logs
the message. Only an HMAC-SHA256 of the code (keyed with SECRET_KEY) is stored, so a database copy
does not reveal live codes; a code expires after ONEWINDOW_SMS_CODE_MINUTES (5) and allows
ONEWINDOW_SMS_CODE_ATTEMPTS (5) wrong tries; a phone gets at most one code per purpose every
ONEWINDOW_SMS_CODE_INTERVAL_SECONDS (60).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onewindow.accounts.models import SmsCode, SmsPurpose
from onewindow.core.errors import Conflict, Invalid
from onewindow.core.timeutil import now
from onewindow.notifications import templates as notification_templates
from onewindow.notifications.services import notification_send

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
TEMPLATE = "accounts.sms_code"
notification_templates.register(
    TEMPLATE, _("Your verification code is %(code)s, valid for %(minutes)s minutes. Do not tell anyone."))


def _minutes() -> int:
    return int(getattr(settings, "ONEWINDOW_SMS_CODE_MINUTES", 5))


def _max_attempts() -> int:
    return int(getattr(settings, "ONEWINDOW_SMS_CODE_ATTEMPTS", 5))


def _interval() -> int:
    return int(getattr(settings, "ONEWINDOW_SMS_CODE_INTERVAL_SECONDS", 60))


def phone_clean(value: str) -> str:
    """A mainland mobile number (11 digits, 1[3-9]…), else 422 invalid_phone."""
    phone = re.sub(r"[\s-]", "", value or "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if not PHONE_RE.match(phone):
        raise Invalid("invalid_phone", "手机号码无效", "Invalid mobile phone number")
    return phone


def _digest(*, phone: str, purpose: str, code: str) -> str:
    message = f"{phone}|{purpose}|{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def sms_code_send(*, phone: str, purpose: str) -> SmsCode:
    """Create a code and send it by SMS after commit. 409 sms_code_too_soon within the interval."""
    phone = phone_clean(phone)
    if purpose not in SmsPurpose.values:
        raise Invalid("invalid_sms_purpose", "验证码用途无效", "Invalid code purpose")
    moment = now()
    recent = (SmsCode.objects.select_for_update().filter(phone=phone, purpose=purpose)
              .order_by("-created_at").first())
    if recent is not None and (moment - recent.created_at).total_seconds() < _interval():
        raise Conflict("sms_code_too_soon", "验证码发送过于频繁，请稍后再试",
                       "A code was sent moments ago; try again later", detail={"seconds": _interval()})
    # Older unused codes stop counting: only the newest code can be used.
    SmsCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(used_at=moment)
    code = f"{secrets.randbelow(1_000_000):06d}"
    row = SmsCode.objects.create(phone=phone, purpose=purpose, code_hash=_digest(phone=phone, purpose=purpose,
                                                                                 code=code),
                                 created_at=moment, expires_at=moment + dt.timedelta(minutes=_minutes()))
    notification_send(dedupe_key=f"accounts:sms-code:{row.pk}", channel="sms", template=TEMPLATE,
                      context={"code": code, "minutes": _minutes()}, address=phone)
    return row


def sms_code_verify(*, phone: str, purpose: str, code: str) -> None:
    """Use the newest code of (phone, purpose). 422 sms_code_invalid (none, used, or wrong),
    sms_code_expired, sms_code_attempts. A wrong try is counted even though an error is raised: the
    count is committed in its own transaction before the error leaves (call this outside any outer
    transaction whose rollback would undo it)."""
    phone = phone_clean(phone)
    code = (code or "").strip()
    with transaction.atomic():
        row = (SmsCode.objects.select_for_update().filter(phone=phone, purpose=purpose, used_at__isnull=True)
               .order_by("-created_at").first())
        if row is None:
            error = "invalid"
        elif now() >= row.expires_at:
            error = "expired"
        elif row.attempts >= _max_attempts():
            error = "attempts"
        elif hmac.compare_digest(row.code_hash, _digest(phone=phone, purpose=purpose, code=code)):
            row.used_at = now()
            row.save(update_fields=["used_at"])
            error = ""
        else:
            row.attempts += 1
            row.save(update_fields=["attempts"])
            error = "attempts" if row.attempts >= _max_attempts() else "invalid"
    if error == "expired":
        raise Invalid("sms_code_expired", "验证码已过期，请重新获取",
                      "The code has expired; ask for a new one")
    if error == "attempts":
        raise Invalid("sms_code_attempts", "验证码错误次数过多，请重新获取",
                      "Too many wrong codes; ask for a new one")
    if error:
        raise Invalid("sms_code_invalid", "验证码错误", "Wrong verification code")
