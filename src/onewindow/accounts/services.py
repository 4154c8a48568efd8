from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from onewindow.accounts.lockout import login_failure_record, login_is_locked, login_success_record
from onewindow.accounts.models import (
    ApiToken,
    Organisation,
    OrganisationMember,
    OrganisationRole,
    SmsPurpose,
    User,
)
from onewindow.accounts.sms import phone_clean, sms_code_verify
from onewindow.core.errors import Conflict, Forbidden, Invalid, NotAuthenticated, NotFound
from onewindow.core.identifiers import validate_resident_id, validate_uscc
from onewindow.core.timeutil import now


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def api_token_issue(*, username: str, password: str, ip: str = "") -> str:
    # The same lockout as the login pages (accounts.lockout): the API is not a way around it.
    if login_is_locked(username=username):
        raise _locked_error()
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        login_failure_record(username=username, ip=ip)
        raise NotAuthenticated("invalid_credentials", "用户名或密码错误", "Wrong username or password")
    login_success_record(username=username)
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


# --- citizen accounts (docs/portal-citizen.md) ---


def _locked_error() -> Forbidden:
    return Forbidden("login_locked", "登录失败次数过多，账号已临时锁定，请稍后再试",
                     "Too many failed logins: the account is locked for a while")


def citizen_authenticate(*, username: str, password: str, ip: str) -> User:
    """Password login for the portal, behind the shared lockout (accounts.lockout). Not atomic on
    purpose: the failure count must survive the error."""
    username = (username or "").strip()[:150]
    if login_is_locked(username=username):
        raise _locked_error()
    user = authenticate(username=username, password=password)
    if user is None or not user.is_active:
        login_failure_record(username=username, ip=ip)
        if login_is_locked(username=username):
            raise _locked_error()
        raise NotAuthenticated("invalid_credentials", "用户名或密码错误", "Wrong username or password")
    login_success_record(username=username)
    assert isinstance(user, User)
    return user


def citizen_authenticate_sms(*, phone: str, code: str, ip: str) -> User:
    """SMS code login: the phone must belong to an active account with a verified phone."""
    phone = phone_clean(phone)
    if login_is_locked(username=phone):
        raise _locked_error()
    try:
        sms_code_verify(phone=phone, purpose=SmsPurpose.LOGIN, code=code)
    except Invalid:
        login_failure_record(username=phone, ip=ip)
        raise
    user = User.objects.filter(username=phone, is_active=True).first()
    if user is None:
        # The code was right but there is no account: same answer as a wrong password (no oracle).
        raise NotAuthenticated("invalid_credentials", "用户名或密码错误", "Wrong username or password")
    login_success_record(username=phone)
    return user


def citizen_register(*, phone: str, password: str, name: str, id_number: str, sms_code: str) -> User:
    """A person's account: the phone (verified by an SMS code) is the username; argon2 hashing
    (PASSWORD_HASHERS) and the password policy (AUTH_PASSWORD_VALIDATORS) apply."""
    phone = phone_clean(phone)
    name = (name or "").strip()
    if not name or len(name) > 60 or "\x00" in name:
        raise Invalid("invalid_name", "请填写真实姓名", "Please give your real name")
    number = validate_resident_id((id_number or "").strip().upper()).number
    candidate = User(username=phone, display_name=name, phone=phone, id_number=number)
    try:
        validate_password(password, user=candidate)
    except DjangoValidationError as exc:
        raise Invalid("weak_password", "密码不符合要求", "The password does not meet the policy",
                      detail={"errors": [str(m) for m in exc.messages]}) from exc
    if User.objects.filter(username=phone).exists():
        raise Conflict("phone_registered", "该手机号已注册", "This phone number is already registered")
    # The code is checked last and in its own transaction, so a wrong try is counted (sms.py).
    sms_code_verify(phone=phone, purpose=SmsPurpose.REGISTER, code=sms_code)
    return _citizen_create(candidate=candidate, password=password)


@transaction.atomic
def _citizen_create(*, candidate: User, password: str) -> User:
    if User.objects.select_for_update().filter(username=candidate.username).exists():
        raise Conflict("phone_registered", "该手机号已注册", "This phone number is already registered")
    candidate.set_password(password)
    candidate.phone_verified_at = now()
    candidate.save()
    return candidate


@transaction.atomic
def organisation_register(*, by: User, uscc: str, name: str, legal_rep_name: str,
                          legal_rep_id_number: str) -> Organisation:
    """An organisation account; `by` becomes its legal representative (when the ID numbers match)
    or its administrator."""
    code = validate_uscc((uscc or "").strip().upper())
    name = (name or "").strip()
    rep = (legal_rep_name or "").strip()
    if not name or len(name) > 200 or not rep or len(rep) > 60:
        raise Invalid("organisation_incomplete", "请填写单位名称和法定代表人",
                      "Name and legal representative required")
    rep_id = validate_resident_id((legal_rep_id_number or "").strip().upper()).number
    if Organisation.objects.select_for_update().filter(uscc=code).exists():
        raise Conflict("organisation_registered", "该单位已注册，请联系单位管理员添加您为成员",
                       "This organisation is registered; ask its administrator to add you")
    org = Organisation.objects.create(uscc=code, name=name, legal_rep_name=rep, legal_rep_id_number=rep_id,
                                      created_by=by, created_at=now())
    role = OrganisationRole.LEGAL_REPRESENTATIVE if by.id_number == rep_id else OrganisationRole.ADMIN
    OrganisationMember.objects.create(organisation=org, user=by, role=role, added_at=now())
    return org


MANAGING_ROLES = (OrganisationRole.LEGAL_REPRESENTATIVE, OrganisationRole.ADMIN)


def _managed(*, by: User, organisation_id: int) -> Organisation:
    """The organisation if `by` manages it; 404 otherwise (membership is not disclosed)."""
    org = (Organisation.objects.select_for_update()
           .filter(pk=organisation_id, members__user=by, members__role__in=MANAGING_ROLES).first())
    if org is None:
        raise NotFound("organisation_not_found", "单位不存在", "No such organisation")
    return org


@transaction.atomic
def organisation_member_add(*, by: User, organisation_id: int, phone: str,
                            role: str = OrganisationRole.MEMBER) -> OrganisationMember:
    org = _managed(by=by, organisation_id=organisation_id)
    if role not in (OrganisationRole.ADMIN, OrganisationRole.MEMBER):
        raise Invalid("invalid_member_role", "成员角色无效", "Invalid member role")
    user = User.objects.filter(username=phone_clean(phone), is_active=True).first()
    if user is None:
        raise Invalid("member_not_registered", "该手机号尚未注册个人账号",
                      "No personal account with this phone")
    member, created = OrganisationMember.objects.get_or_create(
        organisation=org, user=user, defaults={"role": role, "added_at": now()})
    if not created:
        raise Conflict("already_member", "该用户已是单位成员", "Already a member")
    return member


@transaction.atomic
def organisation_member_remove(*, by: User, organisation_id: int, user_id: int) -> None:
    org = _managed(by=by, organisation_id=organisation_id)
    member = OrganisationMember.objects.filter(organisation=org, user_id=user_id).first()
    if member is None:
        raise NotFound("member_not_found", "成员不存在", "No such member")
    if member.role == OrganisationRole.LEGAL_REPRESENTATIVE:
        raise Conflict("legal_rep_cannot_leave", "不能移除法定代表人",
                       "The legal representative cannot be removed")
    member.delete()
