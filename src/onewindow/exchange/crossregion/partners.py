"""Registering a partner installation (admin or `manage.py crossregion_partner_add`)."""

from __future__ import annotations

import re

from django.db import transaction

from onewindow.core.errors import Invalid
from onewindow.core.timeutil import now
from onewindow.exchange.crossregion.vault import seal, unseal
from onewindow.exchange.models import ApiClient, Partner, Scope
from onewindow.exchange.services.clients import api_client_create
from onewindow.network.models import Centre, Staff

MIN_SECRET = 32


@transaction.atomic
def partner_register(*, name: str, base_url: str, secret: str, region_codes: list[str],
                     outbound_key: str = "", inbound_centre: Centre | None = None,
                     inbound_staff: Staff | None = None) -> tuple[Partner, str]:
    """Register a partner. With `inbound_centre` (and the staff member its hand-ins are received in the
    name of: a clerk of that centre) the partner may call us: its API client is created with scope
    cases:intake_remote and its key returned (shown once, to be given to the partner); else "" ."""
    if not re.fullmatch(r"https?://[^\s/]+(/[^\s]*)?", base_url or ""):
        raise Invalid("bad_base_url", "地址须以 http:// 或 https:// 开头", "The base URL must be http(s)")
    if len(secret or "") < MIN_SECRET:
        raise Invalid("secret_too_short", "共享密钥至少 32 个字符", "The shared secret needs 32 characters",
                      detail={"min": MIN_SECRET})
    codes = sorted({c.strip() for c in region_codes if c.strip()})
    if any(not re.fullmatch(r"\d{2,12}", c) for c in codes):
        raise Invalid("bad_region_code", "行政区划代码无效", "Invalid region code", detail={"regions": codes})
    client, key = None, ""
    if inbound_centre is not None:
        if inbound_staff is None or inbound_staff.centre_id != inbound_centre.pk:
            raise Invalid("acting_staff_required", "须指定本中心的受理人员",
                          "Hand-ins need a clerk of this centre to be received in the name of")
        client, key = api_client_create(name=f"异地代收：{name}", centre=inbound_centre,
                                        scopes=[Scope.CASES_INTAKE_REMOTE], acting_staff=inbound_staff)
    partner = Partner.objects.create(
        name=name, base_url=base_url.rstrip("/"), region_codes=codes,
        outbound_key_encrypted=seal(outbound_key), secret_encrypted=seal(secret),
        client=client, created_at=now())
    return partner, key


def partner_for_client(client: ApiClient) -> Partner | None:
    return Partner.objects.filter(client=client, active=True).first()


def partner_for_region(region_code: str) -> Partner | None:
    """The active partner serving `region_code` (or a region it contains: codes are prefixes)."""
    for partner in Partner.objects.filter(active=True).order_by("pk"):
        if any(region_code.startswith(c) for c in partner.region_codes):
            return partner
    return None


def partner_secret(partner: Partner) -> str:
    return unseal(partner.secret_encrypted)


def partner_key(partner: Partner) -> str:
    return unseal(partner.outbound_key_encrypted)
